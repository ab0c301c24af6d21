package org.wbaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.wbaudit.audit.AuditSink;
import org.wbaudit.audit.ObjectResult;
import org.wbaudit.audit.RightVerdict;
import org.wbaudit.audit.RunSummary;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.rules.Severity;

/**
 * The spool's shortcuts write and read what Jackson and a line reader would: findings' plain
 * values byte for byte as Jackson's serializers write them, and lines as written, whatever
 * their length, characters or place in the read buffer.
 */
class SpoolProperties {
  @Property(tries = 2000)
  void plainValuesAreWrittenAsJacksonWritesThem(@ForAll("values") Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = SpoolFiles.generator(out)) {
      SpoolFiles.writePlain(g, value);
    }
    assertEquals(ReportAssembler.JSON.writeValueAsString(value), out.toString(StandardCharsets.UTF_8));
  }

  @Property(tries = 100)
  void linesAreReadBackAsWritten(@ForAll("lines") List<String> lines, @ForAll boolean lastFeed)
      throws IOException {
    Path file = Files.createTempFile("spool", ".jsonl");
    try {
      String text = String.join("\n", lines) + (lastFeed ? "\n" : "");
      Files.writeString(file, text, StandardCharsets.UTF_8);
      List<String> read = new ArrayList<>();
      SpoolFiles.lines(file, read::add);
      assertEquals(lines.stream().filter(l -> !l.isBlank()).toList(), read);
    } finally {
      Files.delete(file);
    }
  }

  /**
   * Objects are spooled as Jackson writes them, though each distinct verdict is written once and
   * its bytes copied after: repeated, distinct, unknown verdicts and text that needs escaping.
   */
  @Property(tries = 50)
  void objectsAreSpooledAsJacksonWritesThem(@ForAll("objects") List<ObjectResult> objects) throws IOException {
    List<String> spooled = new ArrayList<>();
    try (ReportAssembler a = new ReportAssembler(RuleCatalog.builtIn())) {
      a.begin("test", Instant.EPOCH);
      AuditSink forest = a.forest("corp.example");
      objects.forEach(forest::object);
      a.end(new RunSummary(null, List.of(), new RunSummary.AnchorSummary(List.of(), 0, 0, 0), null));
      a.model().objectsAsJson(spooled::add);
    }
    List<String> expected = new ArrayList<>();
    for (ObjectResult o : objects) {
      expected.add(ReportAssembler.JSON.writeValueAsString(o));
    }
    assertEquals(expected, spooled);
  }

  @Provide
  Arbitrary<List<ObjectResult>> objects() {
    Arbitrary<RightVerdict> verdict = Arbitraries.oneOf(
        Arbitraries.of(
            new RightVerdict(true, "granted", "ace", 4, "(OA;;CR;ab721a53-1e2f-11d0-9819-00aa0040529b;;PS)", "ACE 4 allows it"),
            new RightVerdict(false, "not-granted", null, null, null, "no ACE grants it"),
            RightVerdict.unknown("the descriptor is \"unreadable\" \uD83D\uDE00")),
        Combinators.combine(Arbitraries.integers().between(0, 40), text(8))
            .as((i, t) -> new RightVerdict(false, "denied", "ace", i, "(OD;;CR;;;S-1-5-21-1)", t)));
    Arbitrary<Map<String, ObjectResult.OperationVerdict>> ops = Arbitraries.of(
        "RESET_PASSWORD_NOT_GRANTED", "ACCOUNT_DISABLED", "WRITE_PWD_LAST_SET_NOT_GRANTED")
        .list().ofMaxSize(2).map(b -> {
          Map<String, ObjectResult.OperationVerdict> m = new LinkedHashMap<>();
          m.put("adminReset", new ObjectResult.OperationVerdict(b.isEmpty(), b));
          m.put("change", new ObjectResult.OperationVerdict(true, List.of()));
          return m;
        });
    Arbitrary<ObjectResult> object = Combinators.combine(text(10), verdict, verdict, ops.injectNull(0.3))
        .as((name, reset, change, operations) -> {
          Map<String, RightVerdict> rights = new LinkedHashMap<>();
          rights.put("resetPassword", reset);
          rights.put("changePassword", change);
          return new ObjectResult("corp.example", "CN=" + name + ",DC=corp", "guid-" + name, "S-1-5-21-1-2-3-4",
              null, name, "user", true, false, false, false, "read", rights, operations != null, null,
              operations == null ? null : false, List.of(), null, new ObjectResult.PasswordPolicyRef("domain", null),
              operations);
        });
    return object.list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<Object> values() {
    return value(3);
  }

  private Arbitrary<Object> value(int depth) {
    Arbitrary<Object> leaf = Arbitraries.oneOf(
        text(12).map(s -> (Object) s),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just(null),
        // what the shortcut leaves to Jackson
        Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.of(Severity.values()).map(s -> (Object) s),
        Arbitraries.just((Object) Instant.parse("2026-12-02T10:00:00Z")),
        Arbitraries.just((Object) new org.wbaudit.audit.Finding.Suppression("why", null, "2027-01-01")));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Object> list = value(depth - 1).list().ofMaxSize(4).map(l -> (Object) l);
    Arbitrary<Object> map = Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(6), value(depth - 1))
        .ofMaxSize(4).map(m -> (Object) new LinkedHashMap<>(m));
    Arbitrary<Object> intKeys = Arbitraries.maps(Arbitraries.integers().between(0, 9), leaf)
        .ofMaxSize(3).map(m -> (Object) new TreeMap<>(m));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, leaf), net.jqwik.api.Tuple.of(2, list),
        net.jqwik.api.Tuple.of(2, map), net.jqwik.api.Tuple.of(1, intKeys));
  }

  /** Text as directories return it: any character, surrogates only in pairs. */
  private static Arbitrary<String> text(int maxTokens) {
    return Arbitraries.of("a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "\u007f", "é", "Ж", "€",
        "\uD83D\uDE00", "<", "&", "{", ":", ",").list().ofMaxSize(maxTokens).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<List<String>> lines() {
    Arbitrary<String> shortLine = text(40).map(s -> s.replace('\n', ' '));
    // Lines longer than the 64 KiB read buffer, so that it grows and lines straddle reads.
    Arbitrary<String> longLine = Arbitraries.integers().between(60_000, 200_000)
        .map(n -> "{\"x\":\"" + "é".repeat(n / 2) + "\"}");
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(20, shortLine), net.jqwik.api.Tuple.of(1, longLine))
        .list().ofMaxSize(30);
  }
}
