package org.wbaudit.directory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.wbaudit.sd.Guids;
import org.wbaudit.sd.MalformedDescriptorException;
import org.wbaudit.sd.Sid;

/**
 * The users of one run as read, kept so that the next run reads only what changed: every
 * {@link DirectoryObject} written in turn, compactly. Values that users share (their container,
 * classes, descriptor, SID prefix, UPN suffix) are written once and referred to after; AD stores
 * each distinct descriptor once too, so a domain holds few. Gzip does the rest. The stream ends
 * with a mark, so a truncated one is refused rather than read short.
 */
public final class ObjectSnapshot {
  private ObjectSnapshot() {}

  private static final byte[] MAGIC = "wbaudit users 1\n".getBytes(StandardCharsets.US_ASCII);
  private static final int OBJECT = 1;
  private static final int END = 0;

  /** Values interned beyond this are written in full each time: memory stays bounded. */
  static final int MAX_INTERNED = 100_000;
  /** Shorter values (a GUID anchor) are never worth a table entry. */
  private static final int INTERN_FROM = 17;
  /** No value in a user is longer (a descriptor is at most 64 KiB in AD). */
  private static final int MAX_VALUE = 1 << 20;
  private static final int MAX_COUNT = 10_000;

  private static final int HAS_GUID = 1;
  private static final int HAS_SID = 2;
  private static final int HAS_DESCRIPTOR = 4;
  private static final int HAS_UPN = 8;
  private static final int HAS_SAM = 16;
  private static final int LOCKED_OUT = 32;
  private static final int UPN_IS_SAM = 64;

  /** Writes objects one by one; {@link #close()} writes the end mark. */
  public static final class Writer implements AutoCloseable {
    private final DataOutputStream out;
    private final Map<ByteBuffer, Integer> table = new HashMap<>();
    private long count;

    public Writer(OutputStream raw) throws IOException {
      out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(raw, 1 << 16), 1 << 16));
      out.write(MAGIC);
    }

    public void write(DirectoryObject o) throws IOException {
      String parent = DistinguishedNames.parentOf(o.dn());
      boolean split = parent != null && o.dn().length() > parent.length() + 1
          && o.dn().endsWith(parent) && o.dn().charAt(o.dn().length() - parent.length() - 1) == ',';
      String upnLocal = null;
      String upnSuffix = null;
      if (o.userPrincipalName() != null) {
        int at = o.userPrincipalName().lastIndexOf('@');
        upnLocal = at < 0 ? o.userPrincipalName() : o.userPrincipalName().substring(0, at);
        upnSuffix = at < 0 ? null : o.userPrincipalName().substring(at + 1);
      }
      int flags = (o.objectGuid() != null ? HAS_GUID : 0) | (o.objectSid() != null ? HAS_SID : 0)
          | (o.descriptor() != null ? HAS_DESCRIPTOR : 0) | (o.userPrincipalName() != null ? HAS_UPN : 0)
          | (o.samAccountName() != null ? HAS_SAM : 0) | (o.lockedOut() ? LOCKED_OUT : 0)
          | (upnLocal != null && upnLocal.equals(o.samAccountName()) ? UPN_IS_SAM : 0);
      out.writeByte(OBJECT);
      varint(flags);
      value(split ? utf8(parent) : new byte[0], true);
      value(utf8(split ? o.dn().substring(0, o.dn().length() - parent.length() - 1) : o.dn()), false);
      if (o.objectGuid() != null) {
        out.write(Guids.toBytes(o.objectGuid()));
      }
      if (o.objectSid() != null) {
        boolean relative = o.objectSid().subAuthorityCount() > 1;
        value(relative ? o.objectSid().parent().toBytes() : o.objectSid().toBytes(), true);
        varint(relative ? o.objectSid().rid() + 1 : 0);
      }
      value(utf8(String.join("\n", o.objectClasses())), true);
      varint(o.userAccountControl() & 0xFFFFFFFFL);
      varint(o.adminCount() & 0xFFFFFFFFL);
      if (o.descriptor() != null) {
        value(o.descriptor(), true);
      }
      if (o.userPrincipalName() != null) {
        if ((flags & UPN_IS_SAM) == 0) {
          value(utf8(upnLocal), false);
        }
        value(upnSuffix == null ? new byte[0] : utf8("@" + upnSuffix), true);
      }
      if (o.samAccountName() != null) {
        value(utf8(o.samAccountName()), false);
      }
      varint(o.otherValues().size());
      for (Map.Entry<String, List<byte[]>> e : o.otherValues().entrySet()) {
        value(utf8(e.getKey()), true);
        varint(e.getValue().size());
        for (byte[] v : e.getValue()) {
          value(v, v.length >= INTERN_FROM);
        }
      }
      count++;
    }

    /** How many objects were written. */
    public long count() {
      return count;
    }

    /** Writes the end mark and closes the stream. */
    @Override
    public void close() throws IOException {
      out.writeByte(END);
      out.close();
    }

    /** 0: new, interned; 1: inline, not interned; k ≥ 2: table entry k-2. */
    private void value(byte[] v, boolean intern) throws IOException {
      if (intern) {
        Integer at = table.get(ByteBuffer.wrap(v));
        if (at != null) {
          varint(at + 2L);
          return;
        }
        if (table.size() < MAX_INTERNED) {
          table.put(ByteBuffer.wrap(v.clone()), table.size());
          varint(0);
          bytes(v);
          return;
        }
      }
      varint(1);
      bytes(v);
    }

    private void bytes(byte[] v) throws IOException {
      varint(v.length);
      out.write(v);
    }

    private void varint(long v) throws IOException {
      while ((v & ~0x7FL) != 0) {
        out.writeByte((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.writeByte((int) v);
    }
  }

  /** Reads what a {@link Writer} wrote; anything else, or a stream cut short, is an IOException. */
  public static final class Reader implements AutoCloseable {
    private final DataInputStream in;
    private final List<byte[]> table = new ArrayList<>();
    private boolean ended;

    public Reader(InputStream raw) throws IOException {
      in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException("not a wbaudit user snapshot");
      }
    }

    /** The next object, or null after the last. */
    public DirectoryObject next() throws IOException {
      if (ended) {
        return null;
      }
      try {
        int tag = in.readUnsignedByte();
        if (tag == END) {
          ended = true;
          if (in.read() != -1) {
            throw new IOException("data after the end mark");
          }
          return null;
        }
        if (tag != OBJECT) {
          throw new IOException("unknown record " + tag);
        }
        return object();
      } catch (EOFException e) {
        throw new IOException("cut short: the end mark is missing");
      } catch (MalformedDescriptorException | IllegalArgumentException e) {
        throw new IOException("corrupt: " + e.getMessage());
      }
    }

    private DirectoryObject object() throws IOException, MalformedDescriptorException {
      int flags = (int) varint(0x7F);
      String parent = utf8(value());
      String rdn = utf8(value());
      String dn = parent.isEmpty() ? rdn : rdn + "," + parent;
      UUID guid = null;
      if ((flags & HAS_GUID) != 0) {
        byte[] g = new byte[16];
        in.readFully(g);
        guid = Guids.fromBytes(g);
      }
      Sid sid = null;
      if ((flags & HAS_SID) != 0) {
        Sid prefix = Sid.fromBytes(value());
        long rid = varint(0xFFFFFFFFL + 1);
        sid = rid == 0 ? prefix : prefix.withRid(rid - 1);
      }
      String classes = utf8(value());
      int uac = (int) varint(0xFFFFFFFFL);
      int adminCount = (int) varint(0xFFFFFFFFL);
      byte[] descriptor = (flags & HAS_DESCRIPTOR) != 0 ? value() : null;
      String upnLocal = null;
      String upnSuffix = null;
      if ((flags & HAS_UPN) != 0) {
        upnLocal = (flags & UPN_IS_SAM) != 0 ? null : utf8(value());
        upnSuffix = utf8(value());
      }
      String sam = (flags & HAS_SAM) != 0 ? utf8(value()) : null;
      String upn = (flags & HAS_UPN) == 0 ? null
          : ((flags & UPN_IS_SAM) != 0 ? sam : upnLocal) + upnSuffix;
      int n = (int) varint(MAX_COUNT);
      Map<String, List<byte[]>> other = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String name = utf8(value());
        int k = (int) varint(MAX_COUNT);
        List<byte[]> values = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
          values.add(value());
        }
        other.put(name, values);
      }
      return new DirectoryObject(dn, guid, sid,
          classes.isEmpty() ? List.of() : List.of(classes.split("\n", -1)), uac, adminCount,
          (flags & LOCKED_OUT) != 0, descriptor, upn, sam, other);
    }

    private byte[] value() throws IOException {
      long ref = varint(Integer.MAX_VALUE);
      if (ref >= 2) {
        if (ref - 2 >= table.size()) {
          throw new IOException("corrupt: a reference to value " + (ref - 2) + " of " + table.size());
        }
        return table.get((int) (ref - 2));
      }
      int length = (int) varint(MAX_VALUE);
      byte[] v = new byte[length];
      in.readFully(v);
      if (ref == 0) {
        if (table.size() >= MAX_INTERNED) {
          throw new IOException("corrupt: more than " + MAX_INTERNED + " shared values");
        }
        table.add(v);
      }
      return v;
    }

    private long varint(long max) throws IOException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = in.readUnsignedByte();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (v < 0 || v > max) {
            throw new IOException("corrupt: " + v + " is out of range");
          }
          return v;
        }
      }
      throw new IOException("corrupt: a number too long");
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
