package org.wbaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code wbaudit watch} as a service runs it: the packaged jar in a process of its own, over a
 * Samba DC the test changes and restarts. Each readiness change appears within an interval or
 * two, nothing else appears, a DC that goes away and comes back loses nothing, a second watch
 * on the same history is refused, and SIGTERM ends the watch leaving nothing half-written.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchTest {
  static final String REALM = "WATCH.EXAMPLE.TEST";
  static final Path JAR = Path.of(System.getProperty("wbaudit.jar", "target/wbaudit.jar"));
  static final int INTERVAL = 5;
  static final String RESET = "00299570-246d-11d0-a768-00aa006e0529";

  SambaDc dc;
  JsonNode fixture;
  Path work;

  @BeforeAll
  void plant() throws Exception {
    dc = SambaDc.start("WATCH", REALM);
    String out = dc.python("samba/incremental.py", "setup", "40", "Watch!Sync0Passw0rd");
    fixture = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    work = Files.createTempDirectory("wbaudit-watch");
    Files.writeString(work.resolve("admin.pw"), SambaDc.ADMIN_PASSWORD + "\n");
    Files.setPosixFilePermissions(work.resolve("admin.pw"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  @AfterAll
  void stop() {
    if (dc != null) {
      dc.stop();
    }
    if (work != null) {
      SambaDc.deleteTree(work);
    }
  }

  Process watch(Path history, String name) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("java", "-jar", JAR.toAbsolutePath().toString(), "watch",
        "--history", history.toString(), "--interval", INTERVAL + "s", "--events",
        work.resolve("events.jsonl").toString(), "--url", dc.ldapsUrl(), "--bind-dn",
        "Administrator@" + REALM.toLowerCase(), "--password-file", work.resolve("admin.pw").toString(),
        "--trust-store", dc.caFile.toString(), "--principal", "svc-inc", "--scope-group",
        fixture.get("scopeGroup").asText()));
    return new ProcessBuilder(cmd).redirectOutput(work.resolve(name + ".out").toFile())
        .redirectError(work.resolve(name + ".err").toFile()).start();
  }

  /** The user's DN: inc00000 is in the scope group (seven in ten are) and ready at the start. */
  String user() {
    return "CN=inc00000,OU=Sales,OU=East,OU=Inc," + fixture.get("base").asText();
  }

  List<JsonNode> events() throws IOException {
    Path f = work.resolve("events.jsonl");
    List<JsonNode> out = new ArrayList<>();
    if (Files.exists(f)) {
      for (String line : Files.readAllLines(f)) {
        out.add(new ObjectMapper().readTree(line));
      }
    }
    return out;
  }

  /** Waits for the n-th event line, at most {@code limit}; the lines so far. */
  List<JsonNode> awaitEvents(int n, Duration limit) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end && events().size() < n) {
      Thread.sleep(250);
    }
    return events();
  }

  long keptRuns(Path history) throws IOException {
    if (!Files.isDirectory(history)) {
      return 0; // the watch has not started its first run yet
    }
    try (Stream<Path> files = Files.list(history)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-complete.json.gz")).count();
    }
  }

  void deny(boolean on) {
    String sync = fixture.get("sync").asText();
    String script = "import sys\n"
        + "sys.argv = [sys.argv[0], sys.argv[1], 'noop']\n"
        + "exec(open(sys.argv[1] + '/incremental.py').read().replace("
        + "'else:\\n    sys.exit(\"unknown command \" + command)', ''))\n"
        + (on ? "add_first('" + user() + "', '(OD;;CR;" + RESET + ";;" + sync + ")')\n"
            : "drop_explicit('" + user() + "', '" + sync + "')\n");
    try {
      Path py = dc.dir.resolve("watch-change.py");
      Files.writeString(py, script);
      SambaDc.Result r = SambaDc.run(Duration.ofMinutes(1), "/usr/bin/python3", py.toString(), dc.dir.toString());
      assertEquals(0, r.code(), r.output());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void eachReadinessChangeAppearsOnceAndARestartLosesNothing() throws Exception {
    Path history = work.resolve("history");
    Process first = watch(history, "first");
    try {
      long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (keptRuns(history) < 1 && System.nanoTime() < end && first.isAlive()) {
        Thread.sleep(250);
      }
      assertTrue(keptRuns(history) >= 1, "no run kept: " + Files.readString(work.resolve("first.err")));

      // A second watch on the same history is refused at once.
      Process second = watch(history, "second");
      assertTrue(second.waitFor(30, TimeUnit.SECONDS), "the second watch did not stop");
      assertEquals(7, second.exitValue(), Files.readString(work.resolve("second.err")));
      assertTrue(Files.readString(work.resolve("second.err")).contains("another wbaudit watch uses"));

      // One user denied: one line, within two intervals plus a run.
      deny(true);
      List<JsonNode> lines = awaitEvents(1, Duration.ofSeconds(3L * INTERVAL + 30));
      assertEquals(1, lines.size(), lines.toString());
      assertEquals(user(), lines.get(0).get("object").asText());
      assertEquals("ready", lines.get(0).get("before").asText());
      assertEquals("not-ready", lines.get(0).get("after").asText());
      assertEquals("RESET_PASSWORD_NOT_GRANTED", lines.get(0).get("blockers").get(0).asText());
      String events = org.wbaudit.report.ReportSchema.eventViolations(lines);
      assertEquals("", events);

      // The DC goes away for two intervals; the deny is lifted meanwhile; it comes back.
      dc.pause();
      long runsBefore = keptRuns(history);
      Thread.sleep(2000L * INTERVAL);
      deny(false);
      dc.resume();
      lines = awaitEvents(2, Duration.ofSeconds(6L * INTERVAL + 60));
      assertEquals(2, lines.size(), lines.toString());
      assertEquals(user(), lines.get(1).get("object").asText());
      assertEquals("not-ready", lines.get(1).get("before").asText());
      assertEquals("ready", lines.get(1).get("after").asText());
      String err = Files.readString(work.resolve("first.err"));
      assertTrue(err.contains("ended with exit 3"), "no run failed while the DC was away:\n" + err);
      assertTrue(keptRuns(history) > runsBefore);

      // Quiet runs add nothing.
      Thread.sleep(2000L * INTERVAL);
      assertEquals(2, events().size(), events().toString());
    } finally {
      first.destroy(); // SIGTERM
      assertTrue(first.waitFor(90, TimeUnit.SECONDS), "the watch did not end on SIGTERM");
    }
    try (Stream<Path> files = Files.list(history)) {
      List<Path> parts = files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
      assertEquals(List.of(), parts);
    }
    assertFalse(first.isAlive());
  }
}
