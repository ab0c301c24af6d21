package org.wbaudit.sd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The binary form: what it reads, and one test per way it refuses input. */
class SelfRelativeFormatTest {
  static final Sid DOMAIN = Sid.parse("S-1-5-21-1-2-3");

  /** Owner DA, group DU, a DACL with one object ACE and one plain ACE: 144 bytes. */
  static byte[] sample() throws Exception {
    return Sddl.parse("O:DAG:DUD:AI(OA;;CR;00299570-246d-11d0-a768-00aa006e0529;;AU)(A;;RC;;;WD)",
        DOMAIN).toBytes();
  }

  @Test
  void readsAWindowsLayoutDescriptor() throws Exception {
    byte[] b = sample();
    assertEquals(144, b.length);
    // Header: revision 1, control SELF_RELATIVE|DACL_AUTO_INHERITED|DACL_PRESENT = 0x8404.
    assertEquals("01000484", HexFormat.of().formatHex(b, 0, 4));
    SecurityDescriptor sd = SecurityDescriptor.parse(b);
    assertEquals(DOMAIN.withRid(512), sd.owner());
    assertEquals(2, sd.dacl().size());
    assertArrayEquals(b, sd.toBytes());
  }

  @Test
  void keepsUnknownAceTypesByteForByte() throws Exception {
    Acl acl = new Acl(4, List.of(new OpaqueAce(0x42, 0x10, new byte[] {9, 8, 7, 6, 5, 4, 3, 2})));
    SecurityDescriptor sd = new SecurityDescriptor(0x8004, 0, null, null, null, acl);
    SecurityDescriptor back = SecurityDescriptor.parse(sd.toBytes());
    OpaqueAce o = assertInstanceOf(OpaqueAce.class, back.dacl().get(0));
    assertArrayEquals(new byte[] {9, 8, 7, 6, 5, 4, 3, 2}, o.body());
    assertEquals(sd, back);
  }

  @Test
  void keepsCallbackApplicationData() throws Exception {
    byte[] data = {'a', 'r', 't', 'x', 0, 0, 0, 0};
    Acl acl = Acl.of(List.of(new AccessAce(AceType.ACCESS_ALLOWED_CALLBACK, 0, 0x100,
        WellKnownSid.EVERYONE.sid(), data)));
    SecurityDescriptor sd = new SecurityDescriptor(0x8004, 0, null, null, null, acl);
    AccessAce back = (AccessAce) SecurityDescriptor.parse(sd.toBytes()).dacl().get(0);
    assertArrayEquals(data, back.tail());
  }

  @Test
  void ownerAtTheEdgeOfTheBufferIsRead() throws Exception {
    // Only an owner SID, flush against the end.
    SecurityDescriptor sd = new SecurityDescriptor(0x8000, 0, WellKnownSid.EVERYONE.sid(), null, null, null);
    byte[] b = sd.toBytes();
    assertEquals(20 + 12, b.length);
    assertEquals(sd, SecurityDescriptor.parse(b));
  }

  /**
   * Each row patches the sample (hex at an offset) or cuts it (comma-separated steps), and names the offset and the words
   * the error must carry. Sample layout: header 0..19, DACL at 20 (8-byte header; ACE 0 at 28,
   * 40 bytes; ACE 1 at 68, 20 bytes), owner at 88, group at 116, 144 bytes in all.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      empty input                  | cut 0       | 0   | empty input
      header cut short             | cut 19      | 0   | expected a 20-byte header, got 19
      wrong revision               | 0=02        | 0   | expected revision 1, got 2
      owner offset past the end    | 4=ff000000  | 4   | owner offset 255 is outside the descriptor
      owner offset inside header   | 4=05000000  | 4   | owner offset 5 is outside
      group offset past the end    | 8=00010000  | 8   | group offset 256 is outside
      DACL offset past the end     | 16=00100000 | 16  | DACL offset 4096 is outside
      owner SID cut by the end     | 8=00000000,cut 94 | 88 | owner SID needs at least 8 bytes
      group sub-authorities cut    | cut 130     | 116 | group SID declares 5 sub-authorities
      owner SID wrong revision     | 88=02       | 88  | expected SID revision 1, got 2
      too many sub-authorities     | 89=10       | 89  | sub-authority count 16 exceeds 15
      ACL wrong revision           | 20=03       | 20  | expected ACL revision 2 or 4, got 3
      AclSize under its header     | 22=0400     | 22  | AclSize 4 is smaller than its 8-byte header
      AclSize runs past the end    | 22=ff00     | 22  | AclSize 255 runs past the end
      AceCount that cannot fit     | 24=ff00     | 24  | AceCount 255 cannot fit in AclSize 68
      AceCount one too many        | 24=0300     | 88  | ACE 2 of 3 starts past the end of the ACL
      ACE size below its header    | 30=0200     | 30  | ACE 0 declares size 2, less than its header
      ACE size overruns the ACL    | 30=6000     | 30  | ACE 0 declares size 96 but the ACL has 60 bytes left
      object ACE flags unknown     | 36=04000000 | 36  | unknown object ACE flags 0x4
      object GUID overruns the ACE | 30=1800     | 40  | ObjectType GUID runs past the ACE
      ACE SID overruns the ACE     | 70=0e00     | 76  | DACL ACE 1 SID needs at least 8 bytes
      ACE too short for its mask   | 70=0600     | 72  | no room for the 4-byte access mask
      """)
  void refusesMalformedInputNamingTheOffset(String name, String patch, int offset, String words)
      throws Exception {
    byte[] b = sample();
    for (String op : patch.split(",")) {
      if (op.startsWith("cut ")) {
        b = java.util.Arrays.copyOf(b, Integer.parseInt(op.substring(4)));
      } else {
        String[] p = op.split("=");
        byte[] bytes = HexFormat.of().parseHex(p[1]);
        System.arraycopy(bytes, 0, b, Integer.parseInt(p[0]), bytes.length);
      }
    }
    byte[] input = b;
    MalformedDescriptorException e =
        assertThrows(MalformedDescriptorException.class, () -> SecurityDescriptor.parse(input));
    assertEquals(offset, e.offset(), e.getMessage());
    assertTrue(e.getMessage().contains(words), e.getMessage());
  }

  @Test
  void readsARealDescriptorFromADomainController() throws Exception {
    // A user's nTSecurityDescriptor as a Samba DC returned it (owner, group and DACL only).
    String b64 = SambaDescriptors.load().get(0).base64();
    SecurityDescriptor sd = SecurityDescriptor.parse(Base64.getDecoder().decode(b64));
    assertTrue(sd.dacl().size() > 10);
  }
}
