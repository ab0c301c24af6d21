package org.wbaudit.directory;

import com.unboundid.asn1.ASN1Element;
import com.unboundid.asn1.ASN1Exception;
import com.unboundid.asn1.ASN1Integer;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.asn1.ASN1Sequence;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

/**
 * The LDAP_SERVER_SD_FLAGS control (MS-ADTS 3.1.1.3.4.1.11, OID 1.2.840.113556.1.4.801): which
 * parts of nTSecurityDescriptor a search should return.
 *
 * <p>Without it Active Directory assumes all four parts, SACL included, and an account that may
 * not read the SACL then gets no descriptor at all. The sync account asks for owner, group and
 * DACL ({@link #OWNER_GROUP_DACL}), which READ_CONTROL is enough for. The value is
 * {@code SEQUENCE { Flags INTEGER }}. Immutable.
 */
public final class SdFlagsControl extends Control {
  /** The control's OID. */
  public static final String OID = "1.2.840.113556.1.4.801";

  public static final int OWNER = 0x1;
  public static final int GROUP = 0x2;
  public static final int DACL = 0x4;
  public static final int SACL = 0x8;
  /** Owner, group and DACL: value {@code 30 03 02 01 07}. */
  public static final int OWNER_GROUP_DACL = OWNER | GROUP | DACL;

  private static final long serialVersionUID = 1L;

  private final int flags;

  /**
   * @param flags a combination of {@link #OWNER}, {@link #GROUP}, {@link #DACL}, {@link #SACL}
   * @param critical whether the server must refuse the search if it does not support the control
   * @throws IllegalArgumentException if flags has other bits or none
   */
  public SdFlagsControl(int flags, boolean critical) {
    super(OID, critical, encode(flags));
    this.flags = flags;
  }

  /** Decodes a control received with this OID. */
  public SdFlagsControl(Control control) throws LDAPException {
    super(control.getOID(), control.isCritical(), control.getValue());
    ASN1OctetString value = control.getValue();
    if (value == null) {
      throw new LDAPException(ResultCode.DECODING_ERROR,
          "SD flags control: expected a value holding SEQUENCE { INTEGER }, got none");
    }
    try {
      ASN1Element[] elements = ASN1Sequence.decodeAsSequence(value.getValue()).elements();
      if (elements.length != 1) {
        throw new LDAPException(ResultCode.DECODING_ERROR,
            "SD flags control: expected one element in the sequence, got " + elements.length);
      }
      this.flags = ASN1Integer.decodeAsInteger(elements[0]).intValue();
    } catch (ASN1Exception e) {
      throw new LDAPException(ResultCode.DECODING_ERROR,
          "SD flags control: value is not SEQUENCE { INTEGER }: " + e.getMessage(), e);
    }
  }

  private static ASN1OctetString encode(int flags) {
    if (flags == 0 || (flags & ~0xF) != 0) {
      throw new IllegalArgumentException("SD flags are a non-empty combination of 0x1..0x8: " + flags);
    }
    return new ASN1OctetString(new ASN1Sequence(new ASN1Integer(flags)).encode());
  }

  public int flags() {
    return flags;
  }

  @Override
  public String getControlName() {
    return "LDAP_SERVER_SD_FLAGS";
  }

  @Override
  public void toString(StringBuilder buffer) {
    buffer.append("SdFlagsControl(flags=0x").append(Integer.toHexString(flags))
        .append(", isCritical=").append(isCritical()).append(')');
  }
}
