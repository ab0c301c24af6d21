package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void printsTheSummaryAndExitsOneForHighFindings() {
    Cli r = Cli.run("", "demo");
    assertEquals(ExitCode.FINDINGS.code(), r.exitCode(), r.err());
    assertTrue(r.out().contains("Users read: 29"), r.out());
    assertTrue(r.out().contains("RESET_PASSWORD_NOT_GRANTED"), r.out());
  }

  @Test
  void writesTheJsonReportWithOutput() throws Exception {
    Path out = Files.createTempDirectory("wbaudit-demo").resolve("demo.json");
    Cli r = Cli.run("", "demo", "--output", out.toString(), "--fail-on", "critical");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode report = new ObjectMapper().readTree(out.toFile());
    assertEquals(29, report.get("objects").size());
    assertTrue(report.get("summary").get("complete").asBoolean());
    JsonNode first = report.get("objects").get(0);
    assertTrue(first.get("rights").has("resetPassword"));
    assertTrue(report.get("findings").size() > 20);
  }
}
