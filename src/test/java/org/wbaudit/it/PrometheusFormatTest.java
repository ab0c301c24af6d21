package org.wbaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.AuditSink;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.RunSummary;
import org.wbaudit.report.PrometheusWriter;
import org.wbaudit.report.ReportAssembler;
import org.wbaudit.report.TrendPoint;
import org.wbaudit.rules.RuleCatalog;

/**
 * The metrics file is read by a real parser of the OpenMetrics text format (Python's
 * prometheus_client, Debian's python3-prometheus-client), label values holding quotes,
 * backslashes and newlines from the directory included.
 */
@Tag("integration")
class PrometheusFormatTest {
  static final String HOSTILE_DC = "dc1\"evil\\name\nx.corp.example";

  /** A run over one forest, complete or not, with the trend of a history that holds these runs. */
  static byte[] metrics(boolean complete, List<TrendPoint> kept) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ReportAssembler a = new ReportAssembler(RuleCatalog.builtIn())) {
      a.begin("1.2.3", Instant.parse("2026-11-29T10:00:00Z"));
      AuditSink forest = a.forest("corp");
      forest.begin(new AuditHeader("1.2.3", Instant.EPOCH, new AuditHeader.DomainController("ldaps://x",
          HOSTILE_DC, 7, false, false), "DC=corp", "S-1-5-21-1-2-3", "CN=s", "S-1-5-21-1-2-3-1105", "s",
          "tokenGroups", List.of(), null, "granted", "corp", List.of(new AuditHeader.ControllerStatus(
              "ldaps://x", HOSTILE_DC, true, false, true, null)), List.of(), List.of(), List.of(), List.of(),
          Map.of(), null, Map.of(), Map.of(), Map.of()));
      AuditSummary s = new AuditSummary(3, Map.of(), Map.of("high", 0L), Map.of(), complete, List.of(),
          Instant.parse("2026-11-29T10:01:00Z"), 60_000, -1, -1, 1, 0, List.of(),
          new AuditSummary.Readiness(3, 2, 1, 0, 4, List.of(), List.of()), null, null);
      a.end(new RunSummary(s, List.of(new RunSummary.ForestOutcome("corp", "ldaps://x", s, null, null)),
          new RunSummary.AnchorSummary(List.of(), 0, 0, 0), null));
      new PrometheusWriter(bytes).render(kept == null ? a.model() : a.model(kept));
    }
    return bytes.toByteArray();
  }

  /** What Python's OpenMetrics parser reads from the bytes, one sample per line. */
  static String parse(byte[] bytes) throws Exception {
    Path metrics = Files.createTempFile("wbaudit", ".prom");
    Files.write(metrics, bytes);
    Path script = Files.createTempFile("parse", ".py");
    Files.writeString(script, String.join("\n",
        "import sys",
        "from prometheus_client.openmetrics.parser import text_string_to_metric_families",
        "for fam in text_string_to_metric_families(open(sys.argv[1]).read()):",
        "    for s in fam.samples:",
        "        print(repr((s.name, sorted(s.labels.items()), s.value)))", ""));
    SambaDc.Result r = SambaDc.run(java.time.Duration.ofSeconds(60), "/usr/bin/python3", script.toString(),
        metrics.toString());
    assertEquals(0, r.code(), r.output() + "\n---\n" + new String(bytes, StandardCharsets.UTF_8));
    return r.output();
  }

  @Test
  void anIncompleteRunCarriesTheLatestCompleteRunItsHistoryKept() throws Exception {
    List<TrendPoint> kept = List.of(
        new TrendPoint("2026-11-27T02:00:00Z", "2026-11-27T02:05:00Z", true, Map.of(), Map.of()),
        new TrendPoint("2026-11-28T02:00:00Z", "2026-11-28T02:07:00Z", true, Map.of(), Map.of()),
        new TrendPoint("2026-11-29T02:00:00Z", null, false, Map.of(), Map.of()));
    String parsed = parse(metrics(false, kept));
    assertTrue(parsed.contains("('wbaudit_audit_complete', [], 0)"), parsed);
    assertTrue(parsed.contains("('wbaudit_last_complete_run_timestamp_seconds', [], "
        + Instant.parse("2026-11-28T02:07:00Z").getEpochSecond() + ")"), parsed);
    assertFalse(parse(metrics(false, null)).contains("wbaudit_last_complete_run_timestamp_seconds"),
        "without a history, no complete run is known");
    assertTrue(parse(metrics(true, kept)).contains("('wbaudit_last_complete_run_timestamp_seconds', [], "
        + Instant.parse("2026-11-29T10:01:00Z").getEpochSecond() + ")"), "a complete run is its own latest");
  }

  @Test
  void aRealParserReadsEveryMetricAndEveryLabelBack() throws Exception {
    String parsed = parse(metrics(true, null));
    assertTrue(parsed.contains("('wbaudit_users', [('forest', 'corp'), ('state', 'ready')], 2)"), parsed);
    assertTrue(parsed.contains("('wbaudit_users', [('forest', 'corp'), ('state', 'out_of_scope')], 4)"), parsed);
    assertTrue(parsed.contains("('wbaudit_audit_complete', [], 1)"), parsed);
    assertTrue(parsed.contains("'dc1\"evil\\\\name\\nx.corp.example'"), "the label value comes back as it was: " + parsed);
    assertTrue(parsed.contains("('wbaudit_dc_policy_hints', [('control', '1.2.840.113556.1.4.2239'), ('dc', 'dc1"),
        parsed);
    assertTrue(parsed.contains("('wbaudit_info', [('version', '1.2.3')], 1)"), parsed);
  }
}
