package org.wbaudit.sd;

/**
 * Access mask bits for directory objects (MS-DTYP 2.4.3, MS-ADTS 5.1.3.2) and the generic-rights
 * mapping that a DC applies (MS-ADTS 5.1.3.3).
 */
public final class AccessMask {
  private AccessMask() {}

  // Directory-service specific rights (MS-ADTS 5.1.3.2).
  public static final int CREATE_CHILD = 0x0000_0001;
  public static final int DELETE_CHILD = 0x0000_0002;
  public static final int LIST_CHILDREN = 0x0000_0004;
  public static final int SELF_WRITE = 0x0000_0008;
  public static final int READ_PROPERTY = 0x0000_0010;
  public static final int WRITE_PROPERTY = 0x0000_0020;
  public static final int DELETE_TREE = 0x0000_0040;
  public static final int LIST_OBJECT = 0x0000_0080;
  public static final int CONTROL_ACCESS = 0x0000_0100;

  // Standard rights.
  public static final int DELETE = 0x0001_0000;
  public static final int READ_CONTROL = 0x0002_0000;
  public static final int WRITE_DAC = 0x0004_0000;
  public static final int WRITE_OWNER = 0x0008_0000;
  public static final int SYNCHRONIZE = 0x0010_0000;
  public static final int ACCESS_SYSTEM_SECURITY = 0x0100_0000;

  // Generic rights.
  public static final int GENERIC_ALL = 0x1000_0000;
  public static final int GENERIC_EXECUTE = 0x2000_0000;
  public static final int GENERIC_WRITE = 0x4000_0000;
  public static final int GENERIC_READ = 0x8000_0000;

  /** Every DS-specific right plus DELETE, READ_CONTROL, WRITE_DAC and WRITE_OWNER. */
  public static final int DS_ALL = 0x000F_01FF;

  // MS-ADTS 5.1.3.3: the generic mapping for directory objects. Note GENERIC_WRITE carries no
  // CONTROL_ACCESS, so it never gives Reset Password; GENERIC_ALL does.
  static final int MAP_READ = READ_CONTROL | LIST_CHILDREN | READ_PROPERTY | LIST_OBJECT;
  static final int MAP_WRITE = READ_CONTROL | SELF_WRITE | WRITE_PROPERTY;
  static final int MAP_EXECUTE = READ_CONTROL | LIST_CHILDREN;
  static final int MAP_ALL = DS_ALL;

  /** Replaces generic bits by the DS rights they stand for. */
  public static int mapGeneric(int mask) {
    if ((mask & 0xF000_0000) == 0) {
      return mask;
    }
    int out = mask & 0x0FFF_FFFF;
    if ((mask & GENERIC_READ) != 0) {
      out |= MAP_READ;
    }
    if ((mask & GENERIC_WRITE) != 0) {
      out |= MAP_WRITE;
    }
    if ((mask & GENERIC_EXECUTE) != 0) {
      out |= MAP_EXECUTE;
    }
    if ((mask & GENERIC_ALL) != 0) {
      out |= MAP_ALL;
    }
    return out;
  }
}
