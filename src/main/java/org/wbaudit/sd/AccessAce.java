package org.wbaudit.sd;

import java.util.Arrays;
import java.util.Objects;

/**
 * An ACE with a mask and a SID and no object scoping: ACCESS_ALLOWED, ACCESS_DENIED, the audit
 * and alarm types, their callback forms, and the label, resource-attribute and policy ACEs.
 *
 * @param type never null, and never an object type
 * @param flags AceFlags byte
 * @param mask access mask
 * @param sid trustee; never null
 * @param tail bytes after the SID up to the end of the ACE: the application data of callback and
 *     resource-attribute ACEs, padding otherwise; never null, may be empty
 */
public record AccessAce(AceType type, int flags, int mask, Sid sid, byte[] tail)
    implements TrusteeAce {
  private static final byte[] NONE = new byte[0];

  public AccessAce {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sid, "sid");
    if (type.isObject() || type.layout() == AceType.Layout.OPAQUE) {
      throw new IllegalArgumentException(type + " is not a plain SID ACE type");
    }
    if (flags < 0 || flags > 0xFF) {
      throw new IllegalArgumentException("ACE flags are one byte: " + flags);
    }
    tail = tail == null || tail.length == 0 ? NONE : tail.clone();
    if (4 + 4 + sid.byteLength() + tail.length > 0xFFFF) {
      throw new IllegalArgumentException("ACE longer than 65535 bytes");
    }
  }

  public AccessAce(AceType type, int flags, int mask, Sid sid) {
    this(type, flags, mask, sid, NONE);
  }

  @Override
  public int typeCode() {
    return type.code();
  }

  @Override
  public int byteLength() {
    return 8 + sid.byteLength() + tail.length;
  }

  @Override
  public byte[] tail() {
    return tail.clone();
  }

  @Override
  public int tailLength() {
    return tail.length;
  }

  byte[] tailUnsafe() {
    return tail;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessAce a
        && a.type == type
        && a.flags == flags
        && a.mask == mask
        && a.sid.equals(sid)
        && Arrays.equals(a.tail, tail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, flags, mask, sid, Arrays.hashCode(tail));
  }

  @Override
  public String toString() {
    return "AccessAce[" + type + ", flags=0x" + Integer.toHexString(flags) + ", mask=0x"
        + Integer.toHexString(mask) + ", " + sid + (tail.length > 0 ? ", +" + tail.length + "B" : "")
        + "]";
  }
}
