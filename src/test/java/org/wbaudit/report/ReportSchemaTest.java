package org.wbaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.wbaudit.cli.Main;

class ReportSchemaTest {
  static JsonNode demoReport() throws Exception {
    Path out = Files.createTempDirectory("wbaudit-schema").resolve("demo.json");
    int code = Main.run(new String[] {"demo", "--output", out.toString()},
        new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
    assertEquals(1, code);
    return new ObjectMapper().readTree(out.toFile());
  }

  @Test
  void theDemoReportConforms() throws Exception {
    assertEquals("", ReportSchema.violations(demoReport()));
  }

  @Test
  void theSchemaCatchesABrokenReport() throws Exception {
    ObjectNode broken = (ObjectNode) demoReport();
    ((ObjectNode) org.wbaudit.report.ReportJson.objects(broken).get(0).get("rights").get("resetPassword")).put("granted", "yes");
    ((ObjectNode) org.wbaudit.report.ReportJson.perObject(broken).get(0)).put("severity", "urgent");
    broken.remove("summary");
    String v = ReportSchema.violations(broken);
    assertTrue(v.contains("summary"), v);
    assertTrue(v.contains("granted"), v);
    assertTrue(v.contains("severity"), v);
  }
}
