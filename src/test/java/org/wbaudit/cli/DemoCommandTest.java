package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void printsTheSummaryAndExitsOneForHighFindings() {
    Cli r = Cli.run("", "demo", "--format", "text");
    assertEquals(ExitCode.FINDINGS.code(), r.exitCode(), r.err());
    assertTrue(r.out().contains("Users read: 29"), r.out());
    assertTrue(r.out().contains("RESET_PASSWORD_NOT_GRANTED"), r.out());
  }

  @Test
  void withoutATerminalTheDefaultIsJsonOnStandardOutput() throws Exception {
    Cli r = Cli.run("", "demo", "--fail-on", "critical");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertEquals("2.2", report.get("schemaVersion").asText());
    assertEquals(29, org.wbaudit.report.ReportJson.objects(report).size());
  }

  @Test
  void writesTheJsonReportWithOutput() throws Exception {
    Path out = Files.createTempDirectory("wbaudit-demo").resolve("demo.json");
    Cli r = Cli.run("", "demo", "--output", out.toString(), "--fail-on", "critical");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode report = new ObjectMapper().readTree(out.toFile());
    assertEquals(29, org.wbaudit.report.ReportJson.objects(report).size());
    assertTrue(report.get("summary").get("complete").asBoolean());
    JsonNode first = org.wbaudit.report.ReportJson.objects(report).get(0);
    assertTrue(first.get("rights").has("resetPassword"));
    assertTrue(org.wbaudit.report.ReportJson.perObject(report).size() > 20);
  }

  @Test
  void severalFormatsGoToTheOutputDirectoryOneFileEach() throws Exception {
    Path dir = Files.createTempDirectory("wbaudit-formats");
    Cli r = Cli.run("", "demo", "--format", "json,csv,text,html", "--output-dir", dir.toString());
    assertEquals(ExitCode.FINDINGS.code(), r.exitCode(), r.err());
    java.util.List<Path> files;
    try (var list = Files.list(dir)) {
      files = list.sorted().toList();
    }
    assertEquals(4, files.size(), files.toString());
    for (Path f : files) {
      assertTrue(f.getFileName().toString().matches("corp\\.example\\.test-\\d{8}T\\d{6}Z\\.(json|csv|txt|html)"), f.toString());
      assertTrue(r.err().contains("wrote " + f), r.err());
    }
    JsonNode report = new ObjectMapper().readTree(files.stream().filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow().toFile());
    java.util.List<String> csv = Files.readAllLines(files.stream().filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow());
    assertEquals(org.wbaudit.report.ReportJson.objects(report).size() + 1, csv.size(), "a header and a row per user");
    assertTrue(csv.get(0).startsWith("forest,dn,objectGuid,"));
    assertTrue(Files.readString(files.stream().filter(f -> f.toString().endsWith(".txt")).findFirst().orElseThrow())
        .contains("Users read: 29"));
    assertEquals("", r.out(), "reports never go to standard output when written to files");
  }

  @Test
  void outputTakesOneFormatAndAFormatOnce() throws Exception {
    Path dir = Files.createTempDirectory("wbaudit-demo-out");
    Cli two = Cli.run("", "demo", "--format", "json,csv", "--output", dir.resolve("x.json").toString());
    assertEquals(2, two.exitCode());
    assertTrue(two.err().contains("--output takes one format"), two.err());
    Cli twice = Cli.run("", "demo", "--format", "json,json", "--output-dir", dir.toString());
    assertEquals(2, twice.exitCode());
    assertTrue(twice.err().contains("listed twice"), twice.err());
    try (var left = Files.list(dir)) {
      assertEquals(List.of(), left.toList(), "a usage error writes nothing");
    }
    Files.delete(dir);
  }

  @Test
  void objectsListsAllBlockedOrNoneAndTheRestStaysWhole() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode all = json.readTree(Cli.run("", "demo", "--fail-on", "critical").out());
    JsonNode blocked = json.readTree(Cli.run("", "demo", "--fail-on", "critical", "--objects", "blocked").out());
    JsonNode none = json.readTree(Cli.run("", "demo", "--fail-on", "critical", "--objects", "NONE").out());
    assertEquals("all", all.get("objectsShown").asText());
    assertEquals("blocked", blocked.get("objectsShown").asText());
    assertEquals("none", none.get("objectsShown").asText());
    JsonNode readiness = all.get("summary").get("readiness");
    assertEquals(readiness.get("notReady").asLong() + readiness.get("unknown").asLong(),
        blocked.get("objects").size(), "blocked: in scope and not ready or unknown");
    for (JsonNode o : blocked.get("objects")) {
      assertTrue(o.get("inScope").asBoolean() && !o.path("ready").asBoolean(false), o.toString());
    }
    assertEquals(0, none.get("objects").size());
    for (JsonNode r : new JsonNode[] {blocked, none}) {
      assertEquals(ids(all), ids(r), "findings are whole");
      assertEquals(all.get("summary").get("readiness"), r.get("summary").get("readiness"), "the summary is whole");
      assertEquals(all.get("summary").get("findingsBySeverity"), r.get("summary").get("findingsBySeverity"));
      assertEquals("", org.wbaudit.report.ReportSchema.violations(r));
    }
    Cli bad = Cli.run("", "demo", "--objects", "some");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("--objects: expected all, blocked or none, not some"), bad.err());
  }

  static java.util.Set<String> ids(JsonNode report) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (JsonNode f : report.get("findings")) {
      java.util.Set<String> members = new java.util.TreeSet<>();
      f.path("objects").forEach(o -> members.add(o.asText()));
      out.add(f.get("id").asText() + " " + members);
    }
    return out;
  }
}
