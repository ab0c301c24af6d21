package org.wbaudit.sd;

/**
 * The ACE types of MS-DTYP 2.4.4.1, with their SDDL codes (MS-DTYP 2.5.1.1).
 *
 * <p>{@link #layout()} says how the body after the header is laid out, so that the parser and
 * the encoder need no per-type branches. An ACE type byte missing from this table is kept as an
 * {@link OpaqueAce}.
 */
public enum AceType {
  ACCESS_ALLOWED(0x00, "A", Layout.SID, Kind.ALLOW),
  ACCESS_DENIED(0x01, "D", Layout.SID, Kind.DENY),
  SYSTEM_AUDIT(0x02, "AU", Layout.SID, Kind.AUDIT),
  SYSTEM_ALARM(0x03, "AL", Layout.SID, Kind.AUDIT),
  /** Reserved by MS-DTYP; it has a different body and no SDDL code, so its body stays opaque. */
  ACCESS_ALLOWED_COMPOUND(0x04, null, Layout.OPAQUE, Kind.ALLOW),
  ACCESS_ALLOWED_OBJECT(0x05, "OA", Layout.OBJECT_SID, Kind.ALLOW),
  ACCESS_DENIED_OBJECT(0x06, "OD", Layout.OBJECT_SID, Kind.DENY),
  SYSTEM_AUDIT_OBJECT(0x07, "OU", Layout.OBJECT_SID, Kind.AUDIT),
  SYSTEM_ALARM_OBJECT(0x08, "OL", Layout.OBJECT_SID, Kind.AUDIT),
  ACCESS_ALLOWED_CALLBACK(0x09, "XA", Layout.SID_DATA, Kind.ALLOW),
  ACCESS_DENIED_CALLBACK(0x0A, "XD", Layout.SID_DATA, Kind.DENY),
  ACCESS_ALLOWED_CALLBACK_OBJECT(0x0B, "ZA", Layout.OBJECT_SID_DATA, Kind.ALLOW),
  ACCESS_DENIED_CALLBACK_OBJECT(0x0C, null, Layout.OBJECT_SID_DATA, Kind.DENY),
  SYSTEM_AUDIT_CALLBACK(0x0D, "XU", Layout.SID_DATA, Kind.AUDIT),
  SYSTEM_ALARM_CALLBACK(0x0E, null, Layout.SID_DATA, Kind.AUDIT),
  SYSTEM_AUDIT_CALLBACK_OBJECT(0x0F, null, Layout.OBJECT_SID_DATA, Kind.AUDIT),
  SYSTEM_ALARM_CALLBACK_OBJECT(0x10, null, Layout.OBJECT_SID_DATA, Kind.AUDIT),
  SYSTEM_MANDATORY_LABEL(0x11, "ML", Layout.SID, Kind.AUDIT),
  SYSTEM_RESOURCE_ATTRIBUTE(0x12, "RA", Layout.SID_DATA, Kind.AUDIT),
  SYSTEM_SCOPED_POLICY_ID(0x13, "SP", Layout.SID, Kind.AUDIT);

  /** How the bytes after the 4-byte header and the 4-byte mask are arranged. */
  public enum Layout {
    /** SID fills the rest (trailing bytes are tolerated, as Windows does, and kept). */
    SID,
    /** SID, then application data to the end of the ACE (callback and resource ACEs). */
    SID_DATA,
    /** Flags, optional ObjectType, optional InheritedObjectType, then SID. */
    OBJECT_SID,
    /** As OBJECT_SID, then application data. */
    OBJECT_SID_DATA,
    /** Not decoded. */
    OPAQUE
  }

  /** What an ACE of this type does in an access check. */
  public enum Kind {
    ALLOW,
    DENY,
    /** Audit, alarm, label and policy ACEs: they never grant or deny. */
    AUDIT
  }

  private static final AceType[] BY_CODE = new AceType[0x14];

  static {
    for (AceType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final int code;
  private final String sddl;
  private final Layout layout;
  private final Kind kind;

  AceType(int code, String sddl, Layout layout, Kind kind) {
    this.code = code;
    this.sddl = sddl;
    this.layout = layout;
    this.kind = kind;
  }

  /** The AceType byte. */
  public int code() {
    return code;
  }

  /** The SDDL ace_type code, or null when SDDL has none. */
  public String sddl() {
    return sddl;
  }

  public Layout layout() {
    return layout;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isObject() {
    return layout == Layout.OBJECT_SID || layout == Layout.OBJECT_SID_DATA;
  }

  /** Callback ACEs carry a condition this tool cannot evaluate offline. */
  public boolean isCallback() {
    return layout == Layout.SID_DATA && this != SYSTEM_RESOURCE_ATTRIBUTE
        || layout == Layout.OBJECT_SID_DATA;
  }

  /** The type for a type byte, or null when the byte names no type in this table. */
  public static AceType fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /** The type for an SDDL code, or null. */
  public static AceType fromSddl(String code) {
    for (AceType t : values()) {
      if (code.equals(t.sddl)) {
        return t;
      }
    }
    return null;
  }
}
