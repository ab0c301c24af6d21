package org.wbaudit.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.wbaudit.sd.Sddl;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sid;

/** What reaches a user from its ancestors, rule by rule. */
class InheritanceTest {
  static final Sid DOMAIN = Sid.parse("S-1-5-21-1-2-3");
  static final String RESET = "00299570-246d-11d0-a768-00aa006e0529";
  static final String USER = "bf967aba-0de6-11d0-a285-00aa003049e2";
  static final String GROUP = "bf967a9c-0de6-11d0-a285-00aa003049e2";
  static final UUID USER_CLASS = UUID.fromString(USER);

  static SecurityDescriptor sd(String sddl) throws Exception {
    return Sddl.parse(sddl, DOMAIN);
  }

  static List<String> reaching(String... ancestors) throws Exception {
    List<SecurityDescriptor> chain = new ArrayList<>();
    for (String a : ancestors) {
      chain.add(a == null ? null : sd(a));
    }
    List<String> out = new ArrayList<>();
    for (Inheritance.Reaching r : Inheritance.reaching(chain, USER_CLASS)) {
      out.add(r.depth() + ":" + Sddl.formatAce(r.ace(), DOMAIN));
    }
    return out;
  }

  @Test
  void containerInheritReachesEveryLevelAndNoPropagateOnlyTheFirst() throws Exception {
    String ci = "(OA;CIIO;CR;" + RESET + ";" + USER + ";S-1-5-21-1-2-3-1105)";
    String np = "(OA;CINPIO;CR;" + RESET + ";" + USER + ";S-1-5-21-1-2-3-1106)";
    assertEquals(List.of("1:" + ci, "1:" + np), reaching("O:DAD:" + ci + np));
    assertEquals(List.of("2:" + ci), reaching("O:DAD:(A;;RC;;;AU)", "O:DAD:" + ci + np),
        "no-propagate stops after the ancestor's own children");
  }

  @Test
  void onlyExplicitInheritableAcesApplicableToTheClassCount() throws Exception {
    assertEquals(List.of(), reaching("O:DAD:(A;;GA;;;DA)"), "not inheritable");
    assertEquals(List.of(), reaching("O:DAD:(OA;CIIOID;CR;" + RESET + ";" + USER + ";DA)"),
        "already inherited there: it came from further up, which the walk visits itself");
    assertEquals(List.of(), reaching("O:DAD:(OA;CIIO;CR;" + RESET + ";" + GROUP + ";DA)"),
        "for groups only");
    assertEquals(List.of("1:(A;CI;RPWP;;;DA)"), reaching("O:DAD:(A;CI;RPWP;;;DA)"),
        "no inherited object type: every class");
  }

  @Test
  void aProtectedAncestorStopsWhatIsAboveItButKeepsItsOwn() throws Exception {
    String own = "(A;CI;RP;;;DA)";
    String above = "(A;CI;WP;;;DA)";
    assertEquals(List.of("1:" + own), reaching("O:DAD:P" + own, "O:DAD:" + above));
    assertEquals(List.of("1:" + own), reaching("O:DAD:" + own, null, "O:DAD:" + above),
        "an unreadable ancestor ends the walk: nothing above it is guessed");
  }

  @Test
  void stampedCopiesAreFoundAndTheStampedFormIsEffective() throws Exception {
    SecurityDescriptor parent = sd("O:DAD:(OA;CIIO;CR;" + RESET + ";" + USER + ";DA)");
    var ace = Inheritance.reaching(List.of(parent), USER_CLASS).get(0).ace();
    assertTrue(Inheritance.stamped(sd("O:DAD:(OA;CIIOID;CR;" + RESET + ";" + USER + ";DA)").dacl(), ace));
    assertFalse(Inheritance.stamped(sd("O:DAD:(OA;CIIO;CR;" + RESET + ";" + USER + ";DA)").dacl(), ace),
        "an explicit copy is not an inherited one");
    assertFalse(Inheritance.stamped(sd("O:DAD:(OA;CIIOID;CR;" + RESET + ";" + USER + ";AU)").dacl(), ace),
        "another trustee");
    assertFalse(Inheritance.asStamped(ace).isInheritOnly());
    assertTrue(Inheritance.asStamped(ace).isInherited());
  }
}
