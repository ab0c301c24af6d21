package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wbaudit watch's own options, its lock, and a DC that cannot be reached, without a DC. */
class WatchCommandTest {
  @TempDir Path dir;

  record Out(int code, String err) {}

  static Out run(String... args) {
    StringWriter err = new StringWriter();
    int code = Main.run(args, new java.io.ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()),
        new PrintWriter(err), Map.of("PW", "x", "WBAUDIT_REDACT_KEY", "a-key-of-some-length-0123456789"));
    return new Out(code, err.toString());
  }

  @Test
  void badOptionsAreUsageErrorsBeforeAnyRun() {
    Path h = dir.resolve("h");
    Out bad = run("watch", "--history", h.toString(), "--interval", "5 minutes");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("is not a duration"), bad.err());
    assertEquals(2, run("watch", "--history", h.toString(), "--interval", "1s").code());
    assertEquals(2, run("watch", "--history", h.toString(), "--interval", "2d").code());
    assertEquals(2, run("watch", "--history", h.toString(), "--runs", "0").code());
    Out own = run("watch", "--history", h.toString(), "--format", "json");
    assertEquals(2, own.code());
    assertTrue(own.err().contains("watch sets --format on each run itself"), own.err());
    assertTrue(run("watch", "--history", h.toString(), "--output=x").err().contains("--output"));
    assertFalse(Files.exists(h.resolve(WatchCommand.WATCH_LOCK)), "nothing started");
  }

  @Test
  void incrementalRunsKeepNamesSoRedactionIsRefused() {
    Out r = run("audit", "--url", "ldaps://127.0.0.1:1", "--history", dir.resolve("h").toString(),
        "--incremental", "--redact");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--incremental keeps the users read"), r.err());
    Out none = run("audit", "--url", "ldaps://127.0.0.1:1", "--incremental");
    assertEquals(2, none.code(), none.err());
    assertTrue(none.err().contains("--incremental needs --history"), none.err());
  }

  @Test
  void aSecondWatchOnOneHistoryIsRefused() throws Exception {
    Path h = Files.createDirectories(dir.resolve("h"));
    try (FileChannel ch = FileChannel.open(h.resolve(WatchCommand.WATCH_LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock held = ch.lock()) {
      Out second = run("watch", "--history", h.toString(), "--url", "ldaps://127.0.0.1:1");
      assertEquals(7, second.code(), second.err());
      assertTrue(second.err().contains("another wbaudit watch uses"), second.err());
    }
  }

  @Test
  void anUnreachableDcIsRetriedAndTheLastFailureIsTheExitCode() {
    Path h = dir.resolve("h");
    Out r = run("watch", "--history", h.toString(), "--interval", "5s", "--runs", "2", "--url",
        "ldaps://127.0.0.1:1", "--bind-dn", "svc@corp.example", "--password-env", "PW", "--timeout", "2");
    assertEquals(3, r.code(), r.err());
    assertEquals(2, r.err().split("ended with exit 3", -1).length - 1, r.err());
    assertTrue(r.err().contains("next try in 5 s"), r.err());
  }
}
