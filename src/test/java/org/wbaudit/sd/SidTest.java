package org.wbaudit.sd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SidTest {
  @Test
  void binaryFormIsBigEndianAuthorityAndLittleEndianSubAuthorities() throws Exception {
    // S-1-5-21-1-2-3-1105: the layout of MS-DTYP 2.4.2.2.
    byte[] b = HexFormat.of().parseHex(
        "010500000000000515000000010000000200000003000000" + "51040000");
    Sid sid = Sid.fromBytes(b);
    assertEquals("S-1-5-21-1-2-3-1105", sid.toString());
    assertArrayEquals(b, sid.toBytes());
    assertEquals(1105, sid.rid());
    assertEquals(Sid.parse("S-1-5-21-1-2-3"), sid.parent());
  }

  @Test
  void largeAuthoritiesAreHexadecimal() {
    Sid sid = Sid.of(0x1_0000_0000L, 7);
    assertEquals("S-1-0x000100000000-7", sid.toString());
    assertEquals(sid, Sid.parse(sid.toString()));
  }

  @Test
  void unsignedSubAuthoritiesSurvive() {
    Sid sid = Sid.parse("S-1-5-21-4294967295-2147483648-1");
    assertEquals("S-1-5-21-4294967295-2147483648-1", sid.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "X-1-5", "S-2-5-1", "S-1", "S-1-x", "S-1-5-abc", "S-1-5-4294967296",
      "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16"})
  void badStringFormsAreRefusedWithAReason(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sid.parse(text));
    assertTrue(e.getMessage().contains("SID"), e.getMessage());
  }

  @Test
  void binaryValueOfTheWrongLengthIsRefused() {
    byte[] b = HexFormat.of().parseHex("01010000000000050b00000000");
    MalformedDescriptorException e =
        assertThrows(MalformedDescriptorException.class, () -> Sid.fromBytes(b));
    assertTrue(e.getMessage().contains("12 bytes but value has 13"), e.getMessage());
  }

  @Test
  void wellKnownAliasesResolveAgainstTheDomain() {
    Sid domain = Sid.parse("S-1-5-21-9-8-7");
    assertEquals(WellKnownSid.DOMAIN_ADMINS, WellKnownSid.lookup(domain.withRid(512), domain));
    assertEquals(null, WellKnownSid.lookup(Sid.parse("S-1-5-21-1-1-1-512"), domain));
    assertEquals(WellKnownSid.AUTHENTICATED_USERS, WellKnownSid.lookup(Sid.parse("S-1-5-11"), null));
  }
}
