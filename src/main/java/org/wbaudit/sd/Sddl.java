package org.wbaudit.sd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Security Descriptor Definition Language (MS-DTYP 2.5.1): reads and writes descriptors as text.
 *
 * <p>SIDs relative to a domain (DA, DU, EA...) need that domain's SID; pass null when it is not
 * known, and such SIDs are written in S-1-... form (and such aliases cannot be read).
 *
 * <p>What SDDL cannot carry: the owner- and group-defaulted control bits, the resource-manager
 * byte, ACL revisions (the writer's reader picks 4 when an object ACE is present, else 2), and
 * padding after an ACE's SID. A descriptor holding what SDDL has no form for at all (an ACE type
 * without an SDDL code, or a callback ACE's conditional expression) is refused with an
 * {@link SddlException} naming the ACE, rather than written incompletely.
 */
public final class Sddl {
  private Sddl() {}

  /** Access-right codes, in the order the writer emits them (MS-DTYP 2.5.1.1 "rights"). */
  private static final Object[][] RIGHTS = {
    {"GA", AccessMask.GENERIC_ALL},
    {"GR", AccessMask.GENERIC_READ},
    {"GW", AccessMask.GENERIC_WRITE},
    {"GX", AccessMask.GENERIC_EXECUTE},
    {"RC", AccessMask.READ_CONTROL},
    {"SD", AccessMask.DELETE},
    {"WD", AccessMask.WRITE_DAC},
    {"WO", AccessMask.WRITE_OWNER},
    {"RP", AccessMask.READ_PROPERTY},
    {"WP", AccessMask.WRITE_PROPERTY},
    {"CC", AccessMask.CREATE_CHILD},
    {"DC", AccessMask.DELETE_CHILD},
    {"LC", AccessMask.LIST_CHILDREN},
    {"SW", AccessMask.SELF_WRITE},
    {"LO", AccessMask.LIST_OBJECT},
    {"DT", AccessMask.DELETE_TREE},
    {"CR", AccessMask.CONTROL_ACCESS},
  };

  /** Composite codes accepted when reading; never written. */
  private static final Object[][] READ_ONLY_RIGHTS = {
    {"FA", 0x001F01FF},
    {"FR", 0x00120089},
    {"FW", 0x00120116},
    {"FX", 0x001200A0},
    {"KA", 0x000F003F},
    {"KR", 0x00020019},
    {"KW", 0x00020006},
    {"KX", 0x00020019},
    {"NR", 0x1},
    {"NW", 0x2},
    {"NX", 0x4},
  };

  private static final int WRITABLE_RIGHTS;

  static {
    int all = 0;
    for (Object[] r : RIGHTS) {
      all |= (int) r[1];
    }
    WRITABLE_RIGHTS = all;
  }

  // ---------------------------------------------------------------- writing

  /**
   * Writes {@code sd} as SDDL.
   *
   * @param domain the domain SID for domain-relative aliases; may be null
   * @throws SddlException when the descriptor holds something SDDL cannot express
   */
  public static String format(SecurityDescriptor sd, Sid domain) throws SddlException {
    StringBuilder sb = new StringBuilder(256);
    if (sd.owner() != null) {
      sb.append("O:").append(formatSid(sd.owner(), domain));
    }
    if (sd.group() != null) {
      sb.append("G:").append(formatSid(sd.group(), domain));
    }
    if (sd.hasControl(SecurityDescriptor.DACL_PRESENT)) {
      sb.append("D:");
      aclFlags(sb, sd, SecurityDescriptor.DACL_PROTECTED, SecurityDescriptor.DACL_AUTO_INHERIT_REQ,
          SecurityDescriptor.DACL_AUTO_INHERITED);
      formatAcl(sb, sd.dacl(), domain, "DACL");
    }
    if (sd.hasControl(SecurityDescriptor.SACL_PRESENT)) {
      sb.append("S:");
      aclFlags(sb, sd, SecurityDescriptor.SACL_PROTECTED, SecurityDescriptor.SACL_AUTO_INHERIT_REQ,
          SecurityDescriptor.SACL_AUTO_INHERITED);
      formatAcl(sb, sd.sacl(), domain, "SACL");
    }
    return sb.toString();
  }

  private static void aclFlags(
      StringBuilder sb, SecurityDescriptor sd, int protect, int autoReq, int autoInherited) {
    if (sd.hasControl(protect)) {
      sb.append('P');
    }
    if (sd.hasControl(autoReq)) {
      sb.append("AR");
    }
    if (sd.hasControl(autoInherited)) {
      sb.append("AI");
    }
  }

  private static void formatAcl(StringBuilder sb, Acl acl, Sid domain, String which)
      throws SddlException {
    if (acl == null) {
      sb.append("NO_ACCESS_CONTROL");
      return;
    }
    for (int i = 0; i < acl.size(); i++) {
      formatAce(sb, acl.get(i), domain, which + " ACE " + i);
    }
  }

  /** Writes one ACE in its parenthesised SDDL form. */
  public static String formatAce(Ace ace, Sid domain) throws SddlException {
    StringBuilder sb = new StringBuilder(64);
    formatAce(sb, ace, domain, "ACE");
    return sb.toString();
  }

  private static void formatAce(StringBuilder sb, Ace ace, Sid domain, String where)
      throws SddlException {
    if (ace instanceof OpaqueAce o) {
      throw new SddlException(
          -1, where + " has type 0x" + Integer.toHexString(o.typeCode()) + ", which SDDL cannot express");
    }
    TrusteeAce t = (TrusteeAce) ace;
    AceType type = t.type();
    int mask = t.mask();
    Sid sid = t.sid();
    UUID objectType = t.objectType();
    UUID inheritedObjectType = t.inheritedObjectType();
    if (type.sddl() == null) {
      throw new SddlException(-1, where + " has type " + type + ", which SDDL cannot express");
    }
    boolean dataBearing = type.layout() == AceType.Layout.SID_DATA
        || type.layout() == AceType.Layout.OBJECT_SID_DATA;
    if (dataBearing && t.tailLength() > 0) {
      throw new SddlException(
          -1, where + " (" + type + ") carries " + t.tailLength()
              + " bytes of application data (a condition or attribute) that this tool cannot write as SDDL");
    }
    sb.append('(').append(type.sddl()).append(';');
    for (Object[] f : AceFlags.SDDL) {
      if ((ace.flags() & (int) f[1]) != 0) {
        sb.append((String) f[0]);
      }
    }
    sb.append(';');
    formatMask(sb, mask);
    sb.append(';');
    if (objectType != null) {
      sb.append(objectType);
    }
    sb.append(';');
    if (inheritedObjectType != null) {
      sb.append(inheritedObjectType);
    }
    sb.append(';').append(formatSid(sid, domain)).append(')');
  }

  /** An access mask as SDDL writes it: rights letters, or hexadecimal when letters cannot say it. */
  public static String formatMask(int mask) {
    StringBuilder sb = new StringBuilder();
    formatMask(sb, mask);
    return sb.toString();
  }

  private static void formatMask(StringBuilder sb, int mask) {
    if (mask == 0 || (mask & ~WRITABLE_RIGHTS) != 0) {
      sb.append(String.format("0x%08x", mask));
      return;
    }
    for (Object[] r : RIGHTS) {
      if ((mask & (int) r[1]) != 0) {
        sb.append((String) r[0]);
      }
    }
  }

  /** A SID as its SDDL alias where one exists, else in S-1-... form. */
  public static String formatSid(Sid sid, Sid domain) {
    WellKnownSid w = WellKnownSid.lookup(sid, domain);
    return w != null && w.alias() != null ? w.alias() : sid.toString();
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads an SDDL string. The result carries {@link SecurityDescriptor#SELF_RELATIVE}, and
   * DACL_PRESENT / SACL_PRESENT when the D: / S: parts are there.
   *
   * @param domain the domain SID for domain-relative aliases; may be null
   * @throws SddlException with the character position of the problem
   */
  public static SecurityDescriptor parse(String text, Sid domain) throws SddlException {
    return new Reader(text, domain).descriptor();
  }

  /** Reads one parenthesised ACE, such as {@code (OA;CI;CR;<guid>;;AU)}. */
  public static Ace parseAce(String text, Sid domain) throws SddlException {
    Reader r = new Reader(text, domain);
    Ace ace = r.ace();
    r.expectEnd();
    return ace;
  }

  private static final class Reader {
    private final String s;
    private final Sid domain;
    private int pos;

    Reader(String s, Sid domain) {
      if (s == null) {
        throw new IllegalArgumentException("SDDL text is null");
      }
      this.s = s;
      this.domain = domain;
    }

    SecurityDescriptor descriptor() throws SddlException {
      int control = SecurityDescriptor.SELF_RELATIVE;
      Sid owner = null;
      Sid group = null;
      Acl dacl = null;
      Acl sacl = null;
      boolean seenO = false;
      boolean seenG = false;
      boolean seenD = false;
      boolean seenS = false;
      skipSpace();
      while (pos < s.length()) {
        int start = pos;
        if (pos + 1 >= s.length() || s.charAt(pos + 1) != ':') {
          throw new SddlException(pos, "expected O:, G:, D: or S:, got '" + snippet() + "'");
        }
        char part = s.charAt(pos);
        pos += 2;
        switch (part) {
          case 'O' -> {
            if (seenO) {
              throw new SddlException(start, "owner given twice");
            }
            seenO = true;
            owner = sid(untilNextPart());
          }
          case 'G' -> {
            if (seenG) {
              throw new SddlException(start, "group given twice");
            }
            seenG = true;
            group = sid(untilNextPart());
          }
          case 'D' -> {
            if (seenD) {
              throw new SddlException(start, "DACL given twice");
            }
            seenD = true;
            control |= SecurityDescriptor.DACL_PRESENT | aclFlags(
                SecurityDescriptor.DACL_PROTECTED, SecurityDescriptor.DACL_AUTO_INHERIT_REQ,
                SecurityDescriptor.DACL_AUTO_INHERITED);
            dacl = acl();
          }
          case 'S' -> {
            if (seenS) {
              throw new SddlException(start, "SACL given twice");
            }
            seenS = true;
            control |= SecurityDescriptor.SACL_PRESENT | aclFlags(
                SecurityDescriptor.SACL_PROTECTED, SecurityDescriptor.SACL_AUTO_INHERIT_REQ,
                SecurityDescriptor.SACL_AUTO_INHERITED);
            sacl = acl();
          }
          default -> throw new SddlException(start, "unknown part '" + part + ":'");
        }
        skipSpace();
      }
      return new SecurityDescriptor(control, 0, owner, group, sacl, dacl);
    }

    /** The owner or group SID runs to the next "X:" part or the end. */
    private int[] untilNextPart() {
      int start = pos;
      int end = pos;
      while (end < s.length()
          && !(end + 1 < s.length() && s.charAt(end + 1) == ':' && "OGDS".indexOf(s.charAt(end)) >= 0)) {
        end++;
      }
      pos = end;
      while (end > start && Character.isWhitespace(s.charAt(end - 1))) {
        end--;
      }
      return new int[] {start, end};
    }

    private int aclFlags(int protect, int autoReq, int autoInherited) {
      int flags = 0;
      while (pos < s.length()) {
        if (s.startsWith("P", pos)) {
          flags |= protect;
          pos += 1;
        } else if (s.startsWith("AR", pos)) {
          flags |= autoReq;
          pos += 2;
        } else if (s.startsWith("AI", pos)) {
          flags |= autoInherited;
          pos += 2;
        } else {
          break;
        }
      }
      return flags;
    }

    /** Windows accepts blanks between parts and ACEs (some schema defaults have them). */
    private void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private Acl acl() throws SddlException {
      skipSpace();
      if (s.startsWith("NO_ACCESS_CONTROL", pos)) {
        pos += "NO_ACCESS_CONTROL".length();
        return null;
      }
      List<Ace> aces = new ArrayList<>();
      while (pos < s.length() && s.charAt(pos) == '(') {
        aces.add(ace());
        skipSpace();
      }
      return Acl.of(aces);
    }

    Ace ace() throws SddlException {
      int start = pos;
      if (pos >= s.length() || s.charAt(pos) != '(') {
        throw new SddlException(pos, "expected '(' to open an ACE");
      }
      int close = s.indexOf(')', pos);
      if (close < 0) {
        throw new SddlException(pos, "ACE is not closed by ')'");
      }
      String[] f = s.substring(pos + 1, close).split(";", -1);
      if (f.length != 6) {
        throw new SddlException(
            pos, "an ACE has 6 fields separated by ';', this one has " + f.length);
      }
      int at = pos + 1;
      AceType type = AceType.fromSddl(f[0]);
      if (type == null) {
        throw new SddlException(at, "unknown ACE type '" + f[0] + "'");
      }
      at += f[0].length() + 1;
      int flags = aceFlags(f[1], at);
      at += f[1].length() + 1;
      int mask = mask(f[2], at);
      at += f[2].length() + 1;
      UUID objectType = guid(f[3], at);
      at += f[3].length() + 1;
      UUID inheritedObjectType = guid(f[4], at);
      at += f[4].length() + 1;
      Sid sid = sid(new int[] {at, at + f[5].length()});
      pos = close + 1;
      if (type.isObject()) {
        return new ObjectAce(type, flags, mask, objectType, inheritedObjectType, sid);
      }
      if (objectType != null || inheritedObjectType != null) {
        throw new SddlException(start, "ACE type " + f[0] + " takes no object GUIDs");
      }
      return new AccessAce(type, flags, mask, sid);
    }

    private int aceFlags(String f, int at) throws SddlException {
      int flags = 0;
      for (int i = 0; i < f.length(); i += 2) {
        if (i + 2 > f.length()) {
          throw new SddlException(at + i, "ACE flags are two-letter codes: '" + f + "'");
        }
        String code = f.substring(i, i + 2);
        int bit = 0;
        for (Object[] e : AceFlags.SDDL) {
          if (e[0].equals(code)) {
            bit = (int) e[1];
          }
        }
        if (bit == 0) {
          throw new SddlException(at + i, "unknown ACE flag '" + code + "'");
        }
        flags |= bit;
      }
      return flags;
    }

    private int mask(String f, int at) throws SddlException {
      if (f.isEmpty()) {
        throw new SddlException(at, "ACE has no access rights");
      }
      if (Character.isDigit(f.charAt(0))) {
        try {
          long v = f.startsWith("0x") || f.startsWith("0X")
              ? Long.parseLong(f.substring(2), 16)
              : Long.parseLong(f);
          if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new SddlException(at, "access mask out of 32-bit range: " + f);
          }
          return (int) v;
        } catch (NumberFormatException e) {
          throw new SddlException(at, "access mask is not a number: '" + f + "'");
        }
      }
      int mask = 0;
      for (int i = 0; i < f.length(); i += 2) {
        if (i + 2 > f.length()) {
          throw new SddlException(at + i, "access rights are two-letter codes: '" + f + "'");
        }
        String code = f.substring(i, i + 2);
        Integer bits = lookupRight(code);
        if (bits == null) {
          throw new SddlException(at + i, "unknown access right '" + code + "'");
        }
        mask |= bits;
      }
      return mask;
    }

    private UUID guid(String f, int at) throws SddlException {
      if (f.isEmpty()) {
        return null;
      }
      if (f.length() != 36) {
        throw new SddlException(at, "expected a GUID of 36 characters, got '" + f + "'");
      }
      try {
        return UUID.fromString(f);
      } catch (IllegalArgumentException e) {
        throw new SddlException(at, "not a GUID: '" + f + "'");
      }
    }

    private Sid sid(int[] range) throws SddlException {
      String text = s.substring(range[0], range[1]);
      if (text.isEmpty()) {
        throw new SddlException(range[0], "expected a SID or a two-letter alias, got nothing");
      }
      if (text.length() == 2) {
        WellKnownSid w = WellKnownSid.fromAlias(text.toUpperCase(Locale.ROOT));
        if (w == null) {
          throw new SddlException(range[0], "unknown SID alias '" + text + "'");
        }
        if (w.isDomainRelative() && domain == null) {
          throw new SddlException(
              range[0], "SID alias '" + text + "' is relative to a domain, and no domain SID was given");
        }
        return w.sid(domain);
      }
      try {
        return Sid.parse(text);
      } catch (IllegalArgumentException e) {
        throw new SddlException(range[0], e.getMessage());
      }
    }

    void expectEnd() throws SddlException {
      if (pos != s.length()) {
        throw new SddlException(pos, "unexpected text after the ACE: '" + snippet() + "'");
      }
    }

    private String snippet() {
      return s.substring(pos, Math.min(s.length(), pos + 12));
    }
  }

  private static Integer lookupRight(String code) {
    for (Object[] r : RIGHTS) {
      if (r[0].equals(code)) {
        return (Integer) r[1];
      }
    }
    for (Object[] r : READ_ONLY_RIGHTS) {
      if (r[0].equals(code)) {
        return (Integer) r[1];
      }
    }
    return null;
  }
}
