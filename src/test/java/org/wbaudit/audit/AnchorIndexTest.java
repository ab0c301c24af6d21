package org.wbaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wbaudit.sd.Guids;

class AnchorIndexTest {
  static List<byte[]> utf8(String... values) {
    return Arrays.stream(values).map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
  }

  @Test
  void valuesAreComparedAsTheCloudComparesThem() {
    assertEquals(Set.of("ann@corp.example"),
        AnchorAttribute.USER_PRINCIPAL_NAME.normalise(utf8("Ann@Corp.Example")));
    assertEquals(Set.of("ann"), AnchorAttribute.MAIL_NICKNAME.normalise(utf8("ANN", "ann", "")));
    // Only SMTP addresses, primary or secondary prefix alike, one holder per address.
    assertEquals(Set.of("ann@corp.example", "a.n@corp.example"), AnchorAttribute.PROXY_ADDRESSES
        .normalise(utf8("SMTP:Ann@corp.example", "smtp:ann@CORP.example", "smtp:a.n@corp.example",
            "X500:/o=Corp/cn=ann", "SIP:ann@corp.example")));
    byte[] guid = Guids.toBytes(java.util.UUID.fromString("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"));
    assertEquals(Set.of("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"),
        AnchorAttribute.CONSISTENCY_GUID.normalise(List.of(guid)));
    assertEquals(Set.of("0102"), AnchorAttribute.CONSISTENCY_GUID.normalise(List.of(new byte[] {1, 2})));
  }

  @Test
  void findsEachValueHeldTwiceAndNothingElse() {
    try (AnchorIndex index = new AnchorIndex()) {
      index.add("corp", "CN=ann,OU=A,DC=corp", true, AnchorAttribute.MAIL, Set.of("ann@x.example"));
      index.add("fabrikam", "CN=ann,DC=fab", false, AnchorAttribute.MAIL, Set.of("ann@x.example"));
      index.add("corp", "CN=bob,DC=corp", true, AnchorAttribute.MAIL, Set.of("bob@x.example"));
      // The same text under another attribute is no collision.
      index.add("corp", "CN=carl,DC=corp", true, AnchorAttribute.USER_PRINCIPAL_NAME, Set.of("ann@x.example"));
      index.add("corp", "CN=dan,DC=corp", true, AnchorAttribute.PROXY_ADDRESSES, Set.of("d@x.example", "dd@x.example"));
      index.add("fabrikam", "CN=dan,DC=fab", true, AnchorAttribute.PROXY_ADDRESSES, Set.of("dd@x.example"));
      List<AnchorIndex.Duplicate> d = index.duplicates();
      assertEquals(2, d.size(), d.toString());
      assertEquals(AnchorAttribute.MAIL, d.get(0).attribute());
      assertEquals("ann@x.example", d.get(0).value());
      assertEquals(1, d.get(0).enabledHolders());
      assertEquals(AnchorAttribute.PROXY_ADDRESSES, d.get(1).attribute());
      assertEquals("dd@x.example", d.get(1).value());
      assertEquals(2, d.get(1).enabledHolders());
      assertEquals(List.of("corp", "fabrikam"), d.get(1).holders().stream().map(AnchorIndex.Holder::forest).sorted().toList());
      assertEquals(5, index.distinctValues());
    }
  }

  @Test
  void aHashCollisionIsNoDuplicate() {
    // Every value hashes alike: the exact second pass must still tell them apart.
    try (AnchorIndex index = new AnchorIndex((attribute, value) -> 42L)) {
      index.add("corp", "CN=a", true, AnchorAttribute.MAIL, Set.of("a@x.example"));
      index.add("corp", "CN=b", true, AnchorAttribute.MAIL, Set.of("b@x.example"));
      index.add("corp", "CN=c", true, AnchorAttribute.USER_PRINCIPAL_NAME, Set.of("a@x.example"));
      assertTrue(index.duplicates().isEmpty());
      index.add("fabrikam", "CN=b2", true, AnchorAttribute.MAIL, Set.of("b@x.example"));
      List<AnchorIndex.Duplicate> d = index.duplicates();
      assertEquals(1, d.size(), d.toString());
      assertEquals("b@x.example", d.get(0).value());
    }
  }

  @Test
  void theTableGrowsAndKeepsItsCounts() {
    AnchorIndex.HashCounts counts = new AnchorIndex.HashCounts();
    for (long k = 1; k <= 100_000; k++) {
      counts.increment(k * 0x9E3779B97F4A7C15L);
    }
    counts.increment(77 * 0x9E3779B97F4A7C15L);
    assertEquals(100_000, counts.size());
    assertEquals(2, counts.get(77 * 0x9E3779B97F4A7C15L));
    assertEquals(1, counts.get(78 * 0x9E3779B97F4A7C15L));
    assertEquals(0, counts.get(123456789L));
  }
}
