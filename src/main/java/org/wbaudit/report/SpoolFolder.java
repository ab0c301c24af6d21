package org.wbaudit.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * A run's private scratch folder in the temporary directory, and the sweeping of those that
 * runs killed outright left behind.
 *
 * <p>Whether a folder is live is decided by a lock, never by its age: each folder holds a
 * {@code .lock} file its run keeps locked until it ends, so a run whose clock is days ahead,
 * or a run that has lasted days, is never swept by another. The folder is made under a name
 * the sweep does not look at and renamed once locked, so no folder is ever seen unlocked and
 * live. Only folders of older versions, which have no lock, are judged by age.
 */
final class SpoolFolder implements AutoCloseable {
  static final String PREFIX = "wbaudit-report";
  private static final String NASCENT = "wbaudit-nascent";
  static final String LOCK = ".lock";
  /** Folders without a lock (older versions) are swept once this old. */
  static final Duration UNLOCKED_STALE = Duration.ofHours(24);

  /**
   * This process's own live folders. Java's locks are the process's: opening and closing a
   * second channel on a file this process has locked can drop the lock for every other process
   * (POSIX record locks), so the sweep never opens the lock of a folder listed here.
   */
  private static final java.util.Set<Path> OURS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final FileChannel lockFile;
  private final FileLock lock;

  private SpoolFolder(Path dir, FileChannel lockFile, FileLock lock) {
    this.dir = dir;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /** Makes a locked folder in {@code tmp}, after sweeping the dead ones there. */
  static SpoolFolder create(Path tmp) throws IOException {
    sweep(tmp, Instant.now());
    Path nascent = Files.createTempDirectory(tmp, NASCENT);
    FileChannel ch = FileChannel.open(nascent.resolve(LOCK), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    FileLock l = ch.lock();
    Path dir = tmp.resolve(PREFIX + nascent.getFileName().toString().substring(NASCENT.length()));
    try {
      Files.move(nascent, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      ch.close();
      deleteTree(nascent);
      throw e;
    }
    // The channel names the file, not the path: the lock holds through the rename.
    OURS.add(dir.toAbsolutePath());
    return new SpoolFolder(dir, ch, l);
  }

  Path path() {
    return dir;
  }

  /** Deletes the folder's files, then the folder, releasing the lock last but one. */
  @Override
  public synchronized void close() throws IOException {
    if (!lockFile.isOpen()) {
      return;
    }
    try {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.toList()) {
          if (!p.getFileName().toString().equals(LOCK)) {
            Files.deleteIfExists(p);
          }
        }
      }
      Files.deleteIfExists(dir.resolve(LOCK));
      Files.deleteIfExists(dir);
    } finally {
      try {
        lock.release();
      } catch (IOException e) {
        // closing the channel releases it too
      }
      lockFile.close();
      OURS.remove(dir.toAbsolutePath());
    }
  }

  /**
   * Removes the folders of runs that are gone: those whose lock can be taken (their owner is
   * dead), and lock-less ones of older versions once {@link #UNLOCKED_STALE} old. A folder
   * another process holds is never touched, whatever the clocks say.
   */
  static void sweep(Path tmp, Instant now) {
    try (Stream<Path> all = Files.list(tmp)) {
      for (Path p : all.toList()) {
        String name = p.getFileName().toString();
        if ((name.startsWith(PREFIX) || name.startsWith(NASCENT))
            && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          sweepOne(p, now);
        }
      }
    } catch (IOException e) {
      // someone else's folder, or a race with another run: sweeping is a courtesy
    }
  }

  private static void sweepOne(Path p, Instant now) {
    if (OURS.contains(p.toAbsolutePath())) {
      return;
    }
    Path lockPath = p.resolve(LOCK);
    try {
      if (!Files.isRegularFile(lockPath, LinkOption.NOFOLLOW_LINKS)) {
        // A nascent folder has no lock for an instant, so is never judged by age; a lock-less
        // report folder is an older version's, dead once old.
        if (p.getFileName().toString().startsWith(PREFIX)
            && Files.getLastModifiedTime(p).toInstant().isBefore(now.minus(UNLOCKED_STALE))) {
          deleteTree(p);
        }
        return;
      }
      try (FileChannel ch = FileChannel.open(lockPath, StandardOpenOption.WRITE)) {
        FileLock l;
        try {
          l = ch.tryLock();
        } catch (OverlappingFileLockException live) {
          return; // this very process holds it
        }
        if (l == null) {
          return; // a live run holds it
        }
        try {
          deleteTree(p);
        } finally {
          l.release();
        }
      }
    } catch (IOException e) {
      // not ours to remove, or removed by another run meanwhile
    }
  }

  /** Deletes a folder's regular files and the folder itself; nothing deeper (spools are flat). */
  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> files = Files.list(p)) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals(LOCK)) {
          Files.deleteIfExists(f);
        }
      }
    }
    Files.deleteIfExists(p.resolve(LOCK));
    Files.deleteIfExists(p);
  }
}
