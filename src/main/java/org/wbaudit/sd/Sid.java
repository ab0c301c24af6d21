package org.wbaudit.sd;

import java.util.Arrays;

/**
 * A security identifier (MS-DTYP 2.4.2).
 *
 * <p>Immutable. The identifier authority is a 48-bit value; each sub-authority an unsigned 32-bit
 * value (held in an {@code int}, read with {@link Integer#toUnsignedLong}).
 */
public final class Sid implements Comparable<Sid> {
  /** MS-DTYP 2.4.2.2: a SID holds at most 15 sub-authorities. */
  public static final int MAX_SUB_AUTHORITIES = 15;

  private static final long MAX_AUTHORITY = 0xFFFF_FFFF_FFFFL;

  /**
   * Shared instances of the SIDs that fill most DACLs: S-1-5-0..63 (SELF, Authenticated Users,
   * SYSTEM, Enterprise DCs...), S-1-5-32-544..607 (Builtin aliases), S-1-1-0 and S-1-3-0..4.
   * Reading one of these allocates nothing; a DACL of 40 ACEs names a dozen SIDs many times.
   * Immutable, built once.
   */
  private static final Sid[] NT_AUTHORITY = new Sid[64];
  private static final Sid[] BUILTIN = new Sid[64];
  private static final Sid[] CREATOR = new Sid[5];
  private static final Sid EVERYONE;

  static {
    for (int i = 0; i < NT_AUTHORITY.length; i++) {
      NT_AUTHORITY[i] = new Sid(1, 5, new int[] {i});
      BUILTIN[i] = new Sid(1, 5, new int[] {32, 544 + i});
    }
    for (int i = 0; i < CREATOR.length; i++) {
      CREATOR[i] = new Sid(1, 3, new int[] {i});
    }
    EVERYONE = new Sid(1, 1, new int[] {0});
  }

  private final int revision;
  private final long authority;
  private final int[] subAuthorities;
  private final int hash;

  private Sid(int revision, long authority, int[] subAuthorities) {
    this.revision = revision;
    this.authority = authority;
    this.subAuthorities = subAuthorities;
    this.hash = 31 * Long.hashCode(authority) + Arrays.hashCode(subAuthorities);
  }

  /**
   * @param authority identifier authority, 0 to 2^48-1
   * @param subAuthorities 0 to 15 sub-authorities (unsigned 32-bit values); copied
   * @throws IllegalArgumentException if either is out of range
   */
  public static Sid of(long authority, int... subAuthorities) {
    if (authority < 0 || authority > MAX_AUTHORITY) {
      throw new IllegalArgumentException("identifier authority out of range: " + authority);
    }
    if (subAuthorities.length > MAX_SUB_AUTHORITIES) {
      throw new IllegalArgumentException(
          "a SID holds at most 15 sub-authorities, got " + subAuthorities.length);
    }
    return new Sid(1, authority, subAuthorities.clone());
  }

  /**
   * Reads the binary form at {@code offset}, checking every length against {@code end}.
   *
   * @param what names the field being read, for the error message (e.g. "owner SID")
   */
  static Sid read(byte[] b, int offset, int end, String what) throws MalformedDescriptorException {
    if (offset + 8 > end) {
      throw new MalformedDescriptorException(
          offset, what + " needs at least 8 bytes, only " + Math.max(0, end - offset) + " remain");
    }
    int revision = b[offset] & 0xFF;
    if (revision != 1) {
      throw new MalformedDescriptorException(
          offset, what + ": expected SID revision 1, got " + revision);
    }
    int count = b[offset + 1] & 0xFF;
    if (count > MAX_SUB_AUTHORITIES) {
      throw new MalformedDescriptorException(
          offset + 1, what + ": sub-authority count " + count + " exceeds 15");
    }
    if (offset + 8 + 4 * count > end) {
      throw new MalformedDescriptorException(
          offset,
          what + " declares " + count + " sub-authorities (" + (8 + 4 * count)
              + " bytes) but only " + (end - offset) + " bytes remain");
    }
    long authority = 0;
    for (int i = 0; i < 6; i++) {
      authority = (authority << 8) | (b[offset + 2 + i] & 0xFF); // big-endian, MS-DTYP 2.4.1
    }
    Sid shared = shared(authority, count, b, offset + 8);
    if (shared != null) {
      return shared;
    }
    int[] subs = new int[count];
    for (int i = 0; i < count; i++) {
      subs[i] = Bytes.readIntLe(b, offset + 8 + 4 * i);
    }
    return new Sid(revision, authority, subs);
  }

  private static Sid shared(long authority, int count, byte[] b, int subs) {
    if (count == 0 || count > 2) {
      return null;
    }
    int first = Bytes.readIntLe(b, subs);
    if (authority == 5) {
      if (count == 1 && first >= 0 && first < NT_AUTHORITY.length) {
        return NT_AUTHORITY[first];
      }
      if (count == 2 && first == 32) {
        int alias = Bytes.readIntLe(b, subs + 4) - 544;
        return alias >= 0 && alias < BUILTIN.length ? BUILTIN[alias] : null;
      }
    } else if (count == 1 && authority == 1 && first == 0) {
      return EVERYONE;
    } else if (count == 1 && authority == 3 && first >= 0 && first < CREATOR.length) {
      return CREATOR[first];
    }
    return null;
  }

  /** Reads a SID that must fill {@code b} exactly (the form of objectSid and tokenGroups values). */
  public static Sid fromBytes(byte[] b) throws MalformedDescriptorException {
    Sid sid = read(b, 0, b.length, "SID");
    if (sid.byteLength() != b.length) {
      throw new MalformedDescriptorException(
          sid.byteLength(), "SID is " + sid.byteLength() + " bytes but value has " + b.length);
    }
    return sid;
  }

  /**
   * Parses the string form {@code S-1-<authority>-<sub>...}. The authority may be decimal or, per
   * MS-DTYP 2.4.2.1, hexadecimal with a {@code 0x} prefix.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Sid parse(String text) {
    if (text == null || !(text.startsWith("S-") || text.startsWith("s-"))) {
      throw new IllegalArgumentException("not a SID (expected S-1-...): " + text);
    }
    String[] parts = text.substring(2).split("-", -1);
    if (parts.length < 2) {
      throw new IllegalArgumentException("SID needs a revision and an authority: " + text);
    }
    if (!parts[0].equals("1")) {
      throw new IllegalArgumentException("SID revision must be 1: " + text);
    }
    long authority;
    try {
      authority =
          parts[1].startsWith("0x") || parts[1].startsWith("0X")
              ? Long.parseLong(parts[1].substring(2), 16)
              : Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("SID authority is not a number: " + text);
    }
    if (parts.length - 2 > MAX_SUB_AUTHORITIES) {
      throw new IllegalArgumentException("SID has more than 15 sub-authorities: " + text);
    }
    int[] subs = new int[parts.length - 2];
    for (int i = 0; i < subs.length; i++) {
      long v;
      try {
        v = Long.parseLong(parts[i + 2]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("SID sub-authority is not a number: " + text);
      }
      if (v < 0 || v > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("SID sub-authority out of 32-bit range: " + text);
      }
      subs[i] = (int) v;
    }
    return of(authority, subs);
  }

  public int revision() {
    return revision;
  }

  public long authority() {
    return authority;
  }

  public int subAuthorityCount() {
    return subAuthorities.length;
  }

  /** The sub-authority at {@code i}, as an unsigned value. */
  public long subAuthority(int i) {
    return Integer.toUnsignedLong(subAuthorities[i]);
  }

  /** The last sub-authority (the RID), or -1 when there is none. */
  public long rid() {
    return subAuthorities.length == 0 ? -1 : subAuthority(subAuthorities.length - 1);
  }

  /** This SID with one more sub-authority: a domain SID plus a RID. */
  public Sid withRid(long rid) {
    int[] subs = Arrays.copyOf(subAuthorities, subAuthorities.length + 1);
    subs[subs.length - 1] = (int) rid;
    return of(authority, subs);
  }

  /** This SID without its last sub-authority (for a domain account, the domain SID). */
  public Sid parent() {
    if (subAuthorities.length == 0) {
      throw new IllegalStateException("SID has no sub-authority: " + this);
    }
    return new Sid(revision, authority, Arrays.copyOf(subAuthorities, subAuthorities.length - 1));
  }

  public int byteLength() {
    return 8 + 4 * subAuthorities.length;
  }

  void write(byte[] out, int offset) {
    out[offset] = (byte) revision;
    out[offset + 1] = (byte) subAuthorities.length;
    for (int i = 0; i < 6; i++) {
      out[offset + 2 + i] = (byte) (authority >>> (8 * (5 - i)));
    }
    for (int i = 0; i < subAuthorities.length; i++) {
      Bytes.writeIntLe(out, offset + 8 + 4 * i, subAuthorities[i]);
    }
  }

  /** The binary form (MS-DTYP 2.4.2.2). */
  public byte[] toBytes() {
    byte[] out = new byte[byteLength()];
    write(out, 0);
    return out;
  }

  /** The string form; authorities of 2^32 and above in hexadecimal, as MS-DTYP 2.4.2.1 asks. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("S-").append(revision).append('-');
    if (authority >= (1L << 32)) {
      sb.append(String.format("0x%012X", authority));
    } else {
      sb.append(authority);
    }
    for (int sub : subAuthorities) {
      sb.append('-').append(Integer.toUnsignedLong(sub));
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true; // shared well-known instances: the common case in a DACL walk
    }
    return o instanceof Sid s
        && s.authority == authority
        && s.revision == revision
        && Arrays.equals(s.subAuthorities, subAuthorities);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Sid o) {
    int c = Long.compare(authority, o.authority);
    if (c != 0) {
      return c;
    }
    return Arrays.compareUnsigned(subAuthorities, o.subAuthorities);
  }
}
