package org.wbaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** The published report schema (reports/wbaudit-report.schema.json), checked by a real validator. */
public final class ReportSchema {
  private static final Schema SCHEMA = load("/reports/wbaudit-report.schema.json");
  private static final Schema EVENTS = load("/reports/wbaudit-events.schema.json");

  private ReportSchema() {}

  private static Schema load(String resource) {
    try (InputStream in = ReportSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the build");
      }
      SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
          b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
      return registry.getSchema(in, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every way event lines break the events schema (wbaudit-events.schema.json); empty when none. */
  public static String eventViolations(List<JsonNode> lines) {
    return lines.stream().flatMap(l -> EVENTS.validate(l.toString(), InputFormat.JSON).stream()
        .map(e -> l + ": " + e)).sorted().collect(Collectors.joining("\n"));
  }

  /** Every way the report breaks the schema; empty when it conforms. */
  public static String violations(JsonNode report) {
    // The validator reads JSON text with its own (Jackson 3) parser.
    List<Error> errors = SCHEMA.validate(report.toString(), InputFormat.JSON);
    return errors.stream().map(Error::toString).sorted().collect(Collectors.joining("\n"));
  }
}
