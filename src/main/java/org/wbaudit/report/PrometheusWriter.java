package org.wbaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.RunSummary;

/**
 * The run as OpenMetrics text, for node_exporter's textfile collector: users by state per
 * forest, findings by rule and severity (accepted risks apart), each DC's policy-hints control,
 * whether the audit was complete, its duration, when it finished complete, and the version. The
 * file is written beside its name and renamed into place, so a scraper never reads half of it.
 * Label values come from the directory and are escaped as the format requires.
 */
public final class PrometheusWriter implements ReportRenderer {
  private final PrintWriter out;

  public PrometheusWriter(OutputStream target) {
    // OpenMetrics lines end with \n, whatever the platform.
    this.out = new PrintWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8));
  }

  @Override
  public void render(ReportModel model) throws IOException {
    RunSummary run = model.run();
    AuditSummary total = run.total();
    family("wbaudit", "info", "The wbaudit that wrote these metrics.");
    line("wbaudit_info", Map.of("version", model.toolVersion()), 1);
    family("wbaudit_users", "gauge", "Users read, by readiness state, per forest.");
    for (RunSummary.ForestOutcome o : run.forests()) {
      if (o.summary() == null) {
        continue;
      }
      AuditSummary.Readiness r = o.summary().readiness();
      Map<String, Long> states = new java.util.LinkedHashMap<>();
      states.put("ready", r.ready());
      states.put("not_ready", r.notReady());
      states.put("unknown", r.unknown());
      states.put("out_of_scope", r.outOfScope());
      states.forEach((state, n) -> line("wbaudit_users", Map.of("forest", o.name(), "state", state), n));
    }
    Map<String, Long> findings = new TreeMap<>();
    model.findings(f -> findings.merge(f.finding().rule() + "\u0000" + f.finding().severity().label()
        + "\u0000" + (f.finding().suppression() != null), 1L, Long::sum));
    family("wbaudit_findings", "gauge", "Findings by rule and severity; suppressed ones are accepted risks.");
    findings.forEach((k, n) -> {
      String[] p = k.split("\u0000");
      line("wbaudit_findings", Map.of("rule", p[0], "severity", p[1], "suppressed", p[2]), n);
    });
    // A family's samples must follow its TYPE line together: one family, then the next.
    StringBuilder hints = new StringBuilder();
    StringBuilder reachable = new StringBuilder();
    for (Map.Entry<String, AuditHeader> e : model.headers().entrySet()) {
      for (AuditHeader.ControllerStatus c : e.getValue().controllers()) {
        String dc = c.dnsHostName() != null ? c.dnsHostName() : c.url();
        reachable.append(sample("wbaudit_dc_reachable", Map.of("forest", e.getKey(), "dc", dc),
            c.reachable() ? 1 : 0));
        if (c.reachable()) {
          hints.append(sample("wbaudit_dc_policy_hints", Map.of("forest", e.getKey(), "dc", dc,
              "control", "1.2.840.113556.1.4.2066"), Boolean.TRUE.equals(c.policyHints2066()) ? 1 : 0));
          hints.append(sample("wbaudit_dc_policy_hints", Map.of("forest", e.getKey(), "dc", dc,
              "control", "1.2.840.113556.1.4.2239"), Boolean.TRUE.equals(c.policyHints2239()) ? 1 : 0));
        }
      }
    }
    family("wbaudit_dc_policy_hints", "gauge",
        "1 when a domain controller offers the password policy hints control (OID label), 0 when not.");
    out.print(hints);
    family("wbaudit_dc_reachable", "gauge", "1 when a domain controller's root DSE could be read.");
    out.print(reachable);
    family("wbaudit_audit_complete", "gauge", "1 when the audit saw everything it set out to read.");
    line("wbaudit_audit_complete", Map.of(), total.complete() ? 1 : 0);
    family("wbaudit_audit_duration_seconds", "gauge", "How long the run took.");
    out.print("wbaudit_audit_duration_seconds " + String.format(Locale.ROOT, "%.3f", total.durationMillis() / 1000.0) + "\n");
    Long lastComplete = lastComplete(model);
    if (lastComplete != null) {
      family("wbaudit_last_complete_run_timestamp_seconds", "gauge", "When the last complete run finished.");
      out.print("wbaudit_last_complete_run_timestamp_seconds " + lastComplete + "\n");
    }
    out.print("# EOF\n");
    out.flush();
  }

  /**
   * This run's end when it was complete, else the latest complete run its history kept, so that
   * an alert on "no complete run for N hours" sees an incomplete run as no news, not as none.
   */
  static Long lastComplete(ReportModel model) {
    if (model.run().total().complete()) {
      return model.run().total().finishedAt().getEpochSecond();
    }
    List<TrendPoint> trend = model.trend();
    for (int i = trend.size() - 1; i >= 0; i--) {
      TrendPoint p = trend.get(i);
      if (p.complete() && p.finishedAt() != null) {
        try {
          return java.time.Instant.parse(p.finishedAt()).getEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
          // a kept run with a broken time: the one before may do
        }
      }
    }
    return null;
  }

  private void family(String name, String type, String help) {
    out.print("# TYPE " + name + " " + type + "\n");
    out.print("# HELP " + name + " " + help + "\n");
  }

  private void line(String name, Map<String, String> labels, long value) {
    out.print(sample(name, labels, value));
  }

  private static String sample(String name, Map<String, String> labels, long value) {
    StringBuilder b = new StringBuilder(name);
    if (!labels.isEmpty()) {
      b.append('{');
      new TreeMap<>(labels).forEach((k, v) -> b.append(k).append("=\"").append(escape(v)).append("\","));
      b.setLength(b.length() - 1);
      b.append('}');
    }
    return b.append(' ').append(value).append('\n').toString();
  }

  /** A label value as OpenMetrics writes it: backslash, double quote and newline escaped. */
  static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
