package org.wbaudit.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.audit.Finding;
import org.wbaudit.audit.RunSummary;
import org.wbaudit.rules.Rule;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.rules.Severity;

/**
 * SARIF 2.1.0, for CI pipelines that gate on findings: one result per cause and container
 * ({@link FindingGroups}: a rule said the same way of many users under one OU is one result,
 * its users listed in the result's properties), the rule catalogue as the tool's rules, the
 * object's DN (or the container's) as the logical location, the stable id as its fingerprint (so
 * code-scanning dashboards track it across runs), accepted risks as external suppressions and
 * the baseline state when there is a baseline.
 */
public final class SarifReportWriter implements ReportRenderer {
  private final ObjectMapper mapper = ReportAssembler.JSON;
  private final OutputStream target;
  private final RuleCatalog catalog;

  public SarifReportWriter(OutputStream target, RuleCatalog catalog) {
    this.target = target;
    this.catalog = catalog;
  }

  /** One SARIF result for one group of findings. */
  private static Map<String, Object> result(FindingGroups.Group g) {
    String forest = g.first().forest();
    Finding f = g.first().finding();
    boolean many = g.size() > 1;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("ruleId", f.rule());
    r.put("level", level(f.severity()));
    r.put("message", Map.of("text", many
        ? g.size() + " objects" + (g.container() == null ? "" : " under " + g.container()) + ": "
            + f.message() : f.message()));
    String where = many ? (g.container() == null ? forest : g.container()) : f.dn() != null ? f.dn()
        : forest != null ? forest + (f.subject().isEmpty() ? "" : "/" + f.subject()) : f.subject();
    r.put("locations", List.of(Map.of("logicalLocations", List.of(Map.of(
        "fullyQualifiedName", where, "kind", many ? "namespace" : f.dn() != null ? "object" : "resource")))));
    r.put("partialFingerprints", Map.of("wbauditFindingId/v1", g.id()));
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("severity", f.severity().label());
    if (forest != null) {
      props.put("forest", forest);
    }
    if (many) {
      props.put("count", g.size());
    }
    r.put("properties", props);
    if (f.change() != null) {
      r.put("baselineState", f.change());
    }
    if (f.suppression() != null) {
      r.put("suppressions", List.of(Map.of("kind", "external", "status", "accepted",
          "justification", f.suppression().justification() + " (owner " + f.suppression().owner()
              + ", until " + f.suppression().expires() + ")")));
    }
    return r;
  }

  /** error fails a pipeline gate by default; the severities wbaudit fails on by default are high and up. */
  static String level(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  @Override
  public void render(ReportModel model) throws IOException {
    RunSummary run = model.run();
    try (JsonGenerator g = mapper.getFactory().createGenerator(target, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      g.writeObjectFieldStart("tool");
      g.writeObjectFieldStart("driver");
      g.writeStringField("name", "wbaudit");
      g.writeStringField("version", model.toolVersion());
      g.writeArrayFieldStart("rules");
      for (Rule rule : catalog.all()) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", rule.id());
        d.put("shortDescription", Map.of("text", rule.title()));
        d.put("fullDescription", Map.of("text", rule.description()));
        d.put("help", Map.of("text", rule.remediation()));
        d.put("defaultConfiguration", Map.of("level", level(rule.severity())));
        g.writeObject(d);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("results");
      FindingGroups.forEach(model, group -> {
        Map<String, Object> r = result(group);
        if (group.size() == 1) {
          g.writeObject(r);
          return;
        }
        // The objects go last, streamed: a result may stand for every user of a large OU.
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) r.remove("properties");
        g.writeStartObject();
        for (Map.Entry<String, Object> e : r.entrySet()) {
          g.writeObjectField(e.getKey(), e.getValue());
        }
        g.writeFieldName("properties");
        JsonReportWriter.streamed(g, props, "objects", group, m -> g.writeString(m.dn()));
        g.writeEndObject();
      });
      g.writeEndArray();
      g.writeArrayFieldStart("invocations");
      g.writeObject(Map.of("executionSuccessful", run.total().complete()));
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
  }
}
