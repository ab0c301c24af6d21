package org.wbaudit.sd;

/**
 * A security descriptor (MS-DTYP 2.4.6): control flags, owner, group, SACL and DACL.
 *
 * <p>Any of owner, group, SACL and DACL may be null. A DACL that is null, or whose
 * {@link #DACL_PRESENT} bit is clear, is a NULL DACL: it grants every right to everyone. An empty
 * DACL (present, no ACEs) grants nothing. The two must never be confused.
 *
 * @param control the Control field, including bits SDDL cannot express
 * @param resourceManagerControl the Sbz1 byte, meaningful only with {@link #RM_CONTROL_VALID}
 * @param owner may be null
 * @param group may be null
 * @param sacl may be null
 * @param dacl may be null
 */
public record SecurityDescriptor(
    int control, int resourceManagerControl, Sid owner, Sid group, Acl sacl, Acl dacl) {

  // Control bits (MS-DTYP 2.4.6), low to high.
  public static final int OWNER_DEFAULTED = 0x0001;
  public static final int GROUP_DEFAULTED = 0x0002;
  public static final int DACL_PRESENT = 0x0004;
  public static final int DACL_DEFAULTED = 0x0008;
  public static final int SACL_PRESENT = 0x0010;
  public static final int SACL_DEFAULTED = 0x0020;
  public static final int DACL_TRUSTED = 0x0040;
  public static final int SERVER_SECURITY = 0x0080;
  public static final int DACL_AUTO_INHERIT_REQ = 0x0100;
  public static final int SACL_AUTO_INHERIT_REQ = 0x0200;
  public static final int DACL_AUTO_INHERITED = 0x0400;
  public static final int SACL_AUTO_INHERITED = 0x0800;
  public static final int DACL_PROTECTED = 0x1000;
  public static final int SACL_PROTECTED = 0x2000;
  public static final int RM_CONTROL_VALID = 0x4000;
  public static final int SELF_RELATIVE = 0x8000;

  public SecurityDescriptor {
    if (control < 0 || control > 0xFFFF) {
      throw new IllegalArgumentException("control is 16 bits: " + control);
    }
    if (resourceManagerControl < 0 || resourceManagerControl > 0xFF) {
      throw new IllegalArgumentException("Sbz1 is one byte: " + resourceManagerControl);
    }
  }

  /**
   * Reads the self-relative binary form, as stored in {@code nTSecurityDescriptor}.
   *
   * @throws MalformedDescriptorException naming the offset and what was wrong; never an
   *     unchecked exception, whatever the input
   */
  public static SecurityDescriptor parse(byte[] bytes) throws MalformedDescriptorException {
    return SelfRelativeFormat.parse(bytes);
  }

  /** The self-relative binary form: SACL, DACL, owner, group, in the order Windows writes them. */
  public byte[] toBytes() {
    return SelfRelativeFormat.encode(this);
  }

  public boolean hasControl(int bit) {
    return (control & bit) != 0;
  }

  /** True when no DACL applies, so that every right is granted (MS-DTYP 2.5.3.2). */
  public boolean isNullDacl() {
    return dacl == null || !hasControl(DACL_PRESENT);
  }

  /** True when inheritance from the parent is blocked ("Include inheritable permissions" off). */
  public boolean isDaclProtected() {
    return hasControl(DACL_PROTECTED);
  }
}
