package org.wbaudit.sd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Format-then-parse is the identity, in both directions, and no input can break the parser. */
class DescriptorRoundTripProperties {
  static final Sid DOMAIN = DescriptorArbitraries.DOMAIN;

  @Provide
  Arbitrary<SecurityDescriptor> sddlDescriptors() {
    return DescriptorArbitraries.sddlDescriptors();
  }

  @Provide
  Arbitrary<SecurityDescriptor> anyDescriptors() {
    return DescriptorArbitraries.anyDescriptors();
  }

  @Property(tries = 2000)
  void binaryToSddlToBinaryKeepsTheDescriptor(@ForAll("sddlDescriptors") SecurityDescriptor sd)
      throws Exception {
    SecurityDescriptor fromBinary = SecurityDescriptor.parse(sd.toBytes());
    SecurityDescriptor viaSddl = Sddl.parse(Sddl.format(fromBinary, DOMAIN), DOMAIN);
    assertEquals(fromBinary, viaSddl);
    assertEquals(Arrays.toString(sd.toBytes()), Arrays.toString(viaSddl.toBytes()));
  }

  @Property(tries = 2000)
  void sddlToBinaryToSddlKeepsTheText(@ForAll("sddlDescriptors") SecurityDescriptor sd)
      throws Exception {
    String text = Sddl.format(sd, DOMAIN);
    SecurityDescriptor read = Sddl.parse(text, DOMAIN);
    assertEquals(text, Sddl.format(SecurityDescriptor.parse(read.toBytes()), DOMAIN));
  }

  @Property(tries = 2000)
  void binaryRoundTripKeepsEverything(@ForAll("anyDescriptors") SecurityDescriptor sd)
      throws Exception {
    assertEquals(sd, SecurityDescriptor.parse(sd.toBytes()));
  }

  @Property(tries = 5000)
  void randomBytesEitherParseOrFailWithAnOffset(
      @ForAll("noise") byte[] bytes) {
    assertParsesOrRefuses(bytes);
  }

  @Property(tries = 5000)
  void corruptedDescriptorsEitherParseOrFailWithAnOffset(
      @ForAll("anyDescriptors") SecurityDescriptor sd,
      @ForAll("positions") int at,
      @ForAll byte value,
      @ForAll("positions") int cut) {
    byte[] b = sd.toBytes();
    b[at % b.length] = value;
    assertParsesOrRefuses(Arrays.copyOf(b, Math.min(b.length, cut % (b.length + 1))));
    assertParsesOrRefuses(b);
  }

  @Provide
  Arbitrary<byte[]> noise() {
    // A valid-looking header makes the parser go deeper than pure noise would.
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    return raw.map(b -> {
      if (b.length > 2) {
        b[0] = 1;
      }
      return b;
    });
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 10_000);
  }

  private static void assertParsesOrRefuses(byte[] b) {
    try {
      SecurityDescriptor sd = SecurityDescriptor.parse(b);
      // Whatever was read must survive its own round trip.
      assertEquals(sd, SecurityDescriptor.parse(sd.toBytes()));
    } catch (MalformedDescriptorException e) {
      if (e.offset() < 0 || e.offset() > b.length) {
        throw new AssertionError("offset " + e.offset() + " outside input of " + b.length, e);
      }
    }
  }
}
