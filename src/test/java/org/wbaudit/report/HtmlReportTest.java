package org.wbaudit.report;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.AuditSink;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.ObjectResult;
import org.wbaudit.audit.RightVerdict;
import org.wbaudit.audit.RunSummary;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.cli.Main;

/**
 * The HTML report in a real browser (headless Chromium from Debian's packages; the test fails if
 * it is missing): the demo's page renders, its filters show exactly the rows the JSON report
 * says they should, it loads nothing from the network, and text from the directory cannot
 * become markup.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlReportTest {
  Path dir;
  Path html;
  JsonNode json;

  @BeforeAll
  void demoReports() throws Exception {
    dir = Files.createTempDirectory("wbaudit-html");
    int code = Main.run(new String[] {"demo", "--format", "json,html", "--output-dir", dir.toString(),
        "--fail-on", "critical"}, new java.io.ByteArrayInputStream(new byte[0]),
        new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter()));
    assertEquals(0, code);
    try (var files = Files.list(dir)) {
      List<Path> all = files.sorted().toList();
      html = all.stream().filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
      json = new ObjectMapper().readTree(all.stream().filter(p -> p.toString().endsWith(".json"))
          .findFirst().orElseThrow().toFile());
    }
  }

  /** The DOM after the page's script ran, from Chromium. */
  static String dom(Path page, String hash) throws Exception {
    Process p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--dump-dom", page.toUri() + hash).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
    assertEquals(0, p.exitValue(), "chromium failed (is the chromium package installed?)");
    return out.toString(StandardCharsets.UTF_8);
  }

  static int shown(String dom) {
    Matcher m = Pattern.compile("data-shown=\"(\\d+)\"").matcher(dom);
    assertTrue(m.find(), "the page's script did not run");
    return Integer.parseInt(m.group(1));
  }

  static long visibleRows(String dom) {
    Matcher m = Pattern.compile("<tr class=\"row\"").matcher(dom);
    long n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void theVerdictComesFirstAndTheCountsMatchTheJsonReport() throws Exception {
    String dom = dom(html, "");
    int verdict = dom.indexOf("id=\"verdict\"");
    assertTrue(verdict > 0 && verdict < dom.indexOf("id=\"counts\""), "verdict first");
    long high = json.get("summary").get("findingsBySeverity").get("high").asLong();
    assertTrue(dom.contains("Not ready: " + high + " finding(s)"), "verdict names the high findings");
    // A row per finding as the JSON report groups them, and per user in scope not ready.
    long rows = json.get("findings").size() + blocked(json).size();
    assertEquals(rows, shown(dom), "every finding group and every user not ready is a row");
    assertEquals(rows, visibleRows(dom));
    assertTrue(dom.contains("dc1.corp.example.test"), "the DC table names the DC");
  }

  /** The users the page lists: in scope and not ready (or unknown). */
  static List<JsonNode> blocked(JsonNode report) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode o : ReportJson.objects(report)) {
      if (o.get("inScope").asBoolean() && !o.path("ready").asBoolean(false)) {
        out.add(o);
      }
    }
    return out;
  }

  @Test
  void searchAndSeverityFilterShowExactlyTheRowsTheyShould() throws Exception {
    long fin1 = 0;
    for (JsonNode f : json.get("findings")) {
      fin1 += f.path("dn").asText("").toLowerCase().contains("fin1")
          || f.get("message").asText().toLowerCase().contains("fin1")
          || f.path("objects").toString().toLowerCase().contains("fin1") ? 1 : 0;
    }
    for (JsonNode o : blocked(json)) {
      fin1 += o.get("dn").asText().toLowerCase().contains("fin1") ? 1 : 0;
    }
    assertTrue(fin1 >= 2);
    assertEquals(fin1, shown(dom(html, "#q=fin1")));
    long high = 0;
    for (JsonNode f : json.get("findings")) {
      high += f.get("severity").asText().equals("high") ? 1 : 0;
    }
    for (JsonNode o : blocked(json)) {
      JsonNode g = o.get("rights").get("resetPassword").get("granted");
      high += g.isBoolean() && !g.asBoolean() ? 1 : 0;
    }
    assertEquals(high, shown(dom(html, "#severity=high")));
  }

  /** #24: each cause's remedy once, its containers listed under it, as the JSON's causes add up. */
  @Test
  void eachCauseSaysItsRemedyOnceAndListsItsContainers() throws Exception {
    String page = Files.readString(html);
    int start = page.indexOf("<section id=\"causes\">");
    assertTrue(start > 0, "the demo has users that are not ready");
    String section = page.substring(start, page.indexOf("</section>", start));
    java.util.Map<String, Long> usersByRule = new java.util.LinkedHashMap<>();
    java.util.Map<String, java.util.List<String>> containers = new java.util.LinkedHashMap<>();
    for (JsonNode c : json.get("summary").get("readiness").get("causes")) {
      usersByRule.merge(c.get("rule").asText(), c.get("users").asLong(), Long::sum);
      containers.computeIfAbsent(c.get("rule").asText(), k -> new java.util.ArrayList<>()).add(c.get("container").asText());
    }
    assertTrue(containers.values().stream().anyMatch(l -> l.size() > 1), "a cause in several containers: " + containers);
    assertEquals(usersByRule.size(), count(section, "<tr><td class=\"num\">"), "one row per cause");
    org.wbaudit.rules.RuleCatalog catalog = org.wbaudit.rules.RuleCatalog.builtIn();
    for (var e : containers.entrySet()) {
      String remedy = HtmlReportWriter.esc(catalog.get(e.getKey()).remediation());
      assertEquals(1, count(section, remedy), "the remedy of " + e.getKey() + " once");
      int row = section.indexOf("<tr><td class=\"num\">" + usersByRule.get(e.getKey()) + "</td><td><a href=\"#rule-" + e.getKey());
      assertTrue(row >= 0, e.getKey() + " with " + usersByRule.get(e.getKey()) + " users: " + section);
      String cells = section.substring(row, section.indexOf("</tr>", row));
      for (String container : e.getValue()) {
        assertTrue(cells.contains(" under " + HtmlReportWriter.esc(container) + "</li>"), container + " under " + e.getKey());
      }
    }
  }

  @Test
  void aRunWithAHistoryDrawsItsTrendInThePage() throws Exception {
    Path history = dir.resolve("history");
    Path third = null;
    for (int run = 0; run < 3; run++) {
      Path out = Files.createDirectories(dir.resolve("trend-" + run));
      int code = Main.run(new String[] {"demo", "--format", "html", "--output-dir", out.toString(),
          "--fail-on", "critical", "--history", history.toString()},
          new java.io.ByteArrayInputStream(new byte[0]), new java.io.PrintWriter(new java.io.StringWriter()),
          new java.io.PrintWriter(new java.io.StringWriter()));
      assertEquals(0, code);
      try (var files = Files.list(out)) {
        third = files.filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
      }
    }
    String dom = dom(third, "");
    int trend = dom.indexOf("id=\"trend\"");
    assertTrue(trend > 0 && trend < dom.indexOf("id=\"counts\""), "the trend comes before the counts");
    assertTrue(dom.indexOf("id=\"changes\"") < trend, "what changed since the previous run leads");
    String section = dom.substring(trend, dom.indexOf("</section>", trend));
    // Two charts: one forest's readiness and five severities, a point per run each.
    assertEquals(2, count(section, "<svg"));
    assertEquals(3 * (1 + 5), count(section, "<circle"));
    assertEquals(3, count(section, "12.5%</td>"), "3 of 24 users in scope ready, each run");
    long high = json.get("summary").get("findingsBySeverity").get("high").asLong();
    assertTrue(section.contains("<title>high: " + high + " ("), "a point names its figure");
  }

  static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void thePageIsSelfContainedAndRendersToAScreenshot() throws Exception {
    String page = Files.readString(html);
    assertFalse(Pattern.compile("(src|href)=\"(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(page).find(),
        "no external asset");
    assertFalse(page.contains("<link"), "no stylesheet link");
    Path shot = dir.resolve("page.png");
    Process p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1280,2000", "--screenshot=" + shot, html.toUri().toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    byte[] png = Files.readAllBytes(shot);
    assertTrue(png.length > 20_000, "a rendered page, not a blank one: " + png.length + " bytes");
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
  }

  @Test
  void textFromTheDirectoryNeverBecomesMarkup() throws Exception {
    String evil = "CN=<img src=x onerror=\"document.body.dataset.pwned=1\">,DC=corp";
    Path page = Files.createTempFile(dir, "evil", ".html");
    try (var os = Files.newOutputStream(page);
        ReportAssembler w = new ReportAssembler(RuleCatalog.builtIn())) {
      w.begin("test", Instant.EPOCH);
      AuditSink forest = w.forest("corp<b>");
      RightVerdict no = new RightVerdict(false, "not-granted", null, null, null, "<script>x()</script>");
      forest.object(new ObjectResult("corp<b>", evil, null, null, null, null, "user", true, false, false,
          false, "read", Map.of("resetPassword", no, "changePassword", no, "writeLockoutTime", no,
              "writePwdLastSet", no), true, null, false, List.of("RESET_PASSWORD_NOT_GRANTED"), null, null));
      AuditSummary s = new AuditSummary(1, Map.of(), Map.of("high", 0L), Map.of(), true, List.of(),
          Instant.EPOCH, 0, -1, -1, 0, 0, List.of(), null, null, null);
      w.end(new RunSummary(s, new ArrayList<>(List.of(new RunSummary.ForestOutcome("corp<b>", "ldaps://x", s, null, null))),
          new RunSummary.AnchorSummary(List.of(), 0, 0, 0), null));
      new HtmlReportWriter(os, RuleCatalog.builtIn()).render(w.model());
    }
    String dom = dom(page, "");
    assertFalse(dom.contains("<img"), "a DN became an element");
    assertFalse(dom.contains("<script>x()"), "a reason became a script");
    assertFalse(dom.contains("data-pwned"), "an attribute ran");
    assertTrue(dom.contains("&lt;img src=x"), "the DN is shown as text");
    assertEquals(1, shown(dom));
  }
}
