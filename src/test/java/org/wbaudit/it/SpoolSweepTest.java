package org.wbaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live run's spool survives another run whose clock is days ahead (#24): the sweep asks each
 * folder's lock whether its run is alive, never the folder's age. The live run is a process
 * holding a report spool as a stalled audit does; the other is {@code demo} under
 * {@code faketime}.
 */
@Tag("integration")
class SpoolSweepTest {
  private static final Path JAR = Path.of("target/wbaudit.jar");

  @TempDir Path tmp;

  private static List<Path> spools(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("wbaudit-report") && Files.isDirectory(p))
          .sorted().toList();
    }
  }

  private List<String> java(Path tmpdir) {
    assertTrue(Files.isRegularFile(JAR), "the packaged jar: " + JAR.toAbsolutePath());
    return new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Djava.io.tmpdir=" + tmpdir, "-jar", JAR.toAbsolutePath().toString()));
  }

  @Test
  void aRunWithItsClockAheadSweepsOnlyTheSpoolsOfDeadRuns() throws Exception {
    Path scratch = Files.createDirectories(tmp.resolve("scratch"));
    // A dead run's spool: a lock nobody holds, made a moment ago.
    Path dead = Files.createDirectories(scratch.resolve("wbaudit-report-dead"));
    Files.writeString(dead.resolve(".lock"), "");
    Files.writeString(dead.resolve("objects.jsonl"), "{}\n");
    {
      // The live run: a process of its own holding a spool, as an audit stalled on a DC does.
      List<String> live = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
          "-Djava.io.tmpdir=" + scratch, "-cp", System.getProperty("java.class.path"),
          SpoolHolder.class.getName()));
      Process a = new ProcessBuilder(live).redirectErrorStream(true)
          .redirectOutput(tmp.resolve("live.log").toFile()).start();
      try {
        Path spool = null;
        for (int i = 0; i < 600 && spool == null; i++) {
          for (Path p : spools(scratch)) {
            if (!p.equals(dead)) {
              spool = p;
            }
          }
          Thread.sleep(100);
        }
        assertTrue(spool != null, "the stalled audit made its spool: " + Files.readString(tmp.resolve("live.log")));
        assertTrue(a.isAlive(), "the holder holds");

        List<String> ahead = new ArrayList<>(List.of("faketime", "-f", "+2d"));
        ahead.addAll(java(scratch));
        ahead.addAll(List.of("demo", "--fail-on", "critical", "--quiet", "--format", "json"));
        ProcessBuilder b = new ProcessBuilder(ahead).redirectErrorStream(true)
            .redirectOutput(tmp.resolve("ahead.log").toFile());
        b.environment().put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        Process demo = b.start();
        assertTrue(demo.waitFor(120, TimeUnit.SECONDS), "the demo under faketime did not end");
        assertEquals(0, demo.exitValue(), Files.readString(tmp.resolve("ahead.log")));

        assertTrue(Files.isDirectory(spool) && Files.exists(spool.resolve("objects.jsonl")),
            "the live run's spool survives a run two days ahead");
        assertFalse(Files.exists(dead), "a dead run's spool is swept, however young");
        assertTrue(a.isAlive(), "the live run goes on");
      } finally {
        a.destroyForcibly();
        a.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
