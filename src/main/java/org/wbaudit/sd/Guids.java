package org.wbaudit.sd;

import java.util.UUID;

/**
 * GUIDs as Active Directory stores them (MS-DTYP 2.3.4.2): the first three fields little-endian,
 * the last eight bytes in order. {@code 70 95 29 00 6d 24 d0 11 a7 68 00 aa 00 6e 05 29} is
 * {@code 00299570-246d-11d0-a768-00aa006e0529}.
 */
public final class Guids {
  private Guids() {}

  /** Reads 16 bytes at {@code offset}; the caller has checked the bounds. */
  public static UUID read(byte[] b, int offset) {
    long data1 = Integer.toUnsignedLong(Bytes.readIntLe(b, offset));
    long data2 = Bytes.readShortLe(b, offset + 4);
    long data3 = Bytes.readShortLe(b, offset + 6);
    long msb = (data1 << 32) | (data2 << 16) | data3;
    long lsb = 0;
    for (int i = 8; i < 16; i++) {
      lsb = (lsb << 8) | (b[offset + i] & 0xFF);
    }
    return new UUID(msb, lsb);
  }

  /** Reads a value that must be exactly 16 bytes (objectGUID, schemaIDGUID, rightsGuid...). */
  public static UUID fromBytes(byte[] b) {
    if (b.length != 16) {
      throw new IllegalArgumentException("a GUID is 16 bytes, got " + b.length);
    }
    return read(b, 0);
  }

  public static void write(UUID guid, byte[] out, int offset) {
    long msb = guid.getMostSignificantBits();
    Bytes.writeIntLe(out, offset, (int) (msb >>> 32));
    Bytes.writeShortLe(out, offset + 4, (int) (msb >>> 16));
    Bytes.writeShortLe(out, offset + 6, (int) msb);
    long lsb = guid.getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      out[offset + 8 + i] = (byte) (lsb >>> (8 * (7 - i)));
    }
  }

  public static byte[] toBytes(UUID guid) {
    byte[] out = new byte[16];
    write(guid, out, 0);
    return out;
  }
}
