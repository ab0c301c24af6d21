package org.wbaudit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.wbaudit.audit.AcceptedRisks;
import org.wbaudit.audit.Auditor;
import org.wbaudit.audit.Baseline;
import org.wbaudit.audit.BaselineComparison;
import org.wbaudit.audit.RunSink;
import org.wbaudit.audit.RunSummary;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.report.Redaction;
import org.wbaudit.report.ReportAssembler;
import org.wbaudit.report.ObjectsShown;
import org.wbaudit.report.ReportFormat;
import org.wbaudit.report.ReportModel;
import org.wbaudit.report.TerminalText;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.rules.Severity;
import picocli.CommandLine.Option;

/** Report format, destination, exit threshold and progress: shared by audit and demo. */
final class OutputOptions {
  @Option(names = "--format", paramLabel = "FORMAT", split = ",",
      description = "json, text, csv, html, sarif, prometheus (OpenMetrics, for node_exporter's"
          + " textfile collector) or jsonl (one JSON object per finding, for a SIEM); several,"
          + " comma-separated, write one file each"
          + " (see --output-dir). Default: text on a terminal, json otherwise and in files.")
  List<String> formats;

  @Option(names = "--objects", paramLabel = "WHICH",
      description = "Users the JSON report lists in objects: all (default), blocked (in scope and"
          + " not ready) or none. Findings and summaries are whole either way.")
  String objectsOption;

  /** Which users the JSON report lists; a wrong value is a usage error. */
  ObjectsShown objects() {
    if (objectsOption == null) {
      return ObjectsShown.ALL;
    }
    ObjectsShown o = ObjectsShown.fromOption(objectsOption);
    if (o == null) {
      throw new UserError(ExitCode.USAGE, "--objects: expected all, blocked or none, not "
          + org.wbaudit.report.TerminalText.escape(objectsOption));
    }
    return o;
  }

  /** Whether standard output is a terminal (set by the command): text for people, else JSON. */
  boolean terminal;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the report (one format) to FILE, replaced only once complete, instead"
          + " of standard output.")
  Path output;

  @Option(names = "--output-dir", paramLabel = "DIR",
      description = "Write each format to DIR/<forest>-<time>.<ext>. Default when several formats"
          + " are asked for: reports/.")
  Path outputDir;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
      description = "Exit 1 when a finding of this severity or above appears: info, low, medium,"
          + " high, critical. Default: ${DEFAULT-VALUE}.")
  String failOn;

  @Option(names = "--quiet", description = "No progress on standard error.")
  boolean quiet;

  @Option(names = "--baseline", paramLabel = "OLD.json",
      description = "Compare with an earlier JSON report: findings are marked new or unchanged,"
          + " and the report lists those resolved since.")
  Path baseline;

  @Option(names = "--history", paramLabel = "DIR",
      description = "Keep each run's JSON report (gzipped) in DIR and compare with the latest"
          + " complete run there, as --baseline does; one run at a time (exit 7 when another"
          + " holds it). See also: wbaudit history DIR.")
  Path history;

  static final int DEFAULT_KEEP_RUNS = 90;

  @Option(names = "--keep-runs", paramLabel = "N",
      description = "Runs kept in --history, the oldest dropped first; over the configuration's"
          + " \"keepRuns\". Default: " + DEFAULT_KEEP_RUNS + ".")
  Integer keepRuns;

  /** With {@code audit --incremental}: where each forest's users are kept; null otherwise. */
  UserStateFiles states;

  /** The configuration file's history; the command line may not name another. */
  void historyFromConfig(Path dir, Integer keep) {
    if (dir == null) {
      return;
    }
    if (history != null && !history.equals(dir)) {
      throw new UserError(ExitCode.USAGE, "--history " + history + " and the configuration's"
          + " \"history\": " + dir + " disagree: give one");
    }
    history = dir;
    if (keepRuns == null) {
      keepRuns = keep;
    }
  }

  @Option(names = "--exceptions", paramLabel = "FILE",
      description = "Accepted risks (JSON: rule, object, justification, owner, expires). A"
          + " covered finding stays in the report, marked suppressed, and does not count towards"
          + " the exit code; an expired one is reported.")
  Path exceptions;

  @Option(names = "--redact",
      description = "Replace identities (DNs, UPNs, account and group names, mail) with keyed"
          + " hashes, so the report can be shared; the key comes from --redact-key-env.")
  boolean redact;

  @Option(names = "--redact-key-env", paramLabel = "VAR", defaultValue = "WBAUDIT_REDACT_KEY",
      description = "Environment variable holding the redaction key. Default: ${DEFAULT-VALUE}.")
  String redactKeyEnv;

  /** Reads and checks the baseline, exceptions and redaction key before anything connects. */
  ReportPolicy policy(java.util.Map<String, String> env, java.time.LocalDate today) {
    return new ReportPolicy(
        baseline == null ? null : ReportPolicy.baseline(baseline),
        exceptions == null ? AcceptedRisks.NONE
            : ReportPolicy.accepted(exceptions, RuleCatalog.builtIn(), today),
        redact ? ReportPolicy.redactionKey(redactKeyEnv, env) : null);
  }

  Severity failOn() {
    try {
      return Severity.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, "--fail-on: " + e.getMessage());
    }
  }

  /** Runs an audit that reports into a sink. */
  interface Run {
    RunSummary run(RunSink sink) throws DirectoryException;
  }

  /** The formats asked for, or the default for where the report goes. */
  private List<ReportFormat> chosen() {
    if (formats == null || formats.isEmpty()) {
      return List.of(output != null || outputDir != null || !terminal ? ReportFormat.JSON
          : ReportFormat.TEXT);
    }
    List<ReportFormat> out = new ArrayList<>();
    for (String name : formats) {
      ReportFormat f = ReportFormat.fromOption(name.strip());
      if (f == null) {
        throw new UserError(ExitCode.USAGE, "--format: unknown format '" + name
            + "' (json, text, csv, html, sarif, prometheus or jsonl)");
      }
      out.add(f);
    }
    if (out.stream().distinct().count() < out.size()) {
      throw new UserError(ExitCode.USAGE, "--format: a format is listed twice: " + out);
    }
    return out;
  }

  /**
   * Runs {@code run} once into the report assembler, then renders every chosen format from the
   * finished run. Files are written beside their final names and moved into place at the end, so
   * an interrupted run never leaves a report that looks whole.
   *
   * @param runName names the files: the forest, or the forests joined with '+'
   */
  RunSummary write(PrintWriter stdout, PrintWriter err, String runName, Instant now,
      ReportPolicy policy, Run run) throws IOException {
    List<ReportFormat> chosen = chosen();
    if (output != null && (outputDir != null || chosen.size() > 1)) {
      throw new UserError(ExitCode.USAGE, "--output takes one format; for several use --output-dir");
    }
    Path dir = outputDir != null ? outputDir : Path.of("reports");
    if (output != null) {
      ReportFiles.checkWritable("--output", output);
    } else if (outputDir != null || chosen.size() > 1) {
      try {
        PrivateFiles.createDirectories(dir);
      } catch (IOException e) {
        throw new UserError(ExitCode.USAGE, "--output-dir: cannot create " + dir + ": " + e.getMessage());
      }
      ReportFiles.checkWritable("--output-dir", dir.resolve("x"));
    }
    if (history != null && policy.baseline() != null) {
      throw new UserError(ExitCode.USAGE, "--baseline and --history both name the run to compare"
          + " with: give one");
    }
    RuleCatalog catalog = RuleCatalog.builtIn();
    // The history's lock is taken before anything connects, so a second run costs no audit.
    try (RunHistory kept = history == null ? null
            : RunHistory.open(history, keepRuns != null ? keepRuns : DEFAULT_KEEP_RUNS, now);
        ReportFiles files = new ReportFiles(); ReportAssembler assembler = new ReportAssembler(catalog);
        UserStateFiles unkept = states) { // what this run wrote and did not keep goes at the end
      if (states != null && kept != null) {
        states.attach(kept, now);
      }
      Baseline baseline = kept != null ? kept.latestComplete() : policy.baseline();
      RunSink sink = assembler;
      if (baseline != null) {
        sink = new BaselineComparison(sink, baseline);
      }
      if (policy.redactionKey() != null) {
        // Before the comparison: ids are compared redacted, as a redacted baseline holds them.
        sink = new Redaction(sink, policy.redactionKey());
      }
      RunSummary summary;
      try {
        summary = run.run(sink);
      } catch (DirectoryException e) {
        throw new UserError(Exits.of(e), e.getMessage());
      } catch (Baseline.Unreadable e) {
        throw new UserError(ExitCode.USAGE, e.getMessage() + " (it changed while this run used it)");
      }
      String where = "standard output";
      try {
        if (output == null && outputDir == null && chosen.size() == 1) {
          files.toStdout(chosen.get(0), stdout);
        } else if (output != null) {
          where = output.toString();
          files.toFile(chosen.get(0), output);
        } else {
          where = dir.toString();
          String stem = runName.replaceAll("[^A-Za-z0-9._+-]", "_") + "-"
              + FILE_TIME.format(now.atOffset(ZoneOffset.UTC));
          for (ReportFormat f : chosen) {
            files.toFile(f, dir.resolve(stem + "." + f.extension()));
          }
        }
        ReportModel model = kept == null ? assembler.model()
            : assembler.model(RunHistory.points(kept.read()));
        for (ReportFiles.Destination d : files.destinations()) {
          d.format().renderer(d.stream(), catalog, objects()).render(model);
        }
        files.commit(err, output == null && (outputDir != null || chosen.size() > 1));
        if (kept != null) {
          where = history.toString();
          Path keptRun = kept.keep(now, summary.total().complete(),
              out -> ReportFormat.JSON.renderer(out, catalog, ObjectsShown.ALL).render(model));
          if (states != null && summary.total().complete()) {
            states.commit(keptRun);
          }
          // Names from the history folder: escaped like every other message.
          kept.notes().forEach(n -> err.println("wbaudit: --history: " + TerminalText.escape(n)));
          if (states != null) {
            states.notes().forEach(n -> err.println("wbaudit: --incremental: " + TerminalText.escape(n)));
          }
        }
      } catch (IOException | UncheckedIOException e) {
        IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
        throw new UserError(ExitCode.REPORT_NOT_WRITTEN, "the audit ran but its report could not"
            + " be written to " + where + ": " + cause.getMessage());
      }
      err.flush();
      return summary;
    }
  }

  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  Auditor.Progress progress(PrintWriter err, boolean terminal) {
    return progress(err, terminal, null);
  }

  /** Progress of one forest of several, its lines labelled with the forest's name. */
  Auditor.Progress progress(PrintWriter err, boolean terminal, String forest) {
    String label = forest == null ? "" : forest + ": ";
    if (quiet || !terminal) {
      return Auditor.Progress.NONE;
    }
    long start = System.nanoTime();
    return new Auditor.Progress() {
      @Override
      public void usersRead(long n) {
        double s = (System.nanoTime() - start) / 1e9;
        err.printf("\r%susers read: %d (%.0f/s)", label, n, s > 0 ? n / s : 0.0);
        err.flush();
      }

      @Override
      public void finished(long n) {
        usersRead(n);
        err.println(); // leave the terminal's line clean for what follows
      }
    };
  }
}
