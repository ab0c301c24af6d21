package org.wbaudit.sd;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * An object ACE (MS-DTYP 2.4.4.3 and relatives): a mask and a SID, scoped by GUIDs.
 *
 * <p>{@code objectType} null means the ACE applies to every property, property set, extended
 * right and child class; otherwise it names one of them (or the object's own class).
 * {@code inheritedObjectType} null means the ACE is inherited by objects of every class.
 *
 * @param type never null, and always an object type
 * @param tail application data of callback object ACEs (or padding); never null
 */
public record ObjectAce(
    AceType type,
    int flags,
    int mask,
    UUID objectType,
    UUID inheritedObjectType,
    Sid sid,
    byte[] tail)
    implements TrusteeAce {
  /** Object ACE flag: ObjectType is present (MS-DTYP 2.4.4.3). */
  public static final int OBJECT_TYPE_PRESENT = 0x1;
  /** Object ACE flag: InheritedObjectType is present. */
  public static final int INHERITED_OBJECT_TYPE_PRESENT = 0x2;

  private static final byte[] NONE = new byte[0];

  public ObjectAce {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sid, "sid");
    if (!type.isObject()) {
      throw new IllegalArgumentException(type + " is not an object ACE type");
    }
    if (flags < 0 || flags > 0xFF) {
      throw new IllegalArgumentException("ACE flags are one byte: " + flags);
    }
    tail = tail == null || tail.length == 0 ? NONE : tail.clone();
  }

  public ObjectAce(
      AceType type, int flags, int mask, UUID objectType, UUID inheritedObjectType, Sid sid) {
    this(type, flags, mask, objectType, inheritedObjectType, sid, NONE);
  }

  @Override
  public int typeCode() {
    return type.code();
  }

  /** The Flags field of the object ACE body, derived from which GUIDs are present. */
  public int objectFlags() {
    return (objectType != null ? OBJECT_TYPE_PRESENT : 0)
        | (inheritedObjectType != null ? INHERITED_OBJECT_TYPE_PRESENT : 0);
  }

  @Override
  public int byteLength() {
    return 12
        + (objectType != null ? 16 : 0)
        + (inheritedObjectType != null ? 16 : 0)
        + sid.byteLength()
        + tail.length;
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
    return o instanceof ObjectAce a
        && a.type == type
        && a.flags == flags
        && a.mask == mask
        && Objects.equals(a.objectType, objectType)
        && Objects.equals(a.inheritedObjectType, inheritedObjectType)
        && a.sid.equals(sid)
        && Arrays.equals(a.tail, tail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, flags, mask, objectType, inheritedObjectType, sid)
        + Arrays.hashCode(tail);
  }

  @Override
  public String toString() {
    return "ObjectAce[" + type + ", flags=0x" + Integer.toHexString(flags) + ", mask=0x"
        + Integer.toHexString(mask) + ", object=" + objectType + ", inherited="
        + inheritedObjectType + ", " + sid + "]";
  }
}
