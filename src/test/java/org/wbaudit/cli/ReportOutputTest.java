package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wbaudit.audit.AcceptedRisks;
import org.wbaudit.audit.AnchorAttribute;
import org.wbaudit.audit.ForestsAuditor;
import org.wbaudit.rules.RuleCatalog;
import picocli.CommandLine;

/** Where the report goes, and what happens when it cannot get there. */
class ReportOutputTest {
  static OutputOptions options(String... args) {
    OutputOptions o = new OutputOptions();
    new CommandLine(new Object() {
      @CommandLine.Mixin OutputOptions output = o;
    }).parseArgs(args);
    return o;
  }

  /** An empty run: no forest, just the run's own begin and end. */
  static org.wbaudit.audit.RunSummary emptyRun(org.wbaudit.audit.RunSink sink) {
    return new ForestsAuditor(RuleCatalog.builtIn(), Clock.systemUTC(), "test", List.of(AnchorAttribute.values()),
        AcceptedRisks.NONE, null).run(List.of(), sink);
  }

  @Test
  void aReportThatCannotBeWrittenIsItsOwnExitStatusAndLeavesNothing() throws Exception {
    Path dir = Files.createTempDirectory("wbaudit-out");
    Path out = dir.resolve("report.json");
    OutputOptions o = options("--output", out.toString());
    StringWriter err = new StringWriter();
    UserError e = assertThrows(UserError.class, () -> o.write(new PrintWriter(new StringWriter()),
        new PrintWriter(err), "corp", Instant.EPOCH, ReportPolicy.NONE, sink -> {
          // The destination's folder disappears while the audit runs.
          try {
            Files.delete(dir);
          } catch (java.io.IOException x) {
            throw new java.io.UncheckedIOException(x);
          }
          return emptyRun(sink);
        }));
    assertEquals(ExitCode.REPORT_NOT_WRITTEN, e.exitCode());
    assertTrue(e.getMessage().contains(out.toString()), e.getMessage());
    assertFalse(Files.exists(dir));
  }

  @Test
  void aFolderThatDoesNotExistIsRefusedBeforeTheAuditRuns() {
    Path out = Path.of("/nonexistent-wbaudit-folder/report.json");
    OutputOptions o = options("--output", out.toString());
    boolean[] ran = {false};
    UserError e = assertThrows(UserError.class, () -> o.write(new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()), "corp", Instant.EPOCH, ReportPolicy.NONE, sink -> {
          ran[0] = true;
          return emptyRun(sink);
        }));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertFalse(ran[0], "nothing connects for a report that cannot be written");
  }

  @Test
  void everyFormatIsRenderedFromOneRun() throws Exception {
    Path dir = Files.createTempDirectory("wbaudit-formats");
    OutputOptions o = options("--format", "json,text,csv,html,sarif", "--output-dir", dir.toString());
    int[] runs = {0};
    o.write(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "corp",
        Instant.EPOCH, ReportPolicy.NONE, sink -> {
          runs[0]++;
          return emptyRun(sink);
        });
    assertEquals(1, runs[0]);
    try (var files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(5, names.size(), names.toString());
      assertTrue(names.stream().noneMatch(n -> n.endsWith(".partial")), names.toString());
    }
  }
}
