package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history folder as an unlucky admin or an attacker leaves it (#24): runs from a clock that
 * was ahead, files that are not runs, kept runs with strings no report holds. Each is named and
 * passed over; none fails a run that wrote its report, none hangs.
 */
class HistoryFaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path tmp;

  private static List<String> runs(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("run-")).sorted().toList();
    }
  }

  private static Cli demo(Path history, String... more) {
    List<String> args = new ArrayList<>(List.of("demo", "--fail-on", "critical", "--history", history.toString()));
    args.addAll(List.of(more));
    return Cli.run("", args.toArray(String[]::new));
  }

  private static JsonNode gunzip(Path p) throws Exception {
    try (var in = new GZIPInputStream(Files.newInputStream(p))) {
      return JSON.readTree(in);
    }
  }

  private static void gzip(Path p, JsonNode report) throws Exception {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      JSON.writeValue(out, report);
    }
  }

  /** A copy of the history's first run with no findings: as a baseline, every finding would be new. */
  private static Path emptyRunAt(Path h, String stamp) throws Exception {
    ObjectNode report = (ObjectNode) gunzip(h.resolve(runs(h).get(0)));
    report.putArray("findings");
    report.put("startedAt", stamp);
    Path p = h.resolve("run-" + stamp + "-complete.json.gz");
    gzip(p, report);
    return p;
  }

  @Test
  void aRunDatedInTheFutureIsNeverTheBaselineNorEvictsThePresentOne() throws Exception {
    Path h = tmp.resolve("h");
    assertEquals(0, demo(h).exitCode());
    String present = runs(h).get(0);
    Path ahead = emptyRunAt(h, "20300101T000000000Z");

    Cli next = demo(h, "--keep-runs", "1");
    assertEquals(0, next.exitCode(), next.err());
    JsonNode diff = JSON.readTree(next.out()).get("diff");
    assertEquals(present, diff.get("baseline").asText(), "the present run, not the one from 2030");
    assertEquals(0, diff.get("added").asLong());
    assertTrue(next.err().contains(ahead.getFileName() + ": dated after this run started"), next.err());
    List<String> kept = runs(h);
    assertEquals(2, kept.size(), "this run and the future one: " + kept);
    assertTrue(kept.contains(ahead.getFileName().toString()), "a future run is named, never removed");
    assertFalse(kept.contains(present), "--keep-runs 1 dropped the older present run");

    Cli history = Cli.run("", "history", h.toString(), "--format", "json");
    assertEquals(0, history.exitCode(), history.err());
    JsonNode last = JSON.readTree(history.out()).get("runs").get(1);
    assertEquals(ahead.getFileName().toString(), last.get("file").asText());
    assertTrue(last.path("future").asBoolean(), history.out());
    assertTrue(JSON.readTree(history.out()).get("sincePrevious").isNull(), "one present complete run: no change to tell");
  }

  @Test
  void retentionPassesOverAFolderNamedLikeAKeptRunAndNamesIt() throws Exception {
    Path h = tmp.resolve("h");
    assertEquals(0, demo(h).exitCode());
    Path folder = Files.createDirectories(h.resolve("run-20000101T000000000Z-complete.json.gz"));
    Files.writeString(folder.resolve("inside"), "x");
    Cli r = demo(h, "--keep-runs", "1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains(folder.getFileName() + ": not a regular file; skipped"), r.err());
    assertTrue(Files.isDirectory(folder));
    assertEquals(2, runs(h).size(), "the folder and this run: " + runs(h));
  }

  @Test
  void aFifoNamedLikeAKeptRunIsSkippedNotWaitedOn() throws Exception {
    Path h = tmp.resolve("h");
    assertEquals(0, demo(h).exitCode());
    String present = runs(h).get(0);
    Path fifo = h.resolve("run-29990101T000000000Z-complete.json.gz");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Path older = h.resolve("run-20000101T000000000Z-complete.json.gz");
    assertEquals(0, new ProcessBuilder("mkfifo", older.toString()).start().waitFor());
    Cli history = assertTimeoutPreemptively(BOUND, () -> Cli.run("", "history", h.toString()));
    assertEquals(0, history.exitCode(), history.err());
    assertTrue(history.out().contains(fifo.getFileName() + ": not a regular file; skipped"), history.out());
    Cli audit = assertTimeoutPreemptively(BOUND, () -> demo(h, "--keep-runs", "1"));
    assertEquals(0, audit.exitCode(), audit.err());
    assertTrue(audit.err().contains(older.getFileName() + ": not a regular file; skipped"), audit.err());
    assertEquals(present, JSON.readTree(audit.out()).get("diff").get("baseline").asText());
  }

  @Test
  void aKeptRunWithAHugeStringIsNamedUnreadable() throws Exception {
    Path h = tmp.resolve("h");
    assertEquals(0, demo(h).exitCode());
    Path present = h.resolve(runs(h).get(0));
    // 25 million characters in one finding's message: past any limit a report needs.
    ObjectNode report = (ObjectNode) gunzip(present);
    ((ObjectNode) report.get("findings").get(0)).put("message", "A".repeat(25_000_000));
    Path longMessage = h.resolve("run-20000101T000000000Z-complete.json.gz");
    gzip(longMessage, report);
    // The same in a forest's name, which the trend reads.
    ObjectNode named = (ObjectNode) gunzip(present);
    ((ObjectNode) named.get("forests").get(0)).put("name", "B".repeat(25_000_000));
    Path longName = h.resolve("run-20000102T000000000Z-complete.json.gz");
    gzip(longName, named);

    Cli history = assertTimeoutPreemptively(BOUND, () -> Cli.run("", "history", h.toString()));
    assertEquals(0, history.exitCode(), history.err());
    assertTrue(history.out().contains(longMessage.getFileName() + ": unreadable"), history.out());
    assertTrue(history.out().contains(longName.getFileName() + ": unreadable"), history.out());
    assertTrue(history.out().length() < 100_000, "the strings are never printed");

    // As the latest complete run, the one with the long message cannot be the baseline: said so.
    String justNow = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
        .withZone(java.time.ZoneOffset.UTC).format(Instant.now());
    Path latest = Files.move(longMessage, h.resolve("run-" + justNow + "-complete.json.gz"));
    Cli audit = assertTimeoutPreemptively(BOUND, () -> Cli.run("", "demo", "--fail-on", "critical", "--history",
        h.toString(), "--quiet"));
    assertEquals(ExitCode.USAGE.code(), audit.exitCode(), audit.err());
    assertTrue(audit.err().contains(latest.getFileName() + " cannot serve as the baseline"), audit.err());
    assertTrue(audit.err().length() < 10_000, audit.err().length() + " characters on stderr");
  }

  @Test
  void prometheusCarriesTheLatestCompleteRunTheHistoryKnows() throws Exception {
    Path h = tmp.resolve("h");
    assertEquals(0, demo(h).exitCode());
    List<RunHistory.Run> runs = RunHistory.read(h, Instant.now());
    String finished = gunzip(h.resolve(runs(h).get(0))).get("summary").get("finishedAt").asText();
    assertEquals(finished, runs.get(0).point().finishedAt(), "a kept run's end is read back from it");
  }
}
