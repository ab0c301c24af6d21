package org.wbaudit.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LdapUrlTest {
  @Test
  void defaultsPortsBySchemeAndKeepsWhetherTlsIsFromTheStart() {
    LdapUrl s = LdapUrl.parse("ldaps://dc1.corp.example");
    assertEquals(636, s.port());
    assertTrue(s.secureFromStart());
    LdapUrl p = LdapUrl.parse("LDAP://dc1.corp.example:3268/");
    assertEquals(3268, p.port());
    assertFalse(p.secureFromStart());
    assertEquals("ldap://dc1.corp.example:3268", p.toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      http://dc1            | expected ldaps://host[:port] or ldap://host[:port]
      dc1.corp.example      | expected ldaps://host[:port]
      ldaps://              | no host
      ldaps://dc1/DC=corp   | a base DN in the URL is not supported
      ldap s://x            | not a URL
      """)
  void badUrlsSayWhatIsWrong(String text, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LdapUrl.parse(text));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
