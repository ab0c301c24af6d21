package org.wbaudit.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.wbaudit.audit.Baseline;
import org.wbaudit.report.BaselineReader;
import org.wbaudit.report.TrendPoint;

/**
 * A directory of earlier runs' JSON reports, gzipped, for scheduled audits: the latest complete
 * one is the next run's baseline, and together they are the trend. One run at a time holds the
 * directory's lock; a report enters it only whole (written beside, renamed into place), so a run
 * killed part-way leaves at most a {@code .part} file that the next run sweeps. An incomplete
 * run is kept, named so, and never used as a baseline.
 *
 * <p>Kept runs hold directory data: they, the lock and a folder wbaudit creates are its owner's
 * alone, whatever the umask. Only regular files named like runs are read (a FIFO would block,
 * a folder cannot be a report), and a run dated after this one started (made while the clock
 * was ahead) is never the baseline nor the reason a present run is dropped: each such file is
 * named in {@link #notes()} and left where it is.
 */
final class RunHistory implements AutoCloseable {
  static final String LOCK = ".lock";
  private static final String PREFIX = "run-";
  private static final String COMPLETE = "-complete.json.gz";
  private static final String INCOMPLETE = "-incomplete.json.gz";
  private static final String PART = ".part";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final int keep;
  private final Instant now;
  private final FileChannel lockFile;
  private final FileLock lock;
  private final List<String> notes = new ArrayList<>();

  private RunHistory(Path dir, int keep, Instant now, FileChannel lockFile, FileLock lock) {
    this.dir = dir;
    this.keep = keep;
    this.now = now;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /**
   * Takes the history's lock, or fails with {@link ExitCode#HISTORY_LOCKED} at once: a second
   * run waiting would only pile up behind a stalled first one.
   *
   * @param now when this run started: kept runs dated after it are from a clock that was ahead
   */
  static RunHistory open(Path dir, int keep, Instant now) {
    if (keep < 1) {
      throw new UserError(ExitCode.USAGE, "--keep-runs: must be at least 1, not " + keep);
    }
    try {
      PrivateFiles.createDirectories(dir);
    } catch (IOException e) {
      throw new UserError(ExitCode.USAGE, "--history: cannot create " + dir + ": " + e.getMessage());
    }
    Path lockPath = dir.resolve(LOCK);
    if (Files.exists(lockPath, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(lockPath, LinkOption.NOFOLLOW_LINKS)) {
      throw new UserError(ExitCode.USAGE, "--history: " + lockPath + " is not a regular file;"
          + " remove it (wbaudit keeps its lock there)");
    }
    FileChannel ch;
    try {
      ch = PrivateFiles.openForLock(lockPath);
    } catch (IOException e) {
      throw new UserError(ExitCode.USAGE, "--history: cannot write in " + dir + ": " + e.getMessage());
    }
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      closeQuietly(ch);
      throw new UserError(ExitCode.HISTORY_LOCKED, "--history: another wbaudit run is using "
          + dir + " (it holds " + lockPath + "); this run audited nothing and changed"
          + " nothing");
    }
    RunHistory h = new RunHistory(dir, keep, now, ch, l);
    h.sweepParts();
    return h;
  }

  /**
   * Reads a history without taking its lock: for {@code wbaudit history}, which writes nothing.
   *
   * @param now runs dated after it are marked {@link Run#future()}
   */
  static List<Run> read(Path dir, Instant now) {
    if (!Files.isDirectory(dir)) {
      throw new UserError(ExitCode.USAGE, "history: " + dir + " is not a directory");
    }
    List<Run> runs = new ArrayList<>();
    for (Path p : runNames(dir)) {
      runs.add(Run.of(p, now));
    }
    return runs;
  }

  /** This history's runs as {@link #read(Path, Instant)} gives them. */
  List<Run> read() {
    return read(dir, now);
  }

  /**
   * What this history passed over or could not do, one sentence each, for the run to print:
   * files that are not kept runs, runs dated in the future, runs retention could not remove.
   */
  List<String> notes() {
    return List.copyOf(notes);
  }

  /** The latest complete run dated before this one; null when there is none. */
  Path latestCompleteRun() {
    List<Path> files = runNames(dir);
    for (int i = files.size() - 1; i >= 0; i--) {
      Path p = files.get(i);
      if (p.getFileName().toString().endsWith(COMPLETE) && usable(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The latest complete run of {@code dir} that is a regular file dated no later than
   * {@code now}, without the lock (the runs are written whole); null when there is none.
   */
  static Path latestCompleteRun(Path dir, Instant now) {
    List<Path> files = runNames(dir);
    for (int i = files.size() - 1; i >= 0; i--) {
      Path p = files.get(i);
      Instant at = Run.stamp(p);
      if (p.getFileName().toString().endsWith(COMPLETE) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
          && (at == null || !at.isAfter(now))) {
        return p;
      }
    }
    return null;
  }

  /** The history's folder. */
  Path dir() {
    return dir;
  }

  /**
   * The latest complete run dated before this one as a baseline, streamed (it may hold a
   * finding per user); null when there is none.
   */
  Baseline latestComplete() {
    Path p = latestCompleteRun();
    if (p == null) {
      return null;
    }
    try {
      return BaselineReader.read(() -> new GZIPInputStream(Files.newInputStream(p)), p.getFileName().toString());
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, "--history: " + p + " cannot serve as the baseline: "
          + e.getMessage() + " (move it out of the history to compare with the run before)");
    }
  }

  /**
   * Whether a file named like a run can be one for this run: a regular file, dated no later than
   * this run's start. What cannot is noted once.
   */
  private boolean usable(Path p) {
    if (!Files.isRegularFile(p)) {
      note(p.getFileName() + ": not a regular file; skipped");
      return false;
    }
    Instant at = Run.stamp(p);
    if (at != null && at.isAfter(now)) {
      note(p.getFileName() + ": dated after this run started (" + now + "): made while the clock"
          + " was ahead? Never a baseline nor dropped by --keep-runs; remove it by hand");
      return false;
    }
    return true;
  }

  private void note(String text) {
    if (!notes.contains(text)) {
      notes.add(text);
    }
  }

  /**
   * Writes one run's JSON report into the history, then drops the oldest beyond --keep-runs.
   * Only the writing can fail: what retention cannot remove is noted, never a failed run.
   *
   * @return the kept report
   */
  Path keep(Instant started, boolean complete, ReportWriter report) throws IOException {
    String name = PREFIX + STAMP.format(started) + (complete ? COMPLETE : INCOMPLETE);
    if (Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
      // A rename would replace it silently; runs under one lock cannot start in the same ms.
      throw new IOException(dir.resolve(name) + " already holds a run that started at the same time");
    }
    Path part = dir.resolve(name + PART);
    try (OutputStream out = new GZIPOutputStream(PrivateFiles.newOutputStream(part))) {
      report.write(out);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(part);
      throw e;
    }
    try {
      Files.move(part, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    retain();
    return dir.resolve(name);
  }

  /** Drops the oldest present runs beyond --keep-runs; this run is the newest, so stays. */
  private void retain() {
    List<Path> present = new ArrayList<>();
    for (Path p : runNames(dir)) {
      if (usable(p)) {
        present.add(p);
      }
    }
    for (int i = 0; i < present.size() - keep; i++) {
      try {
        Files.deleteIfExists(present.get(i));
      } catch (IOException e) {
        note(present.get(i).getFileName() + ": --keep-runs could not remove it: " + e.getMessage());
      }
    }
  }

  /** Renders the report into the history's stream. */
  interface ReportWriter {
    void write(OutputStream out) throws IOException;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel below releases it too
    }
    closeQuietly(lockFile);
  }

  private void sweepParts() {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + PART)) {
      for (Path p : ds) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(p); // a run killed while writing; we hold the lock, so it is dead
        }
      }
    } catch (IOException e) {
      // left for the next run; never read as a report
    }
  }

  /** Everything named like a kept report, oldest first (the names sort by time). */
  private static List<Path> runNames(Path dir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*.json.gz")) {
      ds.forEach(out::add);
    } catch (IOException e) {
      throw new UserError(ExitCode.USAGE, "--history: cannot list " + dir + ": " + e.getMessage());
    }
    out.sort(null);
    return out;
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // nothing more to release
    }
  }

  /**
   * One kept run.
   *
   * @param point the run as the trend shows it; null when the file could not be read
   * @param error why the file could not be read; null when it could
   * @param future whether it is dated after the run reading it started
   */
  record Run(Path path, TrendPoint point, String error, boolean future) {
    String file() {
      return path.getFileName().toString();
    }

    boolean complete() {
      return file().endsWith(COMPLETE);
    }

    /** When the run started, from its file's name; null for a name that holds no time. */
    static Instant stamp(Path p) {
      String n = p.getFileName().toString();
      int end = n.indexOf('-', PREFIX.length());
      try {
        return Instant.from(STAMP.parse(n.substring(PREFIX.length(), end < 0 ? n.length() : end)));
      } catch (RuntimeException e) {
        return null;
      }
    }

    /**
     * Reads the figures only: a kept report can be large (every user's verdicts), so it is
     * streamed and its objects and findings skipped, never built as a tree. Anything but a
     * regular file, and any file the report parser's limits refuse, is unreadable.
     */
    static Run of(Path p, Instant now) {
      Instant at = stamp(p);
      boolean future = at != null && at.isAfter(now);
      if (!Files.isRegularFile(p)) {
        return new Run(p, null, "not a regular file; skipped", future);
      }
      String startedAt = null;
      String finishedAt = null;
      Map<String, Double> ready = new LinkedHashMap<>();
      Map<String, Long> sev = new LinkedHashMap<>();
      try (JsonParser jp = parser(p)) {
        while (jp.nextToken() == JsonToken.FIELD_NAME) {
          String field = jp.currentName();
          jp.nextToken();
          switch (field) {
            case "startedAt" -> startedAt = jp.getValueAsString();
            case "summary" -> {
              JsonNode summary = JSON.readTree(jp);
              summary.path("findingsBySeverity").fields()
                  .forEachRemaining(e -> sev.put(e.getKey(), e.getValue().asLong()));
              finishedAt = summary.path("finishedAt").asText(null);
            }
            case "forests" -> {
              for (JsonNode f : JSON.<JsonNode>readTree(jp)) {
                JsonNode r = f.path("summary").path("readiness");
                ready.put(f.path("name").asText("?"),
                    TrendPoint.percent(r.path("ready").asLong(0), r.path("inScope").asLong(0)));
              }
            }
            default -> jp.skipChildren();
          }
        }
        return new Run(p, new TrendPoint(startedAt, finishedAt, p.getFileName().toString().endsWith(COMPLETE),
            ready, sev), null, future);
      } catch (IOException | RuntimeException e) {
        return new Run(p, null, "unreadable: " + e.getMessage(), future);
      }
    }

    /** Every finding's stable id, to say what changed between two runs; read when asked. */
    List<String> findingIds() throws IOException {
      List<String> ids = new ArrayList<>();
      try (JsonParser jp = parser(path)) {
        while (jp.nextToken() == JsonToken.FIELD_NAME) {
          String field = jp.currentName();
          if (jp.nextToken() == JsonToken.START_ARRAY && field.equals("findings")) {
            findings(jp, ids::add);
          } else {
            jp.skipChildren();
          }
        }
      }
      return ids;
    }

    /** The same run, found unreadable when its findings were read. */
    Run unreadable(String why) {
      return new Run(path, null, "unreadable: " + why, future);
    }

    private static void findings(JsonParser jp, java.util.function.Consumer<String> id) throws IOException {
      while (jp.nextToken() == JsonToken.START_OBJECT) {
        id.accept(JSON.<JsonNode>readTree(jp).path("id").asText());
      }
    }

    private static JsonParser parser(Path p) throws IOException {
      JsonParser jp = BaselineReader.parser(new GZIPInputStream(Files.newInputStream(p)));
      if (jp.nextToken() != JsonToken.START_OBJECT) {
        jp.close();
        throw new IOException("not a JSON report");
      }
      return jp;
    }
  }

  /** The kept runs that could be read and are not dated in the future, as trend points. */
  static List<TrendPoint> points(List<Run> runs) {
    return runs.stream().filter(r -> r.point() != null && !r.future()).map(Run::point).toList();
  }
}
