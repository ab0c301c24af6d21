package org.wbaudit.directory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.wbaudit.sd.Sid;

/** The users an incremental run keeps read back exactly as written, and nothing else read. */
class ObjectSnapshotProperties {
  @Property(tries = 200)
  void whatIsWrittenIsReadBack(@ForAll("objects") List<DirectoryObject> objects) throws IOException {
    List<DirectoryObject> back = readAll(write(objects));
    assertEquals(objects.size(), back.size());
    for (int i = 0; i < objects.size(); i++) {
      assertSame(objects.get(i), back.get(i));
    }
  }

  @Property(tries = 50)
  void aStreamCutShortIsRefused(@ForAll("objects") List<DirectoryObject> objects) throws IOException {
    byte[] plain = gunzip(write(objects));
    for (int cut : new int[] {plain.length - 1, plain.length / 2, 20}) {
      if (cut <= 0 || cut >= plain.length) {
        continue;
      }
      byte[] shorter = gzip(Arrays.copyOf(plain, cut));
      assertThrows(IOException.class, () -> readAll(shorter), "cut at " + cut + " of " + plain.length);
    }
  }

  @Test
  void somethingElseIsRefused() {
    assertThrows(IOException.class, () -> readAll(gzip("{\"not\": \"ours\"}".getBytes(StandardCharsets.UTF_8))));
    assertThrows(IOException.class, () -> readAll("plain text".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void sharedValuesAreWrittenOnce() throws IOException {
    byte[] descriptor = new byte[2000];
    Arrays.fill(descriptor, (byte) 7);
    List<DirectoryObject> many = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      many.add(new DirectoryObject("CN=u" + i + ",OU=Sales,DC=corp,DC=example", UUID.randomUUID(),
          Sid.parse("S-1-5-21-1-2-3-" + (1000 + i)), List.of("top", "person", "organizationalPerson", "user"),
          512, 0, false, descriptor, "u" + i + "@corp.example", "u" + i, Map.of()));
    }
    byte[] raw = gunzip(write(many));
    // 16 bytes of GUID, a few of RID, name and flags each: far below one descriptor per user.
    assertTrue(raw.length < 1000 * 60, raw.length + " bytes for 1,000 users");
    assertEquals(many.size(), readAll(write(many)).size());
  }

  static void assertSame(DirectoryObject a, DirectoryObject b) {
    assertEquals(a.dn(), b.dn());
    assertEquals(a.objectGuid(), b.objectGuid());
    assertEquals(a.objectSid(), b.objectSid());
    assertEquals(a.objectClasses(), b.objectClasses());
    assertEquals(a.userAccountControl(), b.userAccountControl());
    assertEquals(a.adminCount(), b.adminCount());
    assertEquals(a.lockedOut(), b.lockedOut());
    if (a.descriptor() == null) {
      assertNull(b.descriptor());
    } else {
      assertArrayEquals(a.descriptor(), b.descriptor());
    }
    assertEquals(a.userPrincipalName(), b.userPrincipalName());
    assertEquals(a.samAccountName(), b.samAccountName());
    assertEquals(a.otherValues().keySet(), b.otherValues().keySet());
    a.otherValues().forEach((k, v) -> {
      List<byte[]> w = b.otherValues().get(k);
      assertEquals(v.size(), w.size(), k);
      for (int i = 0; i < v.size(); i++) {
        assertArrayEquals(v.get(i), w.get(i), k);
      }
    });
  }

  @Provide
  Arbitrary<List<DirectoryObject>> objects() {
    Arbitrary<String> rdnValue = Arbitraries.strings().withChars("abcXYZ09 é\\,+=#").ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> parent = Arbitraries.of("OU=A,DC=corp,DC=example", "CN=Users,DC=corp,DC=example",
        "OU=Sales\\, Inc,DC=corp,DC=example", "DC=corp,DC=example");
    Arbitrary<String> dn = Combinators.combine(rdnValue, parent, Arbitraries.of(true, false))
        .as((v, p, escaped) -> (escaped ? "CN=" + v.replace("\\", "\\\\").replace(",", "\\,") : "CN=x") + "," + p);
    Arbitrary<UUID> guid = Arbitraries.randomValue(r -> new UUID(r.nextLong(), r.nextLong())).injectNull(0.1);
    Arbitrary<Sid> sid = Arbitraries.longs().between(0, 0xFFFFFFFFL)
        .map(rid -> Sid.parse("S-1-5-21-7-8-9-" + rid)).injectNull(0.1);
    Arbitrary<byte[]> descriptor = Arbitraries.of(new byte[] {1, 0, 4, (byte) 0x84}, new byte[0], new byte[40])
        .injectNull(0.1);
    Arbitrary<String> name = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(10).injectNull(0.2);
    Arbitrary<String> upn = Combinators.combine(name, Arbitraries.of("@corp.example", "@other.test", "", "@"))
        .as((n, s) -> n == null ? null : n + s);
    Arbitrary<Map<String, List<byte[]>>> other = Arbitraries.maps(
        Arbitraries.of("msDS-ResultantPSO", "mS-DS-ConsistencyGuid", "memberOf", "department"),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(40).list().ofMinSize(1).ofMaxSize(3))
        .ofMaxSize(3);
    Arbitrary<DirectoryObject> object = Combinators.combine(dn, guid, sid, Arbitraries.integers(),
        Arbitraries.integers().between(0, 1), Arbitraries.of(true, false), descriptor,
        Combinators.combine(upn, name, other).as((u, n, o) -> Arrays.asList(u, n, o)))
        .as((d, g, s, uac, admin, locked, sd, rest) -> {
          @SuppressWarnings("unchecked")
          Map<String, List<byte[]>> values = (Map<String, List<byte[]>>) rest.get(2);
          String sam = (String) rest.get(1);
          String u = (String) rest.get(0);
          return new DirectoryObject(d, g, s, List.of("top", "person", "user"), uac, admin, locked, sd,
              u, sam, new HashMap<>(values));
        });
    return object.list().ofMaxSize(30);
  }

  static byte[] write(List<DirectoryObject> objects) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectSnapshot.Writer w = new ObjectSnapshot.Writer(out)) {
      for (DirectoryObject o : objects) {
        w.write(o);
      }
    }
    return out.toByteArray();
  }

  static List<DirectoryObject> readAll(byte[] bytes) throws IOException {
    List<DirectoryObject> out = new ArrayList<>();
    try (ObjectSnapshot.Reader r = new ObjectSnapshot.Reader(new ByteArrayInputStream(bytes))) {
      for (DirectoryObject o = r.next(); o != null; o = r.next()) {
        out.add(o);
      }
    }
    return out;
  }

  static byte[] gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(plain);
    }
    return out.toByteArray();
  }
}
