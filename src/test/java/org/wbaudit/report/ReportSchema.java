package org.wbaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/** The published report schema (reports/wbaudit-report.schema.json), checked by a real validator. */
public final class ReportSchema {
  private static final JsonSchema SCHEMA = load();

  private ReportSchema() {}

  private static JsonSchema load() {
    try (InputStream in = ReportSchema.class.getResourceAsStream("/reports/wbaudit-report.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("the report schema is missing from the build");
      }
      SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every way the report breaks the schema; empty when it conforms. */
  public static String violations(JsonNode report) {
    Set<ValidationMessage> errors = SCHEMA.validate(report);
    return errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("\n"));
  }
}
