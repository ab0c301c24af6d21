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
  private final FileChannel lockFile;
  private final FileLock lock;

  private RunHistory(Path dir, int keep, FileChannel lockFile, FileLock lock) {
    this.dir = dir;
    this.keep = keep;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /**
   * Takes the history's lock, or fails with {@link ExitCode#HISTORY_LOCKED} at once: a second
   * run waiting would only pile up behind a stalled first one.
   */
  static RunHistory open(Path dir, int keep) {
    if (keep < 1) {
      throw new UserError(ExitCode.USAGE, "--keep-runs: must be at least 1, not " + keep);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UserError(ExitCode.USAGE, "--history: cannot create " + dir + ": " + e.getMessage());
    }
    FileChannel ch;
    try {
      ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
          + dir + " (it holds " + dir.resolve(LOCK) + "); this run audited nothing and changed"
          + " nothing");
    }
    RunHistory h = new RunHistory(dir, keep, ch, l);
    h.sweepParts();
    return h;
  }

  /** Reads a history without taking its lock: for {@code wbaudit history}, which writes nothing. */
  static List<Run> read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UserError(ExitCode.USAGE, "history: " + dir + " is not a directory");
    }
    List<Run> runs = new ArrayList<>();
    for (Path p : runFiles(dir)) {
      runs.add(Run.of(p));
    }
    return runs;
  }

  /** The latest complete run as a baseline; null when there is none. */
  Baseline latestComplete() {
    List<Path> files = runFiles(dir);
    for (int i = files.size() - 1; i >= 0; i--) {
      Path p = files.get(i);
      if (p.getFileName().toString().endsWith(COMPLETE)) {
        try {
          return BaselineReader.read(readJson(p), p.getFileName().toString());
        } catch (IOException | IllegalArgumentException e) {
          throw new UserError(ExitCode.USAGE, "--history: " + p + " cannot serve as the baseline: "
              + e.getMessage() + " (move it out of the history to compare with the run before)");
        }
      }
    }
    return null;
  }

  /** Writes one run's JSON report into the history, then drops the oldest beyond --keep-runs. */
  void keep(Instant started, boolean complete, ReportWriter report) throws IOException {
    String name = PREFIX + STAMP.format(started) + (complete ? COMPLETE : INCOMPLETE);
    if (Files.exists(dir.resolve(name))) {
      // A rename would replace it silently; runs under one lock cannot start in the same ms.
      throw new IOException(dir.resolve(name) + " already holds a run that started at the same time");
    }
    Path part = dir.resolve(name + PART);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(part))) {
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
    List<Path> files = runFiles(dir);
    for (int i = 0; i < files.size() - keep; i++) {
      Files.deleteIfExists(files.get(i));
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
        Files.deleteIfExists(p); // a run killed while writing; we hold the lock, so it is dead
      }
    } catch (IOException e) {
      // left for the next run; never read as a report
    }
  }

  /** The kept reports, oldest first (their names sort by time). */
  private static List<Path> runFiles(Path dir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*.json.gz")) {
      ds.forEach(out::add);
    } catch (IOException e) {
      throw new UserError(ExitCode.USAGE, "--history: cannot list " + dir + ": " + e.getMessage());
    }
    out.sort(null);
    return out;
  }

  private static JsonNode readJson(Path p) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
      return JSON.readTree(in);
    }
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
   */
  record Run(Path path, TrendPoint point, String error) {
    String file() {
      return path.getFileName().toString();
    }

    boolean complete() {
      return file().endsWith(COMPLETE);
    }

    /**
     * Reads the figures only: a kept report can be large (every user's verdicts), so it is
     * streamed and its objects and findings skipped, never built as a tree.
     */
    static Run of(Path p) {
      String startedAt = null;
      Map<String, Double> ready = new LinkedHashMap<>();
      Map<String, Long> sev = new LinkedHashMap<>();
      try (JsonParser jp = parser(p)) {
        while (jp.nextToken() == JsonToken.FIELD_NAME) {
          String field = jp.currentName();
          jp.nextToken();
          switch (field) {
            case "startedAt" -> startedAt = jp.getValueAsString();
            case "summary" -> JSON.<JsonNode>readTree(jp).path("findingsBySeverity").fields()
                .forEachRemaining(e -> sev.put(e.getKey(), e.getValue().asLong()));
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
        return new Run(p, new TrendPoint(startedAt, p.getFileName().toString().endsWith(COMPLETE),
            ready, sev), null);
      } catch (IOException | RuntimeException e) {
        return new Run(p, null, "unreadable: " + e.getMessage());
      }
    }

    /** Every finding's stable id, to say what changed between two runs; read when asked. */
    List<String> findingIds() throws IOException {
      List<String> ids = new ArrayList<>();
      try (JsonParser jp = parser(path)) {
        while (jp.nextToken() == JsonToken.FIELD_NAME) {
          String field = jp.currentName();
          if (jp.nextToken() == JsonToken.START_ARRAY && field.equals("findings")) {
            while (jp.nextToken() == JsonToken.START_OBJECT) {
              ids.add(JSON.<JsonNode>readTree(jp).path("id").asText());
            }
          } else {
            jp.skipChildren();
          }
        }
      }
      return ids;
    }

    private static JsonParser parser(Path p) throws IOException {
      JsonParser jp = JSON.getFactory().createParser(new GZIPInputStream(Files.newInputStream(p)));
      if (jp.nextToken() != JsonToken.START_OBJECT) {
        jp.close();
        throw new IOException("not a JSON report");
      }
      return jp;
    }
  }

  /** The kept runs that could be read, as trend points. */
  static List<TrendPoint> points(List<Run> runs) {
    return runs.stream().filter(r -> r.point() != null).map(Run::point).toList();
  }
}
