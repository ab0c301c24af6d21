package org.wbaudit.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.RunSummary;

/**
 * The JSON report (schema: reports/wbaudit-report.schema.json) of a finished run. Objects and
 * findings are copied from the model in the form the assembler buffered them, which is this
 * report's own: nothing is encoded twice. A run of one forest also carries that forest's dc,
 * domain and principal at the top, as single-forest reports always have.
 */
public final class JsonReportWriter implements ReportRenderer {
  public static final String SCHEMA_VERSION = "1.3";

  private final OutputStream target;

  public JsonReportWriter(OutputStream target) {
    this.target = target;
  }

  @Override
  public void render(ReportModel model) throws IOException {
    RunSummary run = model.run();
    Map<String, AuditHeader> headers = model.headers();
    try (JsonGenerator out = ReportAssembler.JSON.getFactory().createGenerator(target, JsonEncoding.UTF8)) {
      out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      out.useDefaultPrettyPrinter();
      out.writeStartObject();
      out.writeStringField("schemaVersion", SCHEMA_VERSION);
      out.writeObjectField("tool", Map.of("name", "wbaudit", "version", model.toolVersion()));
      out.writeStringField("startedAt", model.startedAt().toString());
      out.writeArrayFieldStart("objects");
      model.objectsAsJson(out::writeRawValue);
      out.writeEndArray();
      out.writeArrayFieldStart("forests");
      for (RunSummary.ForestOutcome o : run.forests()) {
        out.writeObject(forest(o, headers.get(o.name())));
      }
      out.writeEndArray();
      if (run.forests().size() == 1 && headers.get(run.forests().get(0).name()) != null) {
        AuditHeader h = headers.get(run.forests().get(0).name());
        out.writeObjectField("dc", h.dc());
        out.writeObjectField("domain", domain(h));
        out.writeObjectField("principal", principal(h));
      }
      out.writeObjectField("anchors", run.anchors());
      if (run.diff() != null) {
        out.writeObjectField("diff", run.diff());
      }
      out.writeArrayFieldStart("findings");
      model.findingsAsJson(out::writeRawValue);
      out.writeEndArray();
      out.writeObjectField("summary", run.total());
      out.writeEndObject();
    }
  }

  private static Map<String, Object> forest(RunSummary.ForestOutcome o, AuditHeader h) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", o.name());
    f.put("url", o.url());
    f.put("audited", o.summary() != null);
    if (o.error() != null) {
      f.put("error", o.error());
    }
    if (h != null) {
      f.put("dc", h.dc());
      f.put("domain", domain(h));
      f.put("principal", principal(h));
      f.put("domainControllers", h.controllers());
      f.put("otherDomains", h.otherDomains());
      f.put("domains", h.domains());
      Map<String, Object> anchors = new LinkedHashMap<>();
      anchors.put("checked", h.anchorsChecked());
      anchors.put("skipped", h.anchorsSkipped());
      f.put("anchorAttributes", anchors);
      f.put("scope", h.scope());
      f.put("protection", h.protection());
    }
    if (o.summary() != null) {
      f.put("summary", o.summary());
      if (h != null && o.summary().connector() != null) {
        // The account's own health and reach, beside its token (forests[].principal).
        @SuppressWarnings("unchecked")
        Map<String, Object> principal = (Map<String, Object>) f.get("principal");
        principal.put("health", o.summary().connector());
      }
    }
    return f;
  }

  private static Map<String, Object> domain(AuditHeader h) {
    Map<String, Object> domain = new LinkedHashMap<>();
    domain.put("dn", h.domainDn());
    domain.put("sid", h.domainSid());
    domain.put("passwordPolicy", h.passwordPolicy());
    domain.put("unexpirePassword", h.unexpirePassword());
    return domain;
  }

  private static Map<String, Object> principal(AuditHeader h) {
    Map<String, Object> principal = new LinkedHashMap<>();
    principal.put("dn", h.principalDn());
    principal.put("sid", h.principalSid());
    principal.put("boundAs", h.boundAs());
    principal.put("tokenMethod", h.tokenMethod());
    principal.put("token", h.token());
    if (h.principalChoice() != null) {
      principal.put("chosenBy", h.principalChoice());
    }
    return principal;
  }
}
