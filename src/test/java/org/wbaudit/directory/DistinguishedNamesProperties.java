package org.wbaudit.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The text shortcuts of {@link DistinguishedNames} answer as the LDAP SDK's DN parser does, for
 * DNs as DCs write them and for the escaped, spaced, quoted and non-ASCII ones they leave to it.
 */
class DistinguishedNamesProperties {
  @Property(tries = 3000)
  void parentIsTheParsersParent(@ForAll("dns") String dn) {
    assertEquals(parsedParent(dn), DistinguishedNames.parentOf(dn), dn);
  }

  @Property(tries = 3000)
  void sameIsTheParsersEquality(@ForAll("dns") String a, @ForAll("dns") String b) {
    assertEquals(parsedSame(a, b), DistinguishedNames.same(a, b), a + " | " + b);
    String other = flipCase(a);
    assertEquals(parsedSame(a, other), DistinguishedNames.same(a, other), a + " | " + other);
  }

  @Example
  void plainIsOnlyTheDcForm() {
    assertEquals(true, DistinguishedNames.plain("CN=Ann Lee,OU=Sales,DC=corp,DC=example"));
    assertEquals(false, DistinguishedNames.plain("CN=Lee\\, Ann,OU=Sales,DC=corp"));
    assertEquals(false, DistinguishedNames.plain("CN=Ann, OU=Sales"));
    assertEquals(false, DistinguishedNames.plain("CN=Ann  Lee,OU=Sales"));
    assertEquals(false, DistinguishedNames.plain("CN=Ann+UID=1,OU=Sales"));
    assertEquals(false, DistinguishedNames.plain("CN=Zoë,OU=Sales"));
  }

  @Provide
  Arbitrary<String> dns() {
    Arbitrary<String> type = Arbitraries.of("CN", "cn", "OU", "DC", "dc", "2.5.4.3", "O");
    Arbitrary<String> value = Arbitraries.strings()
        .withChars("aBc Zé1-_.\\,+\"#=;")
        .ofMinLength(0).ofMaxLength(8)
        .injectDuplicates(0.1);
    Arbitrary<String> rdn = net.jqwik.api.Combinators.combine(type, value,
        Arbitraries.of("=", " =", "= ")).as((t, v, eq) -> t + eq + v);
    Arbitrary<String> sep = Arbitraries.of(",", ",", ",", ", ", " ,");
    return net.jqwik.api.Combinators.combine(rdn.list().ofMinSize(1).ofMaxSize(4), sep)
        .as((rdns, s) -> String.join(s, rdns))
        .injectDuplicates(0.2);
  }

  private static String parsedParent(String dn) {
    try {
      DN parent = new DN(dn).getParent();
      return parent == null || parent.isNullDN() ? null : parent.toString();
    } catch (LDAPException e) {
      return null;
    }
  }

  private static boolean parsedSame(String a, String b) {
    try {
      return new DN(a).equals(new DN(b));
    } catch (LDAPException e) {
      return false;
    }
  }

  private static String flipCase(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
    }
    return out.toString();
  }
}
