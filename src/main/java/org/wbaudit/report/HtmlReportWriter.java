package org.wbaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.AuditSink;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.Finding;
import org.wbaudit.audit.ObjectResult;
import org.wbaudit.audit.RunSink;
import org.wbaudit.audit.RunSummary;
import org.wbaudit.rules.Rule;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.rules.RuleId;

/**
 * One self-contained HTML page for people who have never seen the tool: the readiness verdict
 * first, then counts, the domain controllers, a table per rule and a per-user view of the four
 * rights with the ACE that decided each. Search and filters run in the page; nothing is fetched
 * from the network. Objects and findings are spooled to temporary files while the run goes and
 * the page is written at the end, so memory does not grow with the directory (the page does).
 */
public final class HtmlReportWriter implements RunSink, AutoCloseable {
  private static final List<String> RIGHTS =
      List.of("resetPassword", "changePassword", "writeLockoutTime", "writePwdLastSet");

  private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private final PrintWriter out;
  private final RuleCatalog catalog;
  private final Path objects;
  private final Path findings;
  private final BufferedWriter objectSpool;
  private final BufferedWriter findingSpool;
  private final Map<String, AuditHeader> headers = new LinkedHashMap<>();
  private String toolVersion;
  private Instant startedAt;

  public HtmlReportWriter(OutputStream target, RuleCatalog catalog) throws IOException {
    this.out = new PrintWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8));
    this.catalog = catalog;
    this.objects = Files.createTempFile("wbaudit-html-objects", ".jsonl");
    this.findings = Files.createTempFile("wbaudit-html-findings", ".jsonl");
    this.objectSpool = Files.newBufferedWriter(objects, StandardCharsets.UTF_8);
    this.findingSpool = Files.newBufferedWriter(findings, StandardCharsets.UTF_8);
  }

  public HtmlReportWriter(OutputStream target) throws IOException {
    this(target, RuleCatalog.builtIn());
  }

  @Override
  public void begin(String toolVersion, Instant startedAt) {
    this.toolVersion = toolVersion;
    this.startedAt = startedAt;
  }

  @Override
  public AuditSink forest(String name) {
    return new AuditSink() {
      @Override
      public void begin(AuditHeader header) {
        synchronized (HtmlReportWriter.this) {
          headers.put(name, header);
        }
      }

      @Override
      public void object(ObjectResult result) {
        spool(objectSpool, result);
      }

      @Override
      public void finding(Finding f) {
        spoolFinding(f, name);
      }

      @Override
      public void end(AuditSummary summary) {}
    };
  }

  @Override
  public void finding(Finding f) {
    spoolFinding(f, null);
  }

  private void spoolFinding(Finding f, String forest) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", f.rule());
    m.put("severity", f.severity().label());
    m.put("forest", forest);
    m.put("dn", f.dn());
    m.put("message", f.message());
    m.put("change", f.change());
    m.put("suppressed", f.suppression() == null ? null : "accepted by " + f.suppression().owner()
        + " until " + f.suppression().expires() + ": " + f.suppression().justification());
    spool(findingSpool, m);
  }

  private synchronized void spool(BufferedWriter w, Object value) {
    try {
      w.write(mapper.writeValueAsString(value));
      w.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void end(RunSummary run) {
    try {
      objectSpool.close();
      findingSpool.close();
      AuditSummary total = run.total();
      out.println("<!DOCTYPE html>");
      out.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
      out.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
      out.println("<title>wbaudit: password writeback readiness</title>");
      out.println("<style>" + STYLE + "</style></head><body>");
      out.println("<header><h1>Password writeback readiness</h1><p class=\"meta\">wbaudit "
          + esc(toolVersion) + ", started " + esc(String.valueOf(startedAt)) + ", "
          + total.usersRead() + " users in " + run.forests().size() + " forest(s)</p></header>");
      out.println("<p class=\"intro\">Self-service password reset writes a new password from the"
          + " cloud back to Active Directory through the sync (AD DS connector) account. That works"
          + " only when the account may reset the user's password (and write lockoutTime and"
          + " pwdLastSet), the user is not shielded by AdminSDHolder or a protected DACL, no other"
          + " object holds the same sync anchor, and every domain controller offers the password"
          + " policy hints control. This page is what wbaudit found, read-only, as that account.</p>");
      verdict(run);
      changes(run);
      counts(total);
      controllers(run);
      out.println("<section id=\"filters\"><h2>Search and filter</h2>"
          + "<input id=\"q\" type=\"search\" placeholder=\"Search users, rules, messages\" aria-label=\"search\">"
          + select("severity", List.of("critical", "high", "medium", "low", "info"))
          + select("forest", run.forests().stream().map(RunSummary.ForestOutcome::name).toList())
          + " <span id=\"shown\"></span></section>");
      findingTables();
      remediation(total);
      users();
      out.println("<script>" + SCRIPT + "</script>");
      out.println("</body></html>");
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void verdict(RunSummary run) {
    AuditSummary t = run.total();
    long resetRefused = t.findingsByRule().getOrDefault(RuleId.RESET_PASSWORD_NOT_GRANTED, 0L);
    long blocking = t.findingsBySeverity().getOrDefault("high", 0L)
        + t.findingsBySeverity().getOrDefault("critical", 0L);
    String cls;
    String head;
    if (!t.complete()) {
      cls = "incomplete";
      head = "Incomplete: this audit did not see everything";
    } else if (blocking > 0) {
      cls = "not-ready";
      head = "Not ready: " + blocking + " finding(s) will make password writeback fail";
    } else {
      cls = "ready";
      head = "Ready: nothing found that would make password writeback fail";
    }
    out.println("<section id=\"verdict\" class=\"" + cls + "\"><h2>" + esc(head) + "</h2><ul>");
    out.println("<li>" + resetRefused + " user(s) whose password the sync account cannot reset</li>");
    out.println("<li>" + t.findingsByRule().getOrDefault(RuleId.POLICY_HINTS_CONTROL_MISSING, 0L)
        + " domain controller(s) without the password policy hints control</li>");
    out.println("<li>" + t.findingsByRule().getOrDefault(RuleId.DUPLICATE_ANCHOR, 0L)
        + " sync anchor value(s) held by more than one object</li>");
    for (String m : t.missing()) {
      out.println("<li class=\"missing\">Missing: " + esc(m) + "</li>");
    }
    out.println("</ul></section>");
  }

  /** What changed since the baseline leads, right after the verdict. */
  private void changes(RunSummary run) {
    RunSummary.BaselineDiff d = run.diff();
    if (d == null) {
      return;
    }
    out.println("<section id=\"changes\"><h2>Since the baseline</h2><p>Compared with "
        + esc(d.baseline()) + " (" + esc(d.baselineStartedAt()) + "): <b>" + d.added()
        + " new</b>, " + d.resolved().size() + " resolved, " + d.unchanged() + " unchanged."
        + " New findings are marked <span class=\"new\">new</span> below.</p>");
    if (!d.resolved().isEmpty()) {
      out.println("<table><thead><tr><th>resolved</th><th>severity</th><th>forest</th><th>object</th>"
          + "<th>message</th></tr></thead><tbody>");
      for (var e : d.resolved()) {
        out.println("<tr><td>" + esc(e.rule()) + "</td><td>" + esc(e.severity()) + "</td><td>"
            + esc(e.forest()) + "</td><td>" + esc(e.dn()) + "</td><td>" + esc(e.message())
            + "</td></tr>");
      }
      out.println("</tbody></table>");
    }
    out.println("</section>");
  }

  private void counts(AuditSummary t) {
    out.println("<section id=\"counts\"><h2>Findings</h2><table class=\"small\"><thead><tr>"
        + "<th>severity</th><th>findings</th></tr></thead><tbody>");
    t.findingsBySeverity().forEach((sev, n) -> out.println("<tr><td class=\"sev " + esc(sev)
        + "\">" + esc(sev) + "</td><td>" + n + "</td></tr>"));
    out.println("</tbody></table><table class=\"small\" id=\"by-rule\"><thead><tr><th>rule</th>"
        + "<th>what it means</th><th>findings</th></tr></thead><tbody>");
    t.findingsByRule().forEach((rule, n) -> out.println("<tr><td><a href=\"#rule-" + esc(rule)
        + "\">" + esc(rule) + "</a></td><td>" + esc(title(rule)) + "</td><td>" + n + "</td></tr>"));
    out.println("</tbody></table></section>");
  }

  private void controllers(RunSummary run) {
    out.println("<section id=\"dcs\"><h2>Domain controllers</h2><table><thead><tr><th>forest</th>"
        + "<th>domain controller</th><th>reachable</th><th>2066</th><th>2239</th><th>note</th>"
        + "</tr></thead><tbody>");
    headers.forEach((forest, h) -> {
      for (AuditHeader.ControllerStatus c : h.controllers()) {
        out.println("<tr data-forest=\"" + esc(forest) + "\"><td>" + esc(forest) + "</td><td>"
            + esc(c.dnsHostName() != null ? c.dnsHostName() : c.url()) + "<br><small>" + esc(c.url())
            + "</small></td><td>" + yesNo(c.reachable()) + "</td><td>" + yesNo(c.policyHints2066())
            + "</td><td>" + yesNo(c.policyHints2239()) + "</td><td>" + esc(c.error() == null ? "" : c.error())
            + "</td></tr>");
      }
    });
    for (RunSummary.ForestOutcome o : run.forests()) {
      if (o.summary() == null) {
        out.println("<tr data-forest=\"" + esc(o.name()) + "\"><td>" + esc(o.name()) + "</td><td>"
            + esc(o.url()) + "</td><td>" + yesNo(false) + "</td><td></td><td></td><td>"
            + esc("forest not audited: " + o.error()) + "</td></tr>");
      }
    }
    out.println("</tbody></table></section>");
  }

  private void findingTables() throws IOException {
    // The most severe rules first, then by name.
    TreeSet<String> rules = new TreeSet<>(java.util.Comparator
        .comparing((String id) -> -severityRank(id)).thenComparing(id -> id));
    try (BufferedReader r = Files.newBufferedReader(findings, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        rules.add(mapper.readTree(line).get("rule").asText());
      }
    }
    out.println("<section id=\"rules\"><h2>Findings by rule</h2>");
    for (String rule : rules) {
      Rule def = catalog.all().stream().filter(x -> x.id().equals(rule)).findFirst().orElse(null);
      out.println("<section class=\"rule\" id=\"rule-" + esc(rule) + "\"><h3>" + esc(rule) + ": "
          + esc(title(rule)) + "</h3>");
      if (def != null) {
        out.println("<details><summary>What it means and what to do</summary><p>"
            + esc(def.description()) + "</p><p><b>Remediation:</b> " + esc(def.remediation())
            + "</p></details>");
      }
      out.println("<table class=\"findings\"><thead><tr><th>severity</th><th>forest</th>"
          + "<th>object</th><th>message</th></tr></thead><tbody>");
      // One pass per rule keeps memory flat; the spool is read as many times as there are rules.
      try (BufferedReader r = Files.newBufferedReader(findings, StandardCharsets.UTF_8)) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          JsonNode f = mapper.readTree(line);
          if (!f.get("rule").asText().equals(rule)) {
            continue;
          }
          String forest = f.path("forest").isNull() ? "" : f.path("forest").asText();
          out.println("<tr class=\"row\" data-severity=\"" + esc(f.get("severity").asText())
              + "\" data-forest=\"" + esc(forest) + "\"><td class=\"sev " + esc(f.get("severity").asText())
              + "\">" + esc(f.get("severity").asText())
              + ("new".equals(f.path("change").asText()) ? " <span class=\"new\">new</span>" : "")
              + "</td><td>" + esc(forest) + "</td><td>"
              + esc(f.path("dn").isNull() ? "" : f.path("dn").asText()) + "</td><td>"
              + esc(f.get("message").asText())
              + (f.path("suppressed").isTextual() ? "<br><small class=\"accepted\">"
                  + esc(f.get("suppressed").asText()) + "</small>" : "") + "</td></tr>");
        }
      }
      out.println("</tbody></table></section>");
    }
    out.println("</section>");
  }

  private void remediation(AuditSummary t) {
    if (t.remediation().isEmpty()) {
      return;
    }
    out.println("<section id=\"remediation\"><h2>What to grant</h2><p>Printed, never run: review"
        + " each before use. One entry per container and class of users lacking a right that an"
        + " inherited grant would give them.</p>");
    for (var r : t.remediation()) {
      out.println("<details><summary>" + esc(r.container()) + ": " + esc(String.join(", ", r.rights()))
          + " for " + r.users() + " " + esc(r.objectClass()) + " user(s)</summary>"
          + (r.note() != null ? "<p>" + esc(r.note()) + "</p>" : "")
          + "<pre>" + esc(r.dsacls()) + "</pre><pre>" + esc(r.powershell()) + "</pre><pre>"
          + esc(String.join("\n", r.sddl())) + "</pre></details>");
    }
    out.println("</section>");
  }

  private void users() throws IOException {
    out.println("<section id=\"users\"><h2>Users</h2><p>Each right: granted, not granted or unknown;"
        + " open a user to see the ACE that decided each.</p><table class=\"users\"><thead><tr>"
        + "<th>forest</th><th>user</th><th>enabled</th><th>adminCount</th><th>inheritance</th>"
        + "<th>reset password</th><th>change password</th><th>write lockoutTime</th>"
        + "<th>write pwdLastSet</th></tr></thead><tbody>");
    try (BufferedReader r = Files.newBufferedReader(objects, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        JsonNode o = mapper.readTree(line);
        JsonNode rights = o.get("rights");
        StringBuilder row = new StringBuilder();
        String worst = rights.get("resetPassword").path("granted").isBoolean()
            && !rights.get("resetPassword").get("granted").asBoolean() ? "high" : "info";
        row.append("<tr class=\"row\" data-severity=\"").append(worst).append("\" data-forest=\"")
            .append(esc(o.get("forest").asText())).append("\"><td>").append(esc(o.get("forest").asText()))
            .append("</td><td><details><summary>").append(esc(o.get("dn").asText()))
            .append("</summary><dl>");
        for (String right : RIGHTS) {
          JsonNode v = rights.get(right);
          row.append("<dt>").append(esc(right)).append("</dt><dd>")
              .append(esc(v.path("reason").asText())).append(v.path("ace").isTextual()
                  ? "<br><code>" + esc(v.get("ace").asText()) + "</code>" : "")
              .append("</dd>");
        }
        row.append("</dl></details></td><td>").append(yesNo(o.get("enabled").asBoolean()))
            .append("</td><td>").append(o.get("adminCount").asBoolean() ? "1" : "")
            .append("</td><td>").append(o.get("inheritanceDisabled").asBoolean() ? "disabled" : "")
            .append("</td>");
        for (String right : RIGHTS) {
          JsonNode g = rights.get(right).path("granted");
          String cls = g.isBoolean() ? (g.asBoolean() ? "granted" : "refused") : "unknown";
          row.append("<td class=\"").append(cls).append("\" title=\"")
              .append(esc(rights.get(right).path("reason").asText())).append("\">")
              .append(g.isBoolean() ? (g.asBoolean() ? "granted" : "not granted") : "unknown")
              .append("</td>");
        }
        out.println(row.append("</tr>"));
      }
    }
    out.println("</tbody></table></section>");
  }

  private int severityRank(String rule) {
    return catalog.all().stream().filter(x -> x.id().equals(rule))
        .mapToInt(x -> x.severity().ordinal()).findFirst().orElse(0);
  }

  private String title(String rule) {
    return catalog.all().stream().filter(x -> x.id().equals(rule)).map(Rule::title).findFirst()
        .orElse(rule);
  }

  private static String select(String name, List<String> values) {
    StringBuilder b = new StringBuilder(" <select id=\"" + name + "\" aria-label=\"" + name
        + "\"><option value=\"\">any " + name + "</option>");
    for (String v : new ArrayList<>(values)) {
      b.append("<option>").append(esc(v)).append("</option>");
    }
    return b.append("</select>").toString();
  }

  private static String yesNo(Boolean b) {
    return b == null ? "—" : b ? "yes" : "<b>no</b>";
  }

  /** Text into HTML, attribute values included. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  @Override
  public void close() throws IOException {
    objectSpool.close();
    findingSpool.close();
    out.flush();
    Files.deleteIfExists(objects);
    Files.deleteIfExists(findings);
  }

  private static final String STYLE = String.join("\n",
      "body{font:14px/1.4 system-ui,sans-serif;margin:0 2em 3em;color:#222}",
      "h1{margin-bottom:0}.meta{color:#666;margin-top:.2em}.intro{max-width:60em}",
      "#verdict{padding:.6em 1.2em;border-radius:6px;margin:1em 0}",
      "#verdict.ready{background:#e3f6e5;border:1px solid #3a3}",
      "#verdict.not-ready{background:#fde8e8;border:1px solid #c33}",
      "#verdict.incomplete{background:#fff4d6;border:1px solid #c90}",
      "table{border-collapse:collapse;margin:.5em 0 1.5em;width:100%}",
      "table.small{width:auto;display:inline-table;margin-right:2em;vertical-align:top}",
      "th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}",
      "th{background:#f4f4f4}.sev.high,.sev.critical,.refused{color:#b00;font-weight:600}",
      ".sev.medium{color:#a60}.granted{color:#262}.unknown{color:#777;font-style:italic}",
      "#filters input{width:24em;padding:.3em}code{font-size:12px;word-break:break-all}",
      "tr.hidden{display:none}details summary{cursor:pointer}",
      ".new{background:#c33;color:#fff;border-radius:3px;padding:0 .3em;font-size:11px}",
      ".accepted{color:#666}");

  /** Filters rows by text, severity and forest; the URL's #q=…&severity=… sets them on load. */
  private static final String SCRIPT = String.join("\n",
      "(function(){",
      "var q=document.getElementById('q'),sev=document.getElementById('severity'),",
      "fo=document.getElementById('forest'),shown=document.getElementById('shown');",
      "function apply(){var t=q.value.toLowerCase(),s=sev.value,f=fo.value,n=0,all=0;",
      "document.querySelectorAll('tr.row').forEach(function(r){all++;",
      "var ok=(!t||r.textContent.toLowerCase().indexOf(t)>=0)&&(!s||r.dataset.severity===s)",
      "&&(!f||r.dataset.forest===f);r.classList.toggle('hidden',!ok);if(ok)n++;});",
      "shown.textContent=n+' of '+all+' rows shown';document.body.dataset.shown=n;}",
      "var h=new URLSearchParams(location.hash.slice(1));",
      "if(h.get('q'))q.value=h.get('q');if(h.get('severity'))sev.value=h.get('severity');",
      "if(h.get('forest'))fo.value=h.get('forest');",
      "[q,sev,fo].forEach(function(e){e.addEventListener('input',apply);});apply();",
      "})();");
}
