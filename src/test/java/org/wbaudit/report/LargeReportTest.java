package org.wbaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wbaudit.audit.AuditSink;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.Finding;
import org.wbaudit.audit.ObjectResult;
import org.wbaudit.audit.RightVerdict;
import org.wbaudit.audit.RunSummary;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.rules.Severity;

/**
 * A 100,000-user audit (40 OUs; nine users in ten blocked by three causes, as on a domain where
 * only a few OUs are delegated), generated as the audit would stream it, rendered as HTML and
 * JSON: the page stays an overview within its size bound and opens in a real browser with the
 * headline, the grouping and the cap; the JSON stays under 1 KB per user and valid.
 * The page is kept at target/large-report-100k.html for the render-time benchmark.
 */
@Tag("integration")
class LargeReportTest {
  static final int USERS = 100_000;
  static final int OUS = 40;

  @Test
  void aHundredThousandUsersMakeAPageOfBoundedSizeThatOpens() throws Exception {
    Path dir = Files.createTempDirectory("wbaudit-large");
    dir.toFile().deleteOnExit();
    Path html = Path.of("target/large-report-100k.html");
    Path json = dir.resolve("large.json");
    RightVerdict granted = new RightVerdict(true, "granted", "ace", 24,
        "(OA;CIIO;CR;00299570-246d-11d0-a768-00aa006e0529;bf967aba-0de6-11d0-a285-00aa003049e2;S-1-5-21-1-2-3-1102)",
        "ACE 24 allows User Force Change Password (mask 0x100) to svc-sync (inherited)");
    RightVerdict refused = new RightVerdict(false, "not-granted", null, null, null,
        "no ACE grants it to the audited account");
    AuditSummary.Readiness readiness;
    long notReady = 0;
    List<AuditSummary.Cause> causes = new ArrayList<>();
    try (ReportAssembler a = new ReportAssembler(RuleCatalog.builtIn())) {
      a.begin("test", Instant.EPOCH);
      AuditSink forest = a.forest("corp.example");
      for (int ou = 0; ou < OUS; ou++) {
        String container = "OU=ou" + ou + ",OU=People,DC=corp,DC=example";
        long blockedHere = 0;
        for (int i = 0; i < USERS / OUS; i++) {
          String dn = "CN=user" + ou + "-" + i + "," + container;
          String guid = new UUID(ou, i).toString();
          boolean ready = i % 10 == 0;
          RightVerdict reset = ready ? granted : refused;
          Map<String, RightVerdict> rights = new LinkedHashMap<>();
          rights.put("resetPassword", reset);
          rights.put("changePassword", granted);
          rights.put("writeLockoutTime", reset);
          rights.put("writePwdLastSet", reset);
          List<String> blockers = ready ? List.of()
              : List.of("RESET_PASSWORD_NOT_GRANTED", "WRITE_LOCKOUT_TIME_NOT_GRANTED", "WRITE_PWD_LAST_SET_NOT_GRANTED");
          forest.object(new ObjectResult("corp.example", dn, guid, "S-1-5-21-1-2-3-" + (10_000 + ou * 10_000 + i),
              "user" + ou + "-" + i + "@corp.example", "user" + ou + "-" + i, "user", true, false, false,
              false, "read", rights, true, null, ready, blockers, null,
              new ObjectResult.PasswordPolicyRef("domain", null)));
          if (!ready) {
            blockedHere++;
            for (String rule : blockers) {
              forest.finding(new Finding(rule, rule.startsWith("RESET") ? Severity.HIGH : Severity.MEDIUM, dn,
                  "The audited account cannot do this: no ACE grants it to the audited account",
                  Map.of("outcome", "not-granted"), rule + ":" + guid, null, null));
            }
          }
        }
        notReady += blockedHere;
        causes.add(new AuditSummary.Cause("RESET_PASSWORD_NOT_GRANTED", container, blockedHere));
      }
      readiness = new AuditSummary.Readiness(USERS, USERS - notReady, notReady, 0, 0, causes, List.of());
      AuditSummary s = new AuditSummary(USERS, Map.of("RESET_PASSWORD_NOT_GRANTED", notReady,
          "WRITE_LOCKOUT_TIME_NOT_GRANTED", notReady, "WRITE_PWD_LAST_SET_NOT_GRANTED", notReady),
          Map.of("high", notReady, "medium", 2 * notReady), Map.of(), true, List.of(), Instant.EPOCH, 0, -1, -1,
          2, 0, List.of(), readiness, null, null);
      a.end(new RunSummary(s, new ArrayList<>(List.of(new RunSummary.ForestOutcome("corp.example",
          "ldaps://dc1.corp.example", s, null, null))), new RunSummary.AnchorSummary(List.of(), 0, 0, 0), null));
      try (OutputStream os = Files.newOutputStream(html)) {
        new HtmlReportWriter(os, RuleCatalog.builtIn()).render(a.model());
      }
      try (OutputStream os = Files.newOutputStream(json)) {
        new JsonReportWriter(os).render(a.model());
      }
    }

    long htmlBytes = Files.size(html);
    assertTrue(htmlBytes <= 5_000_000, "the page is an overview: " + htmlBytes + " bytes");
    long jsonBytes = Files.size(json);
    assertTrue(jsonBytes <= 1024L * USERS, "at most 1 KB per user: " + jsonBytes / USERS + " B per user");
    // Read as a consumer of a large report should: streamed, one object at a time.
    long objects = 0;
    List<JsonNode> sample = new ArrayList<>();
    JsonNode verdicts = null;
    JsonNode findings = null;
    ObjectMapper mapper = new ObjectMapper();
    try (com.fasterxml.jackson.core.JsonParser p = mapper.getFactory().createParser(json.toFile())) {
      p.nextToken();
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String field = p.getCurrentName();
        p.nextToken();
        if (field.equals("objects")) {
          while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
            JsonNode o = mapper.readTree(p);
            if (objects++ % (USERS / 2_000) == 0) {
              sample.add(o);
            }
          }
        } else if (field.equals("verdicts")) {
          verdicts = mapper.readTree(p);
        } else if (field.equals("findings")) {
          findings = mapper.readTree(p);
        } else {
          p.skipChildren();
        }
      }
    }
    assertEquals(USERS, objects, "every user's verdicts stay in the JSON");
    assertEquals(2, verdicts.size(), "each distinct verdict once");
    assertEquals(3 * OUS, findings.size(), "one finding per cause and container");
    long named = 0;
    for (JsonNode f : findings) {
      assertEquals(f.get("count").asLong(), f.get("objects").size());
      named += f.get("count").asLong();
    }
    assertEquals(3 * notReady, named, "naming every user it concerns");
    // Members beyond what is held in memory went through files and came back whole, in order.
    JsonNode ou7 = null;
    for (JsonNode f : findings) {
      if (f.get("id").asText().equals("corp.example/RESET_PASSWORD_NOT_GRANTED@OU=ou7,OU=People,DC=corp,DC=example")) {
        ou7 = f;
      }
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < USERS / OUS; i++) {
      if (i % 10 != 0) {
        expected.add(new UUID(7, i).toString());
      }
    }
    List<String> actual = new ArrayList<>();
    ou7.get("objects").forEach(o -> actual.add(o.asText()));
    assertEquals(expected, actual);
    // The synthetic run has no DC, domain or token to report: its objects, verdicts and findings
    // are checked against the schema inside the demo's (complete) report.
    java.io.StringWriter demo = new java.io.StringWriter();
    org.wbaudit.cli.Main.run(new String[] {"demo", "--format", "json", "--fail-on", "critical"},
        new java.io.ByteArrayInputStream(new byte[0]), new java.io.PrintWriter(demo),
        new java.io.PrintWriter(new java.io.StringWriter()));
    com.fasterxml.jackson.databind.node.ObjectNode host =
        (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(demo.toString());
    host.putArray("objects").addAll(sample);
    host.set("verdicts", verdicts);
    host.set("findings", findings);
    assertEquals("", ReportSchema.violations(host));
    Files.delete(json);
    System.out.printf("100,000 users: HTML %,d bytes; JSON %,d bytes (%d B per user)%n", htmlBytes,
        jsonBytes, jsonBytes / USERS);

    String dom = HtmlReportTest.dom(html, "");
    // Written out: 10% of each OU's 2,500 users are ready; the three largest causes are named.
    assertTrue(dom.contains("10,000 of 100,000 users in scope are ready; 90,000 are not — "
        + "2,250 RESET_PASSWORD_NOT_GRANTED under OU=ou0,OU=People,DC=corp,DC=example, "
        + "2,250 RESET_PASSWORD_NOT_GRANTED under OU=ou1,OU=People,DC=corp,DC=example, "
        + "2,250 RESET_PASSWORD_NOT_GRANTED under OU=ou2,OU=People,DC=corp,DC=example, …."),
        "the headline");
    long perOu = notReady / OUS;
    assertTrue(dom.contains(perOu + " users under OU=ou7,OU=People,DC=corp,DC=example"), "findings grouped by container");
    assertTrue(dom.contains("and " + (notReady - HtmlReportWriter.USER_ROWS) + " more users not ready"), "the cap");
    assertTrue(dom.contains("id=\"by-container\""), "the readiness chart");
    assertEquals(3 * OUS + HtmlReportWriter.USER_ROWS, HtmlReportTest.shown(dom), "rows: the groups and the capped users");
  }
}
