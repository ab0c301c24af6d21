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
import java.util.LinkedHashMap;
import java.util.Map;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.AuditSink;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.Finding;
import org.wbaudit.audit.ObjectResult;

/**
 * Writes the JSON report (schema: reports/wbaudit-report.schema.json) as the audit runs.
 *
 * <p>Objects go straight to the output; findings arrive interleaved with them and are spooled to
 * a temporary file, then copied into the findings array at the end. Memory stays bounded
 * whatever the number of users.
 */
public final class JsonReportWriter implements AuditSink, AutoCloseable {
  public static final String SCHEMA_VERSION = "1.0";

  private final ObjectMapper mapper;
  private final JsonGenerator out;
  private final Path spool;
  private final BufferedWriter spoolWriter;
  private final JsonGenerator spoolOut;
  private long findings;

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
  public void begin(AuditHeader h) {
    try {
      out.writeStartObject();
      out.writeStringField("schemaVersion", SCHEMA_VERSION);
      out.writeObjectField("tool", Map.of("name", "wbaudit", "version", h.toolVersion()));
      out.writeStringField("startedAt", h.startedAt().toString());
      out.writeObjectField("dc", h.dc());
      Map<String, Object> domain = new LinkedHashMap<>();
      domain.put("dn", h.domainDn());
      domain.put("sid", h.domainSid());
      domain.put("passwordPolicy", h.passwordPolicy());
      domain.put("unexpirePassword", h.unexpirePassword());
      out.writeObjectField("domain", domain);
      Map<String, Object> principal = new LinkedHashMap<>();
      principal.put("dn", h.principalDn());
      principal.put("sid", h.principalSid());
      principal.put("boundAs", h.boundAs());
      principal.put("tokenMethod", h.tokenMethod());
      principal.put("token", h.token());
      out.writeObjectField("principal", principal);
      out.writeArrayFieldStart("objects");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void object(ObjectResult o) {
    try {
      out.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void finding(Finding f) {
    try {
      spoolOut.writeStartObject();
      spoolOut.writeStringField("rule", f.rule());
      spoolOut.writeStringField("severity", f.severity().label());
      spoolOut.writeStringField("dn", f.dn());
      spoolOut.writeStringField("message", f.message());
      spoolOut.writeObjectField("details", f.details());
      spoolOut.writeEndObject();
      findings++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void end(AuditSummary s) {
    try {
      out.writeEndArray();
      spoolOut.writeRaw('\n');
      spoolOut.close();
      out.writeArrayFieldStart("findings");
      try (BufferedReader r = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
        // Each spooled line is a finding this writer serialised itself: copy it as it is.
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          out.writeRawValue(line);
        }
      }
      out.writeEndArray();
      out.writeObjectField("summary", s);
      out.writeEndObject();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Findings written so far. */
  public long findingCount() {
    return findings;
  }

  @Override
  public void close() throws IOException {
    spoolOut.close();
    out.close();
    Files.deleteIfExists(spool);
  }
}
