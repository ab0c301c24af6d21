package org.wbaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the sweep removes in-process; across processes and clocks, see it.SpoolSweepTest. */
class SpoolFolderTest {
  @TempDir Path tmp;

  @Test
  void deadLockedFoldersGoAtOnceLocklessOnesOnlyWhenOldAndOursNever() throws Exception {
    Instant now = Instant.now();
    Path dead = Files.createDirectories(tmp.resolve("wbaudit-report-dead"));
    Files.writeString(dead.resolve(SpoolFolder.LOCK), "");
    Path oldLockless = Files.createDirectories(tmp.resolve("wbaudit-report-old"));
    Files.writeString(oldLockless.resolve("objects.jsonl"), "{}");
    Files.setLastModifiedTime(oldLockless, FileTime.from(now.minus(Duration.ofDays(3))));
    Path youngLockless = Files.createDirectories(tmp.resolve("wbaudit-report-young"));
    Path nascent = Files.createDirectories(tmp.resolve("wbaudit-nascent-1"));
    Files.setLastModifiedTime(nascent, FileTime.from(now.minus(Duration.ofDays(3))));
    Path unrelated = Files.createDirectories(tmp.resolve("other-report"));
    try (SpoolFolder mine = SpoolFolder.create(tmp)) {
      assertTrue(Files.isRegularFile(mine.path().resolve(SpoolFolder.LOCK)));
      assertTrue(mine.path().getFileName().toString().startsWith(SpoolFolder.PREFIX));
      assertFalse(Files.exists(dead), "nobody holds its lock");
      assertFalse(Files.exists(oldLockless), "an older version's, three days old");
      assertTrue(Files.exists(youngLockless), "lock-less and young: perhaps live");
      assertTrue(Files.exists(nascent), "a folder being made is never judged by age");
      assertTrue(Files.exists(unrelated));
      SpoolFolder.sweep(tmp, now.plus(Duration.ofDays(30)));
      assertTrue(Files.isDirectory(mine.path()), "this process's own folder, whatever the clock");
      assertFalse(Files.exists(youngLockless), "lock-less, and old by this clock");
      Path mineDir = mine.path();
      mine.close();
      assertFalse(Files.exists(mineDir));
    }
    try (var left = Files.list(tmp)) {
      assertEquals(2, left.count(), "the nascent folder and the unrelated one");
    }
  }
}
