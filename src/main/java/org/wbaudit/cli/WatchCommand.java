package org.wbaudit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.wbaudit.report.ReadinessChanges;
import org.wbaudit.report.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code wbaudit watch}: {@code audit --history DIR --incremental} in a loop. After each
 * complete run, every user whose readiness changed since the run before is a line of
 * {@code --events}, and the Prometheus file is rewritten (by the audit itself). A run that
 * fails is retried sooner, with a doubling wait, the kept users untouched (only a complete run
 * replaces them). SIGTERM ends the watch between runs, or lets the current run end within a
 * grace period; a run cut off writes nothing the next one reads. One watch per history.
 */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Runs 'audit --history DIR --incremental' every --interval until stopped (SIGTERM), writing"
          + " each change of a user's readiness as a JSON line to --events. Every other option is"
          + " audit's (connection, --config, --principal, scope, ...); the password must come from a"
          + " file, an environment variable or Kerberos, as no one answers a prompt."
    })
final class WatchCommand implements Callable<Integer> {
  /** The lock a watch holds on its history for its whole life: one watch per history. */
  static final String WATCH_LOCK = ".watch.lock";
  /** Options the watch sets on each audit itself. */
  private static final List<String> OWN = List.of("--history", "--incremental", "--format", "--output",
      "--output-dir", "--quiet");
  /** The wait after the first failed run; it doubles up to --interval. */
  static final Duration FIRST_RETRY = Duration.ofSeconds(5);
  /** How long SIGTERM waits for a run under way before the JVM stops it. */
  static final Duration GRACE = Duration.ofSeconds(60);

  @Spec CommandSpec spec;

  @Option(names = "--history", paramLabel = "DIR", required = true,
      description = "The history every run keeps its report and users in (as audit --history).")
  Path history;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5m",
      description = "From the start of one run to the start of the next: 30s, 5m, 1h."
          + " Default: ${DEFAULT-VALUE}.")
  String interval;

  @Option(names = "--events", paramLabel = "FILE",
      description = "Append a JSON line (reports/wbaudit-events.schema.json, type readiness) for"
          + " every user whose readiness changed between two runs.")
  Path events;

  @Option(names = "--metrics", paramLabel = "FILE",
      description = "The Prometheus text file each run rewrites. Default: DIR/wbaudit.prom.")
  Path metrics;

  @Option(names = "--runs", paramLabel = "N",
      description = "Stop after N runs (default: until stopped); the exit code is then the last"
          + " run's when it failed, else 0.")
  Integer runs;

  @Unmatched List<String> auditOptions = new ArrayList<>();

  private final Environment environment;
  private volatile boolean stopping;
  private volatile Thread sleeper;
  private final CountDownLatch ended = new CountDownLatch(1);

  WatchCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Duration every = duration(interval);
    if (runs != null && runs < 1) {
      throw new UserError(ExitCode.USAGE, "--runs must be at least 1");
    }
    for (String a : auditOptions) {
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (OWN.contains(name)) {
        throw new UserError(ExitCode.USAGE, "watch sets " + name + " on each run itself: leave it out");
      }
    }
    try {
      PrivateFiles.createDirectories(history);
    } catch (IOException e) {
      throw new UserError(ExitCode.USAGE, "--history: cannot create " + history + ": " + e.getMessage());
    }
    Path prom = metrics != null ? metrics : history.resolve("wbaudit.prom");
    try (FileChannel ch = PrivateFiles.openForLock(history.resolve(WATCH_LOCK))) {
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new UserError(ExitCode.HISTORY_LOCKED, "another wbaudit watch uses " + history
            + " (it holds " + history.resolve(WATCH_LOCK) + "); this one did nothing");
      }
      Thread loop = Thread.currentThread();
      Thread hook = new Thread(() -> stop(loop), "wbaudit-watch-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        return watch(every, prom, err);
      } finally {
        ended.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is stopping: the hook is running and waits for us
        }
      }
    }
  }

  /** SIGTERM: no new run; a sleep ends now, a run under way gets {@link #GRACE} to finish. */
  private void stop(Thread loop) {
    stopping = true;
    Thread s = sleeper;
    if (s != null) {
      s.interrupt();
    }
    try {
      ended.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int watch(Duration every, Path prom, PrintWriter err) throws IOException {
    Kept before = latest(err);
    int done = 0;
    int failures = 0;
    int last = ExitCode.OK.code();
    while (!stopping && (runs == null || done < runs)) {
      Instant start = Instant.now();
      List<String> args = new ArrayList<>(List.of("audit"));
      args.addAll(auditOptions);
      args.addAll(List.of("--history", history.toString(), "--incremental", "--format", "prometheus",
          "--output", prom.toString(), "--quiet"));
      int code = Main.run(args.toArray(String[]::new), InputStream.nullInputStream(),
          spec.commandLine().getOut(), err, environment);
      done++;
      last = code;
      Duration wait;
      if (code == ExitCode.OK.code() || code == ExitCode.FINDINGS.code()) {
        failures = 0;
        Kept after = latest(err);
        if (before != null && after != null && events != null) {
          appendEvents(before.users(), after, err);
        }
        before = after != null ? after : before;
        wait = every.minus(Duration.between(start, Instant.now()));
      } else if (code == ExitCode.USAGE.code() || code == ExitCode.INVALID_INPUT.code()) {
        return code; // the same options would fail the same way next time
      } else {
        failures++;
        long seconds = Math.min(every.toSeconds(), FIRST_RETRY.toSeconds() << Math.min(failures - 1, 20));
        wait = Duration.ofSeconds(seconds);
        boolean more = runs == null || done < runs;
        err.println("wbaudit watch: run " + done + " ended with exit " + code + "; the kept users are"
            + " untouched" + (more && !stopping ? "; next try in " + seconds + " s" : ""));
        err.flush();
      }
      if (runs != null && done >= runs) {
        break;
      }
      sleep(wait);
    }
    // Stopped, or --runs done: the last run's failure, if it failed, is the exit code.
    return last == ExitCode.FINDINGS.code() ? ExitCode.OK.code() : last;
  }

  private void sleep(Duration d) {
    if (d.isNegative() || d.isZero() || stopping) {
      return;
    }
    sleeper = Thread.currentThread();
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      // SIGTERM: stop() interrupts the wait; the loop sees stopping
    } finally {
      sleeper = null;
      Thread.interrupted();
    }
  }

  /** A kept run and each user's readiness in it. */
  private record Kept(Path run, Map<String, ReadinessChanges.User> users) {}

  /** The history's latest complete run, read; null when there is none (or it cannot be read). */
  private Kept latest(PrintWriter err) {
    Path run = RunHistory.latestCompleteRun(history, Instant.now());
    if (run == null) {
      return null;
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(run))) {
      return new Kept(run, ReadinessChanges.read(in));
    } catch (IOException e) {
      err.println("wbaudit watch: " + TerminalText.escape(run.getFileName() + " cannot be read: "
          + e.getMessage()) + "; readiness changes are compared from the next run");
      err.flush();
      return null;
    }
  }

  private void appendEvents(Map<String, ReadinessChanges.User> before, Kept after, PrintWriter err)
      throws IOException {
    String runId = after.run().getFileName().toString();
    if (!Files.exists(events, LinkOption.NOFOLLOW_LINKS)) {
      PrivateFiles.newOutputStream(events).close();
    } else if (!Files.isRegularFile(events, LinkOption.NOFOLLOW_LINKS)) {
      throw new UserError(ExitCode.REPORT_NOT_WRITTEN, "--events: " + events + " is not a regular file");
    }
    try (OutputStream out = Files.newOutputStream(events, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)) {
      ReadinessChanges.write(before, after.users(), runId, Instant.now(), out);
    } catch (IOException e) {
      err.println("wbaudit watch: --events: " + TerminalText.escape(events + ": " + e.getMessage()));
      err.flush();
    }
  }

  /** 30s, 5m, 2h; at least 5 seconds, at most a day. */
  static Duration duration(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([smh])").matcher(text);
    if (!m.matches()) {
      throw new UserError(ExitCode.USAGE, "--interval: \"" + TerminalText.escape(text)
          + "\" is not a duration such as 30s, 5m or 1h");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
    if (d.compareTo(Duration.ofSeconds(5)) < 0 || d.compareTo(Duration.ofDays(1)) > 0) {
      throw new UserError(ExitCode.USAGE, "--interval must be between 5s and 24h");
    }
    return d;
  }
}
