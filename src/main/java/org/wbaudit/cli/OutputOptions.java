package org.wbaudit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.wbaudit.audit.Auditor;
import org.wbaudit.audit.RunSink;
import org.wbaudit.audit.RunSummary;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.report.JsonReportWriter;
import org.wbaudit.report.TextReportWriter;
import org.wbaudit.rules.Severity;
import picocli.CommandLine.Option;

/** Report format, destination, exit threshold and progress: shared by audit and demo. */
final class OutputOptions {
  enum Format {
    json,
    text
  }

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "json or text. Default: json with --output, text otherwise.")
  Format format;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the report to FILE (replaced only once complete) instead of standard"
          + " output.")
  Path output;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
      description = "Exit 1 when a finding of this severity or above appears: info, low, medium,"
          + " high, critical. Default: ${DEFAULT-VALUE}.")
  String failOn;

  @Option(names = "--quiet", description = "No progress on standard error.")
  boolean quiet;

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

  /**
   * Runs {@code run} into the chosen format and destination. A file is written beside its final
   * name and moved into place at the end, so an interrupted run never leaves a report that looks
   * whole.
   */
  RunSummary write(PrintWriter stdout, Run run) throws IOException {
    Format f = format != null ? format : output != null ? Format.json : Format.text;
    Path tmp = null;
    try {
      RunSummary summary;
      if (f == Format.text && output == null) {
        summary = run.run(new TextReportWriter(stdout));
      } else {
        tmp = output != null ? temp(output) : null;
        OutputStream os = tmp != null ? Files.newOutputStream(tmp) : new NonClosing(stdout);
        try (os) {
          if (f == Format.json) {
            try (JsonReportWriter w = new JsonReportWriter(os)) {
              summary = run.run(w);
            }
          } else {
            PrintWriter pw = new PrintWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8));
            summary = run.run(new TextReportWriter(pw));
            pw.flush();
          }
        }
        if (tmp != null) {
          Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          tmp = null;
        }
      }
      return summary;
    } catch (DirectoryException e) {
      throw new UserError(Exits.of(e), e.getMessage());
    } catch (UncheckedIOException e) {
      throw new UserError(ExitCode.USAGE, "cannot write the report: " + e.getCause().getMessage());
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
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

    NonClosing(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      out.write(new String(b, off, len, StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void close() {
      out.flush();
    }
  }
}
