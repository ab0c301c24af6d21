package org.wbaudit.sd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SddlTest {
  static final Sid DOMAIN = Sid.parse("S-1-5-21-1-2-3");

  @Test
  void readsEveryPart() throws Exception {
    SecurityDescriptor sd = Sddl.parse(
        "O:DAG:DUD:PAI(A;CI;RPWP;;;AU)(OA;CIIO;CR;00299570-246d-11d0-a768-00aa006e0529;"
            + "bf967aba-0de6-11d0-a285-00aa003049e2;S-1-5-21-1-2-3-1105)S:AI(AU;SAFA;WP;;;WD)",
        DOMAIN);
    assertEquals(DOMAIN.withRid(512), sd.owner());
    assertEquals(DOMAIN.withRid(513), sd.group());
    assertTrue(sd.isDaclProtected());
    assertTrue(sd.hasControl(SecurityDescriptor.DACL_AUTO_INHERITED));
    assertTrue(sd.hasControl(SecurityDescriptor.SACL_AUTO_INHERITED));
    assertTrue(sd.hasControl(SecurityDescriptor.SACL_PRESENT));
    assertEquals(2, sd.dacl().size());
    assertEquals(Acl.REVISION_DS, sd.dacl().revision());
    AccessAce first = assertInstanceOf(AccessAce.class, sd.dacl().get(0));
    assertEquals(AccessMask.READ_PROPERTY | AccessMask.WRITE_PROPERTY, first.mask());
    assertEquals(AceFlags.CONTAINER_INHERIT, first.flags());
    ObjectAce second = assertInstanceOf(ObjectAce.class, sd.dacl().get(1));
    assertEquals(UUID.fromString("00299570-246d-11d0-a768-00aa006e0529"), second.objectType());
    assertEquals(AceFlags.CONTAINER_INHERIT | AceFlags.INHERIT_ONLY, second.flags());
    assertEquals(AceType.SYSTEM_AUDIT, ((AccessAce) sd.sacl().get(0)).type());
  }

  @Test
  void writesWhatItReads() throws Exception {
    String text = "O:DAG:DUD:PAI(A;CI;RPWP;;;AU)(OA;CIIO;CR;00299570-246d-11d0-a768-00aa006e0529;"
        + "bf967aba-0de6-11d0-a285-00aa003049e2;S-1-5-21-1-2-3-1105)(A;;0x00001234;;;WD)S:AI(AU;SAFA;WP;;;WD)";
    assertEquals(text, Sddl.format(Sddl.parse(text, DOMAIN), DOMAIN));
  }

  @Test
  void nullDaclAndEmptyDaclHaveDistinctForms() throws Exception {
    SecurityDescriptor nul = Sddl.parse("D:NO_ACCESS_CONTROL", null);
    assertTrue(nul.isNullDacl());
    assertNull(nul.dacl());
    assertEquals("D:NO_ACCESS_CONTROL", Sddl.format(nul, null));
    SecurityDescriptor empty = Sddl.parse("D:", null);
    assertEquals(0, empty.dacl().size());
    assertEquals("D:", Sddl.format(empty, null));
  }

  @Test
  void toleratesBlanksBetweenPartsAndAces() throws Exception {
    // As in the schema's default for ms-SPP-Activation-Object, which Windows accepts.
    SecurityDescriptor sd = Sddl.parse("O:BAG:BAD: (A;;RPLCLORC;;;DA) (A;;RPLCLORC;;;AU) ", DOMAIN);
    assertEquals(2, sd.dacl().size());
    assertEquals(WellKnownSid.BUILTIN_ADMINISTRATORS.sid(), sd.group());
  }

  @Test
  void protectedFlagFollowedBySaclIsNotMistakenForAnAlias() throws Exception {
    // Found by the round-trip property: "P" then "S:" once read as the alias PS.
    SecurityDescriptor sd = Sddl.parse("D:PS:NO_ACCESS_CONTROL", null);
    assertTrue(sd.isDaclProtected());
    assertEquals(0, sd.dacl().size());
    assertTrue(sd.hasControl(SecurityDescriptor.SACL_PRESENT));
    assertNull(sd.sacl());
  }

  @Test
  void withoutADomainDomainSidsAreWrittenInFull() throws Exception {
    SecurityDescriptor sd = Sddl.parse("O:DA", DOMAIN);
    assertEquals("O:S-1-5-21-1-2-3-512", Sddl.format(sd, null));
  }

  @Test
  void compositeFileRightsFollowMsDtyp() throws Exception {
    AccessAce a = (AccessAce) Sddl.parseAce("(A;;FA;;;SY)", null);
    assertEquals(0x1F01FF, a.mask());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      X:DA                    | 0  | unknown part 'X:'
      O                       | 0  | expected O:, G:, D: or S:
      O:                      | 2  | expected a SID or a two-letter alias
      O:ZZ                    | 2  | unknown SID alias 'ZZ'
      O:DA                    | 2  | relative to a domain
      D:(A;;CR;;;WD           | 2  | not closed
      D:(A;;CR;;WD)           | 2  | 6 fields
      D:(Q;;CR;;;WD)          | 3  | unknown ACE type 'Q'
      D:(A;XX;CR;;;WD)        | 5  | unknown ACE flag 'XX'
      D:(A;;QQ;;;WD)          | 6  | unknown access right 'QQ'
      D:(A;;C;;;WD)           | 6  | two-letter codes
      D:(A;;0xZZ;;;WD)        | 6  | not a number
      D:(A;;0x1FFFFFFFF;;;WD) | 6  | out of 32-bit range
      D:(OA;;CR;1234;;WD)     | 10 | GUID of 36 characters
      D:(A;;CR;00299570-246d-11d0-a768-00aa006e0529;;WD) | 2 | takes no object GUIDs
      O:WDO:WD                | 4  | owner given twice
      D:(A;;CR;;;S-1-5-x)     | 11 | not a number
      """)
  void badTextNamesWhereAndWhat(String text, int position, String message) {
    SddlException e = assertThrows(SddlException.class, () -> Sddl.parse(text, null));
    assertEquals(position, e.position(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void refusesToWriteWhatSddlCannotExpress() {
    SecurityDescriptor opaque = new SecurityDescriptor(SecurityDescriptor.DACL_PRESENT, 0, null, null,
        null, new Acl(2, java.util.List.of(new OpaqueAce(0x42, 0, new byte[4]))));
    SddlException e = assertThrows(SddlException.class, () -> Sddl.format(opaque, null));
    assertTrue(e.getMessage().contains("DACL ACE 0 has type 0x42"), e.getMessage());

    SecurityDescriptor conditional = new SecurityDescriptor(SecurityDescriptor.DACL_PRESENT, 0, null,
        null, null, new Acl(2, java.util.List.of(new AccessAce(AceType.ACCESS_ALLOWED_CALLBACK, 0,
            AccessMask.CONTROL_ACCESS, WellKnownSid.EVERYONE.sid(), new byte[] {'a', 'r', 't', 'x'}))));
    e = assertThrows(SddlException.class, () -> Sddl.format(conditional, null));
    assertTrue(e.getMessage().contains("application data"), e.getMessage());
  }
}
