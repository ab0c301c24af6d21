package org.wbaudit.sd;

import java.util.Arrays;

/**
 * An ACE whose type this tool does not decode, kept byte for byte.
 *
 * <p>In an access check such an ACE grants nothing; if it sits in a DACL the result says the
 * decision may be incomplete rather than guess.
 *
 * @param typeCode the AceType byte
 * @param flags the AceFlags byte
 * @param body everything after the 4-byte header; never null
 */
public record OpaqueAce(int typeCode, int flags, byte[] body) implements Ace {
  public OpaqueAce {
    if (typeCode < 0 || typeCode > 0xFF || flags < 0 || flags > 0xFF) {
      throw new IllegalArgumentException("ACE type and flags are one byte each");
    }
    body = body.clone();
    if (4 + body.length > 0xFFFF) {
      throw new IllegalArgumentException("ACE longer than 65535 bytes");
    }
  }

  @Override
  public int byteLength() {
    return 4 + body.length;
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  byte[] bodyUnsafe() {
    return body;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpaqueAce a
        && a.typeCode == typeCode
        && a.flags == flags
        && Arrays.equals(a.body, body);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * typeCode + flags) + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "OpaqueAce[type=0x" + Integer.toHexString(typeCode) + ", flags=0x"
        + Integer.toHexString(flags) + ", " + body.length + " bytes]";
  }
}
