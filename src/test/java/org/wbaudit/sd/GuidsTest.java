package org.wbaudit.sd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GuidsTest {
  @Test
  void firstThreeFieldsAreLittleEndian() {
    byte[] stored = HexFormat.of().parseHex("709529006d24d011a76800aa006e0529");
    UUID reset = UUID.fromString("00299570-246d-11d0-a768-00aa006e0529");
    assertEquals(reset, Guids.fromBytes(stored));
    assertArrayEquals(stored, Guids.toBytes(reset));
  }

  @Test
  void highBitsDoNotSignExtend() {
    UUID u = UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff");
    assertEquals(u, Guids.fromBytes(Guids.toBytes(u)));
    UUID v = UUID.fromString("80000000-8000-8000-8000-800000000000");
    assertEquals(v, Guids.fromBytes(Guids.toBytes(v)));
  }

  @Test
  void aGuidIsSixteenBytes() {
    assertThrows(IllegalArgumentException.class, () -> Guids.fromBytes(new byte[15]));
  }
}
