package org.wbaudit.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.AuditSink;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.Baseline;
import org.wbaudit.audit.Finding;
import org.wbaudit.audit.ObjectResult;
import org.wbaudit.audit.RunSink;
import org.wbaudit.audit.RunSummary;

/**
 * Writes the JSON report (schema: reports/wbaudit-report.schema.json) as the run goes.
 *
 * <p>Objects go straight to the output, from every forest as they come; findings arrive
 * interleaved with them and are spooled to a temporary file, then copied into the findings array
 * at the end, after each forest's header and summary (a few kilobytes each, kept in memory).
 * Memory stays bounded whatever the number of users. A run of one forest also carries that
 * forest's dc, domain and principal at the top, as single-forest reports always have.
 */
public final class JsonReportWriter implements RunSink, AutoCloseable {
  public static final String SCHEMA_VERSION = "1.1";

  private final ObjectMapper mapper;
  private final JsonGenerator out;
  private final Path spool;
  private final BufferedWriter spoolWriter;
  private final JsonGenerator spoolOut;
  private final Map<String, AuditHeader> headers = new LinkedHashMap<>();

  public JsonReportWriter(OutputStream target) throws IOException {
    this.mapper = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.out = mapper.getFactory().createGenerator(target, JsonEncoding.UTF8);
    this.out.useDefaultPrettyPrinter();
    this.spool = Files.createTempFile("wbaudit-findings", ".jsonl");
    this.spoolWriter = Files.newBufferedWriter(spool, StandardCharsets.UTF_8);
    // One generator for the whole spool, one finding per line.
    this.spoolOut = mapper.getFactory().createGenerator(spoolWriter);
    this.spoolOut.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
  }

  @Override
  public synchronized void begin(String toolVersion, Instant startedAt) {
    try {
      out.writeStartObject();
      out.writeStringField("schemaVersion", SCHEMA_VERSION);
      out.writeObjectField("tool", Map.of("name", "wbaudit", "version", toolVersion));
      out.writeStringField("startedAt", startedAt.toString());
      out.writeArrayFieldStart("objects");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public AuditSink forest(String name) {
    return new AuditSink() {
      @Override
      public void begin(AuditHeader h) {
        synchronized (JsonReportWriter.this) {
          headers.put(name, h);
        }
      }

      @Override
      public void object(ObjectResult o) {
        synchronized (JsonReportWriter.this) {
          try {
            out.writeObject(o);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }

      @Override
      public void finding(Finding f) {
        spool(f, name);
      }

      @Override
      public void end(AuditSummary s) {
        // Kept by the run's summary, written with the forest at the end.
      }
    };
  }

  @Override
  public void finding(Finding f) {
    spool(f, null);
  }

  private synchronized void spool(Finding f, String forest) {
    try {
      spoolOut.writeStartObject();
      spoolOut.writeStringField("id", Baseline.id(forest, f));
      spoolOut.writeStringField("rule", f.rule());
      spoolOut.writeStringField("severity", f.severity().label());
      spoolOut.writeStringField("forest", forest);
      spoolOut.writeStringField("dn", f.dn());
      spoolOut.writeStringField("message", f.message());
      spoolOut.writeObjectField("details", f.details());
      if (f.change() != null) {
        spoolOut.writeStringField("change", f.change());
      }
      if (f.suppression() != null) {
        spoolOut.writeObjectField("suppressed", f.suppression());
      }
      spoolOut.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void end(RunSummary run) {
    try {
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
      spoolOut.writeRaw('\n');
      spoolOut.close();
      out.writeArrayFieldStart("findings");
      try (BufferedReader r = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
        // Each spooled line is a finding this writer serialised itself: copy it as it is.
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (!line.isBlank()) {
            out.writeRawValue(line);
          }
        }
      }
      out.writeEndArray();
      out.writeObjectField("summary", run.total());
      out.writeEndObject();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
    }
    if (o.summary() != null) {
      f.put("summary", o.summary());
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
    return principal;
  }

  @Override
  public void close() throws IOException {
    spoolOut.close();
    out.close();
    Files.deleteIfExists(spool);
  }
}
