package org.wbaudit.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.Baseline;
import org.wbaudit.audit.RunSummary;

/**
 * One JSON object per line, for a SIEM's ingestion without a parser of its own (Splunk's HTTP
 * event collector, Sentinel's logs ingestion, Elastic): one line per finding (new, unchanged, or
 * resolved against the baseline), and one summary line per forest. Fields:
 * {@code reports/wbaudit-events.schema.json}.
 */
public final class JsonLinesWriter implements ReportRenderer {
  private final OutputStream target;

  public JsonLinesWriter(OutputStream target) {
    this.target = target;
  }

  @Override
  public void render(ReportModel model) throws IOException {
    RunSummary run = model.run();
    String runId = "wbaudit-" + model.startedAt();
    String time = run.total().finishedAt().toString();
    try (JsonGenerator g = ReportAssembler.JSON.getFactory().createGenerator(target, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setRootValueSeparator(new SerializedString("\n"));
      model.findings(r -> {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "finding");
        line.put("runId", runId);
        line.put("time", time);
        line.put("id", r.id());
        line.put("rule", r.finding().rule());
        line.put("severity", r.finding().severity().label());
        line.put("forest", r.forest());
        line.put("object", r.finding().dn());
        line.put("message", r.finding().message());
        line.put("state", r.finding().change());
        line.put("suppressed", r.finding().suppression() != null);
        g.writeObject(line);
      });
      if (run.diff() != null) {
        for (Baseline.Entry e : run.diff().resolved()) {
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("type", "finding");
          line.put("runId", runId);
          line.put("time", time);
          line.put("id", e.id());
          line.put("rule", e.rule());
          line.put("severity", e.severity());
          line.put("forest", e.forest());
          line.put("object", e.dn());
          line.put("message", e.message());
          line.put("state", "resolved");
          line.put("suppressed", false);
          g.writeObject(line);
        }
      }
      for (RunSummary.ForestOutcome o : run.forests()) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "summary");
        line.put("runId", runId);
        line.put("time", time);
        line.put("forest", o.name());
        line.put("audited", o.summary() != null);
        if (o.summary() != null) {
          AuditSummary s = o.summary();
          line.put("complete", s.complete());
          line.put("usersRead", s.usersRead());
          line.put("inScope", s.readiness().inScope());
          line.put("ready", s.readiness().ready());
          line.put("notReady", s.readiness().notReady());
          line.put("unknown", s.readiness().unknown());
          line.put("findingsBySeverity", s.findingsBySeverity());
        } else {
          line.put("complete", false);
          line.put("error", o.error());
        }
        g.writeObject(line);
      }
      g.writeRaw('\n');
    }
  }
}
