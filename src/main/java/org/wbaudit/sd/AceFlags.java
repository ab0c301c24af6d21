package org.wbaudit.sd;

/** AceFlags bits (MS-DTYP 2.4.4.1) and their SDDL codes (MS-DTYP 2.5.1.1), as one table. */
public final class AceFlags {
  private AceFlags() {}

  public static final int OBJECT_INHERIT = 0x01;
  public static final int CONTAINER_INHERIT = 0x02;
  public static final int NO_PROPAGATE_INHERIT = 0x04;
  public static final int INHERIT_ONLY = 0x08;
  public static final int INHERITED = 0x10;
  public static final int SUCCESSFUL_ACCESS = 0x40;
  public static final int FAILED_ACCESS = 0x80;

  /** SDDL code and bit, in the order writers emit them. */
  static final Object[][] SDDL = {
    {"OI", OBJECT_INHERIT},
    {"CI", CONTAINER_INHERIT},
    {"NP", NO_PROPAGATE_INHERIT},
    {"IO", INHERIT_ONLY},
    {"ID", INHERITED},
    {"SA", SUCCESSFUL_ACCESS},
    {"FA", FAILED_ACCESS},
  };
}
