package org.wbaudit.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wbaudit.sd.Sddl;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sid;

/** Which ACEs on a container give its descendant users' Reset Password to their trustee. */
class ResetGrantsTest {
  static final Sid DOMAIN = Sid.parse("S-1-5-21-7-8-9");
  static final String SYNC = "S-1-5-21-7-8-9-1105";
  static final String RESET = "00299570-246d-11d0-a768-00aa006e0529";
  static final String USER = "bf967aba-0de6-11d0-a285-00aa003049e2";
  static final String INET = "4828cc14-1437-45bc-9b07-ad6f015e5f28";
  static final String GROUP = "bf967a9c-0de6-11d0-a285-00aa003049e2";

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      (OA;CIIO;CR;00299570-246d-11d0-a768-00aa006e0529;bf967aba-0de6-11d0-a285-00aa003049e2;SYNC) | user
      (OA;CIIO;CR;00299570-246d-11d0-a768-00aa006e0529;4828cc14-1437-45bc-9b07-ad6f015e5f28;SYNC) | inetOrgPerson
      (A;CI;GA;;;SYNC)                                                                           | both
      (OA;CI;CR;;;SYNC)                                                                          | both
      (OA;CIIO;CR;00299570-246d-11d0-a768-00aa006e0529;bf967a9c-0de6-11d0-a285-00aa003049e2;SYNC) | none
      (OA;CIIO;CR;ab721a53-1e2f-11d0-9819-00aa0040529b;bf967aba-0de6-11d0-a285-00aa003049e2;SYNC) | none
      (OA;;CR;00299570-246d-11d0-a768-00aa006e0529;;SYNC)                                         | none
      (OD;CIIO;CR;00299570-246d-11d0-a768-00aa006e0529;bf967aba-0de6-11d0-a285-00aa003049e2;SYNC) | none
      (A;CI;GW;;;SYNC)                                                                           | none
      (OA;CIID;CR;00299570-246d-11d0-a768-00aa006e0529;bf967aba-0de6-11d0-a285-00aa003049e2;SYNC) | none
      (A;CIIO;GA;;;CO)                                                                           | none
      """)
  void aContainersInheritableResetGrantsAndTheClassesTheyReach(String ace, String reaches) throws Exception {
    SecurityDescriptor sd = Sddl.parse("O:DAG:DAD:" + ace.replace("SYNC", SYNC), DOMAIN);
    List<ResetGrants.Grant> grants = ResetGrants.of(sd);
    if (reaches.equals("none")) {
      assertEquals(List.of(), grants);
      return;
    }
    assertEquals(1, grants.size(), grants.toString());
    ResetGrants.Grant g = grants.get(0);
    assertEquals(Sid.parse(SYNC), g.trustee());
    UUID expected = switch (reaches) {
      case "user" -> UUID.fromString(USER);
      case "inetOrgPerson" -> UUID.fromString(INET);
      default -> null;
    };
    assertEquals(expected, g.objectClass());
    assertEquals(0, g.aceIndex());
  }
}
