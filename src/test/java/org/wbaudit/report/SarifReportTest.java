package org.wbaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wbaudit.cli.Main;

/** The SARIF 2.1.0 view of the demo: one result per finding, the DN as logical location. */
class SarifReportTest {
  @Test
  void everyFindingIsAResultWithItsRuleLevelLocationAndFingerprint() throws Exception {
    Path dir = Files.createTempDirectory("wbaudit-sarif");
    int code = Main.run(new String[] {"demo", "--format", "json,sarif", "--output-dir", dir.toString()},
        new java.io.ByteArrayInputStream(new byte[0]), new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(new java.io.StringWriter()));
    assertEquals(1, code);
    JsonNode json = null;
    JsonNode sarif = null;
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        JsonNode n = new ObjectMapper().readTree(p.toFile());
        if (p.toString().endsWith(".sarif")) {
          sarif = n;
        } else {
          json = n;
        }
      }
    }
    assertEquals("2.1.0", sarif.get("version").asText());
    JsonNode run = sarif.get("runs").get(0);
    Set<String> ruleIds = new HashSet<>();
    run.get("tool").get("driver").get("rules").forEach(r -> ruleIds.add(r.get("id").asText()));
    assertTrue(ruleIds.contains("RESET_PASSWORD_NOT_GRANTED") && ruleIds.contains("DUPLICATE_ANCHOR"));
    JsonNode results = run.get("results");
    // One result per cause and container: exactly the JSON report's findings, grouped alike.
    assertEquals(json.get("findings").size(), results.size());
    assertTrue(results.size() < org.wbaudit.report.ReportJson.perObject(json).size(), "grouped");
    Set<String> ids = new HashSet<>();
    json.get("findings").forEach(f -> ids.add(f.get("id").asText()));
    for (JsonNode r : results) {
      assertTrue(ruleIds.contains(r.get("ruleId").asText()), "every result's rule is declared");
      assertTrue(ids.contains(r.get("partialFingerprints").get("wbauditFindingId/v1").asText()));
      String level = r.get("level").asText();
      String severity = r.get("properties").get("severity").asText();
      assertEquals(severity.equals("high") || severity.equals("critical") ? "error"
          : severity.equals("medium") ? "warning" : "note", level);
      JsonNode loc = r.get("locations").get(0).get("logicalLocations").get(0);
      assertTrue(loc.get("fullyQualifiedName").asText().length() > 0);
    }
    int grouped = 0;
    int single = 0;
    for (JsonNode r : results) {
      if (!r.get("ruleId").asText().equals("RESET_PASSWORD_NOT_GRANTED")) {
        continue;
      }
      String where = r.get("locations").get(0).get("logicalLocations").get(0).get("fullyQualifiedName").asText();
      JsonNode objects = r.get("properties").get("objects");
      if (objects != null) {
        grouped++;
        assertEquals(r.get("properties").get("count").asInt(), objects.size());
        for (JsonNode dn : objects) {
          assertTrue(dn.asText().endsWith("," + where), dn + " lies directly under " + where);
        }
        assertTrue(r.get("message").get("text").asText().startsWith(objects.size() + " objects under " + where));
      } else {
        single++;
        assertTrue(where.startsWith("CN="), "a finding about one user is located at the user's DN");
      }
    }
    assertTrue(grouped > 0 && single > 0, grouped + " grouped, " + single + " single");
    assertTrue(run.get("invocations").get(0).get("executionSuccessful").asBoolean());
  }
}
