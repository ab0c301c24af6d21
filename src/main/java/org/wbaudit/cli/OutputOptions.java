package org.wbaudit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.wbaudit.audit.Auditor;
import org.wbaudit.audit.BaselineComparison;
import org.wbaudit.audit.RunSink;
import org.wbaudit.audit.RunSummary;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.report.CsvReportWriter;
import org.wbaudit.report.FanOut;
import org.wbaudit.report.HtmlReportWriter;
import org.wbaudit.report.JsonReportWriter;
import org.wbaudit.report.Redaction;
import org.wbaudit.report.SarifReportWriter;
import org.wbaudit.report.TextReportWriter;
import org.wbaudit.rules.Severity;
import picocli.CommandLine.Option;

/** Report format, destination, exit threshold and progress: shared by audit and demo. */
final class OutputOptions {
  enum Format {
    json("json"),
    text("txt"),
    csv("csv"),
    html("html"),
    sarif("sarif");

    final String extension;

    Format(String extension) {
      this.extension = extension;
    }
  }

  @Option(names = "--format", paramLabel = "FORMAT", split = ",",
      description = "json, text, csv, html or sarif; several, comma-separated, write one file each"
          + " (see --output-dir). Default: text on a terminal, json otherwise and in files.")
  List<Format> formats;

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
        exceptions == null ? org.wbaudit.audit.AcceptedRisks.NONE
            : ReportPolicy.accepted(exceptions, org.wbaudit.rules.RuleCatalog.builtIn(), today),
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

  /** Where one format goes: a temporary file moved into place at the end, or standard output. */
  private record Destination(Format format, Path temp, Path target, OutputStream stream) {}

  /**
   * Runs {@code run} into every chosen format and destination at once. Files are written beside
   * their final names and moved into place at the end, so an interrupted run never leaves a
   * report that looks whole.
   *
   * @param runName names the files: the forest, or the forests joined with '+'
   */
  RunSummary write(PrintWriter stdout, PrintWriter err, String runName, Instant now,
      ReportPolicy policy, Run run) throws IOException {
    List<Format> chosen = formats != null && !formats.isEmpty() ? List.copyOf(formats)
        : List.of(output != null || outputDir != null || !terminal ? Format.json : Format.text);
    if (chosen.stream().distinct().count() < chosen.size()) {
      throw new UserError(ExitCode.USAGE, "--format: a format is listed twice: " + chosen);
    }
    if (output != null && (outputDir != null || chosen.size() > 1)) {
      throw new UserError(ExitCode.USAGE, "--output takes one format; for several use --output-dir");
    }
    List<Destination> destinations = new ArrayList<>();
    List<AutoCloseable> writers = new ArrayList<>();
    try {
      if (output == null && outputDir == null && chosen.size() == 1) {
        destinations.add(new Destination(chosen.get(0), null, null, new NonClosing(stdout)));
      } else if (output != null) {
        destinations.add(new Destination(chosen.get(0), temp(output), output, null));
      } else {
        Path dir = outputDir != null ? outputDir : Path.of("reports");
        try {
          Files.createDirectories(dir);
        } catch (IOException e) {
          throw new UserError(ExitCode.USAGE, "--output-dir: cannot create " + dir + ": " + e.getMessage());
        }
        String stem = runName.replaceAll("[^A-Za-z0-9._+-]", "_") + "-"
            + FILE_TIME.format(now.atOffset(ZoneOffset.UTC));
        for (Format f : chosen) {
          Path target = dir.resolve(stem + "." + f.extension);
          destinations.add(new Destination(f, temp(target), target, null));
        }
      }
      List<RunSink> sinks = new ArrayList<>();
      List<OutputStream> streams = new ArrayList<>();
      for (Destination d : destinations) {
        OutputStream os = d.stream() != null ? d.stream() : Files.newOutputStream(d.temp());
        streams.add(os);
        RunSink sink = switch (d.format()) {
          case json -> closedAtEnd(writers, new JsonReportWriter(os));
          case html -> closedAtEnd(writers, new HtmlReportWriter(os));
          case sarif -> closedAtEnd(writers, new SarifReportWriter(os));
          case text -> new TextReportWriter(d.stream() != null ? stdout : utf8(os));
          case csv -> new CsvReportWriter(d.stream() != null ? stdout : utf8(os));
        };
        sinks.add(sink);
      }
      RunSink sink = sinks.size() == 1 ? sinks.get(0) : new FanOut(sinks);
      if (policy.baseline() != null) {
        sink = new BaselineComparison(sink, policy.baseline());
      }
      if (policy.redactionKey() != null) {
        // Before the comparison: ids are compared redacted, as a redacted baseline holds them.
        sink = new Redaction(sink, policy.redactionKey());
      }
      RunSummary summary = run.run(sink);
      for (AutoCloseable w : writers) {
        w.close();
      }
      writers.clear();
      for (OutputStream os : streams) {
        os.flush();
        os.close();
      }
      for (Destination d : destinations) {
        if (d.temp() != null) {
          Files.move(d.temp(), d.target(), StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
          if (output == null) {
            err.println("wbaudit: wrote " + d.target());
          }
        }
      }
      err.flush();
      return summary;
    } catch (DirectoryException e) {
      throw new UserError(Exits.of(e), e.getMessage());
    } catch (UncheckedIOException e) {
      throw new UserError(ExitCode.USAGE, "cannot write the report: " + e.getCause().getMessage());
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    } finally {
      for (AutoCloseable w : writers) {
        try {
          w.close();
        } catch (Exception ignored) {
          // Already failing; the temporary files go below.
        }
      }
      for (Destination d : destinations) {
        if (d.temp() != null) {
          Files.deleteIfExists(d.temp());
        }
      }
    }
  }

  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  /** A writer with temporary files of its own: closed when the run ends, however it ends. */
  private static <W extends RunSink & AutoCloseable> W closedAtEnd(List<AutoCloseable> writers, W w) {
    writers.add(w);
    return w;
  }

  private static PrintWriter utf8(OutputStream os) {
    return new PrintWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8));
  }

  private static Path temp(Path output) {
    Path dir = output.toAbsolutePath().getParent();
    try {
      return Files.createTempFile(dir, "." + output.getFileName(), ".partial");
    } catch (IOException e) {
      throw new UserError(ExitCode.USAGE, "--output: cannot write in " + dir + ": " + e.getMessage());
    }
  }

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

  /** Standard output through a writer, without closing it when the report is done. */
  private static final class NonClosing extends OutputStream {
    private final PrintWriter out;
    // Bytes arrive in chunks that may split a UTF-8 sequence: decode with state across writes.
    private final java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
    private byte[] pending = new byte[0];

    NonClosing(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      byte[] all = new byte[pending.length + len];
      System.arraycopy(pending, 0, all, 0, pending.length);
      System.arraycopy(b, off, all, pending.length, len);
      decode(java.nio.ByteBuffer.wrap(all), false);
    }

    private void decode(java.nio.ByteBuffer in, boolean last) {
      java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(in.remaining() + 2);
      decoder.decode(in, chars, last);
      if (last) {
        decoder.flush(chars);
      }
      chars.flip();
      out.append(chars);
      pending = new byte[in.remaining()];
      in.get(pending);
    }

    @Override
    public void flush() {
      out.flush();
    }

    private boolean closed;

    @Override
    public void close() {
      if (!closed) { // writers and this class may both close it: end the decoding once
        closed = true;
        decode(java.nio.ByteBuffer.wrap(pending), true);
      }
      out.flush();
    }
  }

}
