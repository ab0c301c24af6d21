package org.wbaudit.sd;

/** Little-endian reads and writes, as every integer in a descriptor is stored (MS-DTYP 2.4.6). */
final class Bytes {
  private Bytes() {}

  static int readShortLe(byte[] b, int offset) {
    return (b[offset] & 0xFF) | ((b[offset + 1] & 0xFF) << 8);
  }

  static int readIntLe(byte[] b, int offset) {
    return (b[offset] & 0xFF)
        | ((b[offset + 1] & 0xFF) << 8)
        | ((b[offset + 2] & 0xFF) << 16)
        | ((b[offset + 3] & 0xFF) << 24);
  }

  static void writeShortLe(byte[] b, int offset, int value) {
    b[offset] = (byte) value;
    b[offset + 1] = (byte) (value >>> 8);
  }

  static void writeIntLe(byte[] b, int offset, int value) {
    b[offset] = (byte) value;
    b[offset + 1] = (byte) (value >>> 8);
    b[offset + 2] = (byte) (value >>> 16);
    b[offset + 3] = (byte) (value >>> 24);
  }
}
