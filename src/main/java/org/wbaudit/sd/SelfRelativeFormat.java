package org.wbaudit.sd;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The self-relative binary form of a security descriptor (MS-DTYP 2.4.6, 2.4.5, 2.4.4).
 *
 * <p>Every length and offset read from the input is checked against the bytes that remain before
 * it is used, so that no input can cause an unchecked exception, a hang or a partial result:
 * either the whole descriptor is read or a {@link MalformedDescriptorException} says where and
 * why not.
 */
final class SelfRelativeFormat {
  private SelfRelativeFormat() {}

  static final int HEADER = 20;
  private static final int ACL_HEADER = 8;
  private static final int ACE_HEADER = 4;

  static SecurityDescriptor parse(byte[] b) throws MalformedDescriptorException {
    if (b == null || b.length == 0) {
      throw new MalformedDescriptorException(0, "empty input: a descriptor has a 20-byte header");
    }
    if (b.length < HEADER) {
      throw new MalformedDescriptorException(
          0, "expected a 20-byte header, got " + b.length + " bytes");
    }
    int revision = b[0] & 0xFF;
    if (revision != 1) {
      throw new MalformedDescriptorException(0, "expected revision 1, got " + revision);
    }
    int sbz1 = b[1] & 0xFF;
    int control = Bytes.readShortLe(b, 2);
    int ownerOffset = offsetField(b, 4, "owner");
    int groupOffset = offsetField(b, 8, "group");
    int saclOffset = offsetField(b, 12, "SACL");
    int daclOffset = offsetField(b, 16, "DACL");

    Sid owner = ownerOffset == 0 ? null : Sid.read(b, ownerOffset, b.length, "owner SID");
    Sid group = groupOffset == 0 ? null : Sid.read(b, groupOffset, b.length, "group SID");
    Acl sacl = saclOffset == 0 ? null : readAcl(b, saclOffset, "SACL");
    Acl dacl = daclOffset == 0 ? null : readAcl(b, daclOffset, "DACL");
    return new SecurityDescriptor(control, sbz1, owner, group, sacl, dacl);
  }

  private static int offsetField(byte[] b, int at, String what)
      throws MalformedDescriptorException {
    long offset = Integer.toUnsignedLong(Bytes.readIntLe(b, at));
    if (offset == 0) {
      return 0;
    }
    if (offset < HEADER || offset >= b.length) {
      throw new MalformedDescriptorException(
          at,
          what + " offset " + offset + " is outside the descriptor (expected 20.." + (b.length - 1)
              + ")");
    }
    return (int) offset;
  }

  private static Acl readAcl(byte[] b, int start, String what)
      throws MalformedDescriptorException {
    if (start + ACL_HEADER > b.length) {
      throw new MalformedDescriptorException(
          start, what + " header needs 8 bytes, only " + (b.length - start) + " remain");
    }
    int revision = b[start] & 0xFF;
    if (revision != Acl.REVISION && revision != Acl.REVISION_DS) {
      throw new MalformedDescriptorException(
          start, what + ": expected ACL revision 2 or 4, got " + revision);
    }
    int size = Bytes.readShortLe(b, start + 2);
    int count = Bytes.readShortLe(b, start + 4);
    if (size < ACL_HEADER) {
      throw new MalformedDescriptorException(
          start + 2, what + ": AclSize " + size + " is smaller than its 8-byte header");
    }
    int end = start + size;
    if (end > b.length) {
      throw new MalformedDescriptorException(
          start + 2,
          what + ": AclSize " + size + " runs past the end of the descriptor (" + (b.length - start)
              + " bytes remain)");
    }
    // Each ACE takes at least 4 bytes; a count that cannot fit is a lie, caught before allocating.
    if ((long) count * ACE_HEADER > size - ACL_HEADER) {
      throw new MalformedDescriptorException(
          start + 4, what + ": AceCount " + count + " cannot fit in AclSize " + size);
    }
    List<Ace> aces = new ArrayList<>(count);
    int at = start + ACL_HEADER;
    for (int i = 0; i < count; i++) {
      if (at + ACE_HEADER > end) {
        throw new MalformedDescriptorException(
            at, what + ": ACE " + i + " of " + count + " starts past the end of the ACL");
      }
      int aceSize = Bytes.readShortLe(b, at + 2);
      if (aceSize < ACE_HEADER) {
        throw new MalformedDescriptorException(
            at + 2, what + ": ACE " + i + " declares size " + aceSize + ", less than its header");
      }
      if (at + aceSize > end) {
        throw new MalformedDescriptorException(
            at + 2,
            what + ": ACE " + i + " declares size " + aceSize + " but the ACL has "
                + (end - at) + " bytes left");
      }
      try {
        aces.add(readAce(b, at, at + aceSize));
      } catch (MalformedDescriptorException e) {
        // Named here, on the rare error path, so that reading builds no strings.
        throw new MalformedDescriptorException(e.offset(), what + " ACE " + i + e.detail());
      }
      at += aceSize;
    }
    return new Acl(revision, aces);
  }

  /** Reads one ACE; error details start with a space or colon so the caller can prefix a name. */
  private static Ace readAce(byte[] b, int start, int end)
      throws MalformedDescriptorException {
    int typeCode = b[start] & 0xFF;
    int flags = b[start + 1] & 0xFF;
    AceType type = AceType.fromCode(typeCode);
    if (type == null || type.layout() == AceType.Layout.OPAQUE) {
      byte[] body = new byte[end - start - ACE_HEADER];
      System.arraycopy(b, start + ACE_HEADER, body, 0, body.length);
      return new OpaqueAce(typeCode, flags, body);
    }
    int at = start + ACE_HEADER;
    if (at + 4 > end) {
      throw new MalformedDescriptorException(at, ": no room for the 4-byte access mask");
    }
    int mask = Bytes.readIntLe(b, at);
    at += 4;
    UUID objectType = null;
    UUID inheritedObjectType = null;
    if (type.isObject()) {
      if (at + 4 > end) {
        throw new MalformedDescriptorException(at, ": no room for the object ACE flags");
      }
      int objectFlags = Bytes.readIntLe(b, at);
      if ((objectFlags & ~0x3) != 0) {
        throw new MalformedDescriptorException(
            at, ": unknown object ACE flags 0x" + Integer.toHexString(objectFlags));
      }
      at += 4;
      if ((objectFlags & ObjectAce.OBJECT_TYPE_PRESENT) != 0) {
        if (at + 16 > end) {
          throw new MalformedDescriptorException(at, ": ObjectType GUID runs past the ACE");
        }
        objectType = Guids.read(b, at);
        at += 16;
      }
      if ((objectFlags & ObjectAce.INHERITED_OBJECT_TYPE_PRESENT) != 0) {
        if (at + 16 > end) {
          throw new MalformedDescriptorException(
              at, ": InheritedObjectType GUID runs past the ACE");
        }
        inheritedObjectType = Guids.read(b, at);
        at += 16;
      }
    }
    Sid sid = Sid.read(b, at, end, " SID");
    at += sid.byteLength();
    byte[] tail = null;
    if (at < end) {
      tail = new byte[end - at];
      System.arraycopy(b, at, tail, 0, tail.length);
    }
    return type.isObject()
        ? new ObjectAce(type, flags, mask, objectType, inheritedObjectType, sid, tail)
        : new AccessAce(type, flags, mask, sid, tail);
  }

  static byte[] encode(SecurityDescriptor sd) {
    int size = HEADER;
    int saclOffset = 0;
    int daclOffset = 0;
    int ownerOffset = 0;
    int groupOffset = 0;
    if (sd.sacl() != null) {
      saclOffset = size;
      size += sd.sacl().byteLength();
    }
    if (sd.dacl() != null) {
      daclOffset = size;
      size += sd.dacl().byteLength();
    }
    if (sd.owner() != null) {
      ownerOffset = size;
      size += sd.owner().byteLength();
    }
    if (sd.group() != null) {
      groupOffset = size;
      size += sd.group().byteLength();
    }
    byte[] out = new byte[size];
    out[0] = 1;
    out[1] = (byte) sd.resourceManagerControl();
    Bytes.writeShortLe(out, 2, sd.control());
    Bytes.writeIntLe(out, 4, ownerOffset);
    Bytes.writeIntLe(out, 8, groupOffset);
    Bytes.writeIntLe(out, 12, saclOffset);
    Bytes.writeIntLe(out, 16, daclOffset);
    if (sd.sacl() != null) {
      writeAcl(sd.sacl(), out, saclOffset);
    }
    if (sd.dacl() != null) {
      writeAcl(sd.dacl(), out, daclOffset);
    }
    if (sd.owner() != null) {
      sd.owner().write(out, ownerOffset);
    }
    if (sd.group() != null) {
      sd.group().write(out, groupOffset);
    }
    return out;
  }

  private static void writeAcl(Acl acl, byte[] out, int start) {
    int size = acl.byteLength();
    if (size > 0xFFFF) {
      throw new IllegalArgumentException("ACL of " + size + " bytes exceeds the 65535-byte limit");
    }
    out[start] = (byte) acl.revision();
    Bytes.writeShortLe(out, start + 2, size);
    Bytes.writeShortLe(out, start + 4, acl.size());
    int at = start + ACL_HEADER;
    for (Ace ace : acl.aces()) {
      writeAce(ace, out, at);
      at += ace.byteLength();
    }
  }

  private static void writeAce(Ace ace, byte[] out, int start) {
    out[start] = (byte) ace.typeCode();
    out[start + 1] = (byte) ace.flags();
    Bytes.writeShortLe(out, start + 2, ace.byteLength());
    int at = start + ACE_HEADER;
    if (ace instanceof OpaqueAce o) {
      System.arraycopy(o.bodyUnsafe(), 0, out, at, o.bodyUnsafe().length);
      return;
    }
    byte[] tail;
    Sid sid;
    if (ace instanceof AccessAce a) {
      Bytes.writeIntLe(out, at, a.mask());
      at += 4;
      sid = a.sid();
      tail = a.tailUnsafe();
    } else {
      ObjectAce a = (ObjectAce) ace;
      Bytes.writeIntLe(out, at, a.mask());
      Bytes.writeIntLe(out, at + 4, a.objectFlags());
      at += 8;
      if (a.objectType() != null) {
        Guids.write(a.objectType(), out, at);
        at += 16;
      }
      if (a.inheritedObjectType() != null) {
        Guids.write(a.inheritedObjectType(), out, at);
        at += 16;
      }
      sid = a.sid();
      tail = a.tailUnsafe();
    }
    sid.write(out, at);
    at += sid.byteLength();
    System.arraycopy(tail, 0, out, at, tail.length);
  }
}
