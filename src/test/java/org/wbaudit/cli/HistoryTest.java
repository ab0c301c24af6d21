package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheduled runs over the embedded demo directory, kept in a --history directory. */
class HistoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static List<Path> runs(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("run-")).sorted().toList();
    }
  }

  private static JsonNode gunzip(Path p) throws Exception {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
      return JSON.readTree(in);
    }
  }

  private Cli demo(Path history, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("demo", "--fail-on", "critical",
        "--history", history.toString()));
    args.addAll(List.of(more));
    return Cli.run("", args.toArray(String[]::new));
  }

  @Test
  void theSecondRunComparesItselfWithTheFirstAndTheTrendHasBoth() throws Exception {
    Path h = tmp.resolve("h");
    Cli first = demo(h);
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(JSON.readTree(first.out()).path("diff").isMissingNode() || JSON.readTree(first.out()).get("diff").isNull(), "nothing to compare the first run with");
    assertEquals(1, runs(h).size());
    assertTrue(runs(h).get(0).getFileName().toString().endsWith("-complete.json.gz"));
    assertEquals(JSON.readTree(first.out()).get("findings"), gunzip(runs(h).get(0)).get("findings"),
        "the history keeps the run's own report");

    Cli second = demo(h);
    assertEquals(0, second.exitCode(), second.err());
    JsonNode diff = JSON.readTree(second.out()).get("diff");
    assertEquals(0, diff.get("added").asInt());
    assertEquals(org.wbaudit.report.ReportJson.perObject(JSON.readTree(second.out())).size(),
        diff.get("unchanged").asInt());
    assertEquals(runs(h).get(0).getFileName().toString(), diff.get("baseline").asText());
    assertEquals(2, runs(h).size());

    Cli trend = Cli.run("", "history", h.toString(), "--format", "json");
    assertEquals(0, trend.exitCode(), trend.err());
    JsonNode t = JSON.readTree(trend.out());
    assertEquals(2, t.get("runs").size());
    // The demo has 3 of its 24 in-scope users ready (sales-deep, ready by its own object, shares
    // a planted anchor value with another enabled user: the duplicate stops it).
    assertEquals(100.0 * 3 / 24, t.get("runs").get(1).get("readyPercent").get("corp.example.test").asDouble(), 1e-9);
    assertEquals(0, t.get("sincePrevious").get("new").size());
    Cli text = Cli.run("", "history", h.toString());
    assertTrue(text.out().contains("12.5% ready"), text.out());
    assertTrue(text.out().contains("Since the previous complete run: 0 new, 0 resolved"), text.out());
  }

  @Test
  void findingsMissingFromTheLatestCompleteRunAreNewAndAnIncompleteRunIsNeverTheBaseline() throws Exception {
    Path h = tmp.resolve("h");
    assertEquals(0, demo(h).exitCode());
    Path firstRun = runs(h).get(0);
    ObjectNode report = org.wbaudit.report.ReportJson.expanded(gunzip(firstRun));
    ArrayNode findings = (ArrayNode) report.get("findings");
    String droppedId = findings.get(0).get("id").asText();
    findings.remove(0);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(firstRun))) {
      JSON.writeValue(out, report);
    }
    // A later incomplete run that had no findings at all: were it the baseline, all would be new.
    try (RunHistory kept = RunHistory.open(h, 90, Instant.now())) {
      ObjectNode empty = report.deepCopy();
      empty.putArray("findings");
      kept.keep(Instant.now(), false, out -> JSON.writeValue(out, empty));
    }
    Files.writeString(h.resolve("run-29990101T000000000Z-complete.json.gz.part"), "killed mid-write");

    Cli next = demo(h);
    assertEquals(0, next.exitCode(), next.err());
    JsonNode diff = JSON.readTree(next.out()).get("diff");
    assertEquals(1, diff.get("added").asInt(), "only the finding the baseline lacked is new");
    assertEquals(firstRun.getFileName().toString(), diff.get("baseline").asText());
    JsonNode marked = null;
    for (JsonNode f : JSON.readTree(next.out()).get("findings")) {
      if (f.get("id").asText().equals(droppedId)) {
        marked = f;
      }
    }
    assertEquals("new", marked.get("change").asText());
    assertFalse(Files.exists(h.resolve("run-29990101T000000000Z-complete.json.gz.part")),
        "a killed run's part file is swept, never read");
    assertEquals(3, runs(h).size());
  }

  @Test
  void aSecondRunOnAHeldHistoryExitsSevenAndChangesNothing() throws Exception {
    Path h = tmp.resolve("h");
    assertEquals(0, demo(h).exitCode());
    List<Path> before = runs(h);
    try (RunHistory held = RunHistory.open(h, 90, Instant.now())) {
      Cli second = demo(h);
      assertEquals(ExitCode.HISTORY_LOCKED.code(), second.exitCode(), second.err());
      assertTrue(second.err().contains("another wbaudit run is using"), second.err());
      assertEquals("", second.out(), "no report from a run that did nothing");
    }
    assertEquals(before, runs(h));
  }

  @Test
  void retentionDropsTheOldestRuns() throws Exception {
    Path h = tmp.resolve("h");
    for (int i = 0; i < 3; i++) {
      assertEquals(0, demo(h, "--keep-runs", "2").exitCode());
    }
    assertEquals(2, runs(h).size());
    assertEquals(ExitCode.USAGE.code(), demo(h, "--keep-runs", "0").exitCode());
  }

  @Test
  void baselineAndHistoryTogetherAreRefused() throws Exception {
    Path base = tmp.resolve("b.json");
    Files.writeString(base, Cli.run("", "demo", "--fail-on", "critical").out());
    Cli r = demo(tmp.resolve("h"), "--baseline", base.toString());
    assertEquals(ExitCode.USAGE.code(), r.exitCode(), r.err());
    assertTrue(r.err().contains("--baseline and --history"), r.err());
  }

  @Test
  void anUnreadableKeptRunIsNamedByTheTrendNotFatal() throws Exception {
    Path h = Files.createDirectories(tmp.resolve("h"));
    Files.writeString(h.resolve("run-20260101T000000000Z-complete.json.gz"), "not gzip");
    Cli r = Cli.run("", "history", h.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("run-20260101T000000000Z-complete.json.gz: unreadable"), r.out());
    Cli audit = demo(h);
    assertEquals(ExitCode.USAGE.code(), audit.exitCode(), audit.err());
    assertTrue(audit.err().contains("cannot serve as the baseline"), audit.err());
  }

  @Test
  void aKeptRunIsNeverReplaced() throws Exception {
    Path h = tmp.resolve("h");
    Instant t = Instant.parse("2026-11-29T02:30:00Z");
    try (RunHistory kept = RunHistory.open(h, 90, Instant.now())) {
      kept.keep(t, true, out -> out.write("{\"findings\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
          () -> kept.keep(t, true, out -> out.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      assertTrue(e.getMessage().contains("already holds a run"), e.getMessage());
    }
    assertEquals("{\"findings\":[]}", new String(new GZIPInputStream(Files.newInputStream(runs(h).get(0))).readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(1, runs(h).size(), "no part file left behind either");
    try (var all = Files.list(h)) {
      assertEquals(0, all.filter(p -> p.toString().endsWith(".part")).count());
    }
  }

  @Test
  void theConfigurationsHistoryFillsInWhatTheCommandLineLeftOut() {
    OutputOptions fromFile = new OutputOptions();
    fromFile.historyFromConfig(Path.of("/var/lib/wbaudit/history"), 30);
    assertEquals(Path.of("/var/lib/wbaudit/history"), fromFile.history);
    assertEquals(30, fromFile.keepRuns);
    OutputOptions both = new OutputOptions();
    both.keepRuns = 5;
    both.history = Path.of("/var/lib/wbaudit/history");
    both.historyFromConfig(Path.of("/var/lib/wbaudit/history"), 30);
    assertEquals(5, both.keepRuns, "--keep-runs on the command line wins");
    OutputOptions clash = new OutputOptions();
    clash.history = Path.of("/elsewhere");
    UserError e = org.junit.jupiter.api.Assertions.assertThrows(UserError.class,
        () -> clash.historyFromConfig(Path.of("/var/lib/wbaudit/history"), null));
    assertEquals(ExitCode.USAGE, e.exitCode());
  }
}
