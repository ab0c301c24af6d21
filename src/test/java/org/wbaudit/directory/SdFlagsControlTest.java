package org.wbaudit.directory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import org.junit.jupiter.api.Test;

class SdFlagsControlTest {
  @Test
  void ownerGroupDaclIsTheValueAdExpects() throws LDAPException {
    SdFlagsControl c = new SdFlagsControl(SdFlagsControl.OWNER_GROUP_DACL, false);
    assertEquals("1.2.840.113556.1.4.801", c.getOID());
    assertArrayEquals(new byte[] {0x30, 0x03, 0x02, 0x01, 0x07}, c.getValue().getValue());
    assertEquals(7, new SdFlagsControl(c).flags());
  }

  @Test
  void refusesFlagsOutsideTheFourParts() {
    assertThrows(IllegalArgumentException.class, () -> new SdFlagsControl(0, false));
    assertThrows(IllegalArgumentException.class, () -> new SdFlagsControl(0x10, false));
  }

  @Test
  void decodingWithoutAValueSaysSo() {
    LDAPException e = assertThrows(LDAPException.class,
        () -> new SdFlagsControl(new Control(SdFlagsControl.OID, false)));
    assertEquals(ResultCode.DECODING_ERROR, e.getResultCode());
    assertTrue(e.getMessage().contains("got none"));
  }

  @Test
  void decodingSomethingElseSaysWhat() {
    LDAPException e = assertThrows(LDAPException.class, () -> new SdFlagsControl(
        new Control(SdFlagsControl.OID, false, new ASN1OctetString(new byte[] {0x04, 0x01, 0x07}))));
    assertEquals(ResultCode.DECODING_ERROR, e.getResultCode());
    assertTrue(e.getMessage().contains("not SEQUENCE { INTEGER }"), e.getMessage());
    LDAPException two = assertThrows(LDAPException.class, () -> new SdFlagsControl(new Control(
        SdFlagsControl.OID, false, new ASN1OctetString(new byte[] {0x30, 0x06, 0x02, 0x01, 0x07, 0x02, 0x01, 0x01}))));
    assertTrue(two.getMessage().contains("expected one element"), two.getMessage());
  }
}
