package org.wbaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wbaudit.cli.Main;

/** The jsonl events validate against their schema, and name nobody in clear when redacted. */
class MonitoringFormatsTest {
  static Schema schema() throws Exception {
    try (InputStream in = MonitoringFormatsTest.class.getResourceAsStream("/reports/wbaudit-events.schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in, InputFormat.JSON);
    }
  }

  static List<String> demoLines(Map<String, String> env, String... extra) throws Exception {
    Path out = Files.createTempFile("wbaudit", ".jsonl");
    String[] args = new String[4 + extra.length];
    args[0] = "demo";
    args[1] = "--format";
    args[2] = "jsonl";
    args[3] = "--output=" + out;
    System.arraycopy(extra, 0, args, 4, extra.length);
    StringWriter err = new StringWriter();
    int code = Main.run(args, new java.io.ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()),
        new PrintWriter(err), env);
    assertTrue(code == 0 || code == 1, err.toString());
    return Files.readAllLines(out).stream().filter(l -> !l.isBlank()).toList();
  }

  @Test
  void everyLineIsAFindingOrASummaryAsTheSchemaSays() throws Exception {
    Schema schema = schema();
    List<String> lines = demoLines(Map.of());
    long summaries = 0;
    for (String line : lines) {
      List<Error> errors = schema.validate(line, InputFormat.JSON);
      assertEquals(List.of(), errors, line);
      JsonNode n = new ObjectMapper().readTree(line);
      summaries += n.get("type").asText().equals("summary") ? 1 : 0;
    }
    assertEquals(1, summaries, "one summary line per forest");
    assertTrue(lines.size() > 20, "and a line per finding");
  }

  @Test
  void aRedactedRunsLinesNameNobodyInClear() throws Exception {
    List<String> lines = demoLines(Map.of("WBAUDIT_REDACT_KEY", "0123456789abcdef0123456789abcdef"), "--redact");
    assertTrue(lines.size() > 20, "a finding line each, and the summary: " + lines.size());
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"h:")), "identities are replaced by tokens");
    for (String line : lines) {
      assertEquals(List.of(), schema().validate(line, InputFormat.JSON), line);
      for (String identity : List.of("hr-denied", "svc-sync", "legal-none", "sales-admin")) {
        assertFalse(line.contains(identity), identity + " in clear: " + line);
      }
    }
  }
}
