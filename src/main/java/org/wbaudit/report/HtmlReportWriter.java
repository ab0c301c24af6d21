package org.wbaudit.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.Finding;
import org.wbaudit.audit.ObjectResult;
import org.wbaudit.audit.RightVerdict;
import org.wbaudit.audit.RunSummary;
import org.wbaudit.rules.Rule;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.rules.RuleId;

/**
 * One self-contained HTML page for people who have never seen the tool: the readiness verdict
 * first, then counts, the domain controllers, a table per rule and a per-user view of the rights
 * with the ACE that decided each. Search and filters run in the page; nothing is fetched from the
 * network. The page's frame, stylesheet and script are resources ({@code report/page.html},
 * {@code report.css}, {@code report.js}); this class writes the sections between them.
 */
public final class HtmlReportWriter implements ReportRenderer {
  private final PrintWriter out;
  private final RuleCatalog catalog;
  private ReportModel model;

  public HtmlReportWriter(OutputStream target, RuleCatalog catalog) {
    this.out = new PrintWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8));
    this.catalog = catalog;
  }

  @Override
  public void render(ReportModel model) throws IOException {
    this.model = model;
    RunSummary run = model.run();
    AuditSummary total = run.total();
    String[] page = resource("page.html").split("\\{\\{body}}", 2);
    String meta = "wbaudit " + esc(model.toolVersion()) + ", started "
        + esc(String.valueOf(model.startedAt())) + ", " + total.usersRead() + " users in "
        + run.forests().size() + " forest(s)";
    out.print(page[0].replace("{{style}}", resource("report.css")).replace("{{meta}}", meta));
    verdict(run);
    changes(run);
    trend(model.trend());
    UsersRead read = readObjects();
    causes(total);
    readinessByContainer(read.byContainer());
    counts(total);
    controllers(run);
    out.println("<section id=\"filters\"><h2>Search and filter</h2>"
        + "<input id=\"q\" type=\"search\" placeholder=\"Search users, rules, messages\" aria-label=\"search\">"
        + select("severity", List.of("critical", "high", "medium", "low", "info"))
        + select("forest", run.forests().stream().map(RunSummary.ForestOutcome::name).toList())
        + " <span id=\"shown\"></span></section>");
    findingTables();
    remediation(total);
    users(read);
    out.print(page[1].replace("{{script}}", resource("report.js")));
    out.flush();
  }

  /** A part of the page shipped in the jar. */
  private static String resource(String name) throws IOException {
    try (InputStream in = HtmlReportWriter.class.getResourceAsStream("/report/" + name)) {
      if (in == null) {
        throw new IOException("report/" + name + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
    String others = Headline.operations(t.readiness());
    out.println("<section id=\"verdict\" class=\"" + cls + "\"><p id=\"readiness\" class=\"headline\">"
        + esc(Headline.readiness(t.readiness())) + "</p>"
        + (others.isEmpty() ? "" : "<p id=\"operations\">" + esc(others) + "</p>")
        + "<p id=\"not-checked\">" + esc(Headline.notVisible()) + "</p><h2>" + esc(head) + "</h2><ul>");
    out.println("<li>" + resetRefused + (resetRefused == 1 ? " user" : " users")
        + " whose password the sync account cannot reset</li>");
    out.println("<li>" + t.findingsByRule().getOrDefault(RuleId.POLICY_HINTS_CONTROL_MISSING, 0L)
        + " domain controller(s) without the password policy hints control</li>");
    out.println("<li>" + t.findingsByRule().getOrDefault(RuleId.DUPLICATE_ANCHOR, 0L)
        + " sync anchor value(s) held by more than one object</li>");
    for (String m : t.missing()) {
      out.println("<li class=\"missing\">Missing: " + esc(m) + "</li>");
    }
    out.println("</ul></section>");
  }

  /** The page stays an overview at any size: these bound what it lists. */
  static final int USER_ROWS = 2_000;
  static final int CAUSE_ROWS = 200;
  static final int BARS = 25;

  private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");
  private static final int CHART_W = 640;
  private static final int CHART_H = 160;
  private static final int PAD = 30;

  /**
   * The kept runs and this one: readiness per forest and findings by severity over time, drawn
   * as inline SVG (the page loads nothing), with the figures in a table beside for readers and
   * screen readers alike.
   */
  private void trend(List<TrendPoint> points) {
    if (points.isEmpty()) {
      return;
    }
    out.println("<section id=\"trend\"><h2>Trend</h2><p>" + points.size() + " run(s) in the"
        + " history, this one last; an incomplete run is drawn hollow.</p>");
    LinkedHashSet<String> forests = new LinkedHashSet<>();
    points.forEach(p -> forests.addAll(p.readyPercent().keySet()));
    List<Series> ready = new ArrayList<>();
    int i = 0;
    for (String forest : forests) {
      List<Double> ys = points.stream().map(p -> p.readyPercent().get(forest)).toList();
      ready.add(new Series(forest, "s" + (i++ % 6), ys));
    }
    chart("Users ready, % of those in scope", ready, 100.0, points);
    List<Series> bySeverity = new ArrayList<>();
    double max = 1;
    for (String sev : SEVERITIES) {
      List<Double> ys = points.stream()
          .map(p -> (double) p.bySeverity().getOrDefault(sev, 0L)).toList();
      max = Math.max(max, ys.stream().mapToDouble(Double::doubleValue).max().orElse(0));
      bySeverity.add(new Series(sev, "sev-" + sev, ys));
    }
    chart("Findings by severity", bySeverity, max, points);
    StringBuilder head = new StringBuilder("<table class=\"small\"><thead><tr><th>run started</th>");
    forests.forEach(f -> head.append("<th>").append(esc(f)).append(" ready</th>"));
    SEVERITIES.forEach(sv -> head.append("<th>").append(sv).append("</th>"));
    out.println(head + "</tr></thead><tbody>");
    for (TrendPoint p : points) {
      StringBuilder row = new StringBuilder("<tr><td>" + esc(p.startedAt())
          + (p.complete() ? "" : " (incomplete)") + "</td>");
      for (String f : forests) {
        Double v = p.readyPercent().get(f);
        row.append("<td>").append(v == null ? "–" : String.format(Locale.ROOT, "%.1f%%", v)).append("</td>");
      }
      for (String sv : SEVERITIES) {
        row.append("<td>").append(p.bySeverity().getOrDefault(sv, 0L)).append("</td>");
      }
      out.println(row + "</tr>");
    }
    out.println("</tbody></table></section>");
  }

  /** One line of a chart: its label, its CSS class, a value per run (null: no point). */
  private record Series(String label, String cls, List<Double> values) {}

  private void chart(String title, List<Series> series, double max, List<TrendPoint> points) {
    int n = points.size();
    double step = n == 1 ? 0 : (CHART_W - 2.0 * PAD) / (n - 1);
    StringBuilder svg = new StringBuilder("<figure><figcaption>" + esc(title) + "</figcaption>"
        + "<svg class=\"chart\" role=\"img\" aria-label=\"" + esc(title) + "\" viewBox=\"0 0 "
        + CHART_W + " " + CHART_H + "\" width=\"" + CHART_W + "\" height=\"" + CHART_H + "\">");
    svg.append(String.format(Locale.ROOT,
        "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", PAD, CHART_H - PAD,
        CHART_W - PAD, CHART_H - PAD));
    svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\">%s</text>"
        + "<text x=\"2\" y=\"%d\">0</text>", PAD, fmt(max), CHART_H - PAD));
    for (Series s : series) {
      StringBuilder line = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (int k = 0; k < n; k++) {
        Double v = s.values().get(k);
        if (v == null) {
          continue;
        }
        double x = PAD + (n == 1 ? (CHART_W - 2.0 * PAD) / 2 : k * step);
        double y = CHART_H - PAD - (CHART_H - 2.0 * PAD) * v / max;
        line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        dots.append(String.format(Locale.ROOT,
            "<circle class=\"%s%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\"><title>%s: %s (%s)</title></circle>",
            s.cls(), points.get(k).complete() ? "" : " hollow", x, y, esc(s.label()), fmt(v),
            esc(points.get(k).startedAt())));
      }
      svg.append("<polyline class=\"").append(s.cls()).append("\" points=\"")
          .append(line.toString().strip()).append("\"/>").append(dots);
    }
    svg.append("</svg><p class=\"legend\">");
    for (Series s : series) {
      svg.append("<span class=\"").append(s.cls()).append("\">&#9632; ").append(esc(s.label()))
          .append("</span> ");
    }
    out.println(svg + "</p></figure>");
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
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
    model.headers().forEach((forest, h) -> {
      for (AuditHeader.ControllerStatus c : h.controllers()) {
        // The audited DC comes first: its note says how wbaudit reached it.
        String note = c.error() != null ? c.error()
            : c == h.controllers().get(0) && h.dc().authentication() != null
                ? "audited: " + h.dc().authentication() + "; " + h.dc().protection()
                    + (h.dc().passedOver().isEmpty() ? ""
                        : "; passed over: " + String.join("; ", h.dc().passedOver()))
                : "";
        out.println("<tr data-forest=\"" + esc(forest) + "\"><td>" + esc(forest) + "</td><td>"
            + esc(c.dnsHostName() != null ? c.dnsHostName() : c.url()) + "<br><small>" + esc(c.url())
            + "</small></td><td>" + yesNo(c.reachable()) + "</td><td>" + yesNo(c.policyHints2066())
            + "</td><td>" + yesNo(c.policyHints2239()) + "</td><td>" + esc(note) + "</td></tr>");
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
    out.println("<section id=\"rules\"><h2>Findings by rule</h2>");
    for (String rule : model.rules()) {
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
      FindingGroups.forEach(model, rule, g -> {
        Finding f = g.first().finding();
        String forest = g.first().forest() == null ? "" : g.first().forest();
        String sev = f.severity().label();
        String object = g.size() == 1 ? esc(f.dn())
            : "<details><summary>" + g.size() + " users"
                + (g.container() == null ? "" : " under " + esc(g.container())) + "</summary>"
                + names(g.sampleDns(), g.size()) + "</details>";
        out.println("<tr class=\"row\" data-severity=\"" + esc(sev) + "\" data-forest=\""
            + esc(forest) + "\"><td class=\"sev " + esc(sev) + "\">" + esc(sev)
            + ("new".equals(f.change()) ? " <span class=\"new\">new</span>" : "")
            + "</td><td>" + esc(forest) + "</td><td>" + object + "</td><td>"
            + esc(f.message())
            + (f.suppression() != null ? "<br><small class=\"accepted\">" + esc("accepted by "
                + f.suppression().owner() + " until " + f.suppression().expires() + ": "
                + f.suppression().justification()) + "</small>" : "") + "</td></tr>");
      });
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
          + " for " + esc(Remedies.users(r)) + "</summary>"
          + (r.note() != null ? "<p>" + esc(r.note()) + "</p>" : "")
          + (r.dsacls() != null ? "<pre>" + esc(r.dsacls()) + "</pre>" : "")
          + "<pre>" + esc(r.powershell()) + "</pre><pre>"
          + esc(String.join("\n", r.sddl())) + "</pre></details>");
    }
    out.println("</section>");
  }

  /** The first DNs of a group (FindingGroups.SAMPLE); the JSON and CSV have them all. */
  private static String names(List<String> dns, int size) {
    StringBuilder b = new StringBuilder("<ul class=\"names\">");
    for (String dn : dns) {
      b.append("<li>").append(esc(dn)).append("</li>");
    }
    if (size > dns.size()) {
      b.append("<li class=\"more\">and ").append(size - dns.size())
          .append(" more (the CSV and JSON reports list them all)</li>");
    }
    return b.append("</ul>").toString();
  }

  /**
   * Why the users in scope are not ready: one row per cause (a user's first blocker), its
   * remedy said once and its containers listed under it, largest first. A cause found in 25
   * containers is one remedy, not 25 copies of it.
   */
  private void causes(AuditSummary t) {
    List<AuditSummary.Cause> causes = t.readiness().causes();
    if (causes.isEmpty()) {
      return;
    }
    // Causes come largest first; grouping keeps each rule where its largest container put it.
    Map<String, List<AuditSummary.Cause>> byRule = new LinkedHashMap<>();
    int shown = Math.min(causes.size(), CAUSE_ROWS);
    for (int i = 0; i < shown; i++) {
      byRule.computeIfAbsent(causes.get(i).rule(), k -> new ArrayList<>()).add(causes.get(i));
    }
    out.println("<section id=\"causes\"><h2>Why users are not ready</h2><table class=\"causes\">"
        + "<thead><tr><th>users</th><th>cause</th><th>under</th><th>what to do</th></tr></thead><tbody>");
    for (Map.Entry<String, List<AuditSummary.Cause>> e : byRule.entrySet()) {
      String rule = e.getKey();
      Rule def = catalog.all().stream().filter(x -> x.id().equals(rule)).findFirst().orElse(null);
      long users = e.getValue().stream().mapToLong(AuditSummary.Cause::users).sum();
      StringBuilder under = new StringBuilder("<ul class=\"containers\">");
      for (AuditSummary.Cause c : e.getValue()) {
        under.append("<li>").append(c.users()).append(" under ").append(esc(c.container())).append("</li>");
      }
      under.append("</ul>");
      out.println("<tr><td class=\"num\">" + users + "</td><td><a href=\"#rule-" + esc(rule)
          + "\">" + esc(rule) + "</a><br><small>" + esc(title(rule)) + "</small></td><td>"
          + under + "</td><td>" + esc(def == null ? "" : def.remediation()) + "</td></tr>");
    }
    out.println("</tbody></table>" + (causes.size() > CAUSE_ROWS ? "<p class=\"more\">and "
        + (causes.size() - CAUSE_ROWS) + " more containers (summary.readiness.causes in the JSON report)</p>"
        : "") + "</section>");
  }

  /** One container's users in scope, by readiness. */
  private static final class Tally {
    long ready;
    long notReady;
    long unknown;

    long total() {
      return ready + notReady + unknown;
    }
  }

  /**
   * Readiness by container (the OU each user is directly in), the largest first, as a bar chart
   * drawn in inline SVG and the figures in a table: the page loads nothing.
   */
  private void readinessByContainer(java.util.Map<String, Tally> byContainer) {
    if (byContainer.isEmpty()) {
      return;
    }
    List<java.util.Map.Entry<String, Tally>> rows = new ArrayList<>(byContainer.entrySet());
    rows.sort(java.util.Comparator.comparingLong((java.util.Map.Entry<String, Tally> e) -> -e.getValue().total())
        .thenComparing(java.util.Map.Entry::getKey));
    List<java.util.Map.Entry<String, Tally>> drawn = rows.subList(0, Math.min(rows.size(), BARS));
    long max = drawn.get(0).getValue().total();
    int barH = 18;
    int labelW = 260;
    int w = 720;
    StringBuilder svg = new StringBuilder("<svg class=\"bars\" role=\"img\" aria-label=\"users in"
        + " scope by readiness, per container\" viewBox=\"0 0 " + w + " " + (drawn.size() * (barH + 4) + 4)
        + "\" width=\"" + w + "\">");
    int y = 4;
    for (java.util.Map.Entry<String, Tally> e : drawn) {
      Tally t = e.getValue();
      double scale = (w - labelW - 60) / (double) max;
      String label = e.getKey().length() > 40 ? e.getKey().substring(0, 39) + "…" : e.getKey();
      svg.append("<text x=\"0\" y=\"").append(y + 13).append("\" class=\"label\">")
          .append(esc(label)).append("</text>");
      double x = labelW;
      for (Object[] part : new Object[][] {{t.ready, "ready"}, {t.notReady, "not-ready"}, {t.unknown, "unknown"}}) {
        double len = (long) part[0] * scale;
        if (len > 0) {
          svg.append(String.format(java.util.Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"%s\"><title>%d %s</title></rect>",
              x, y, len, barH, part[1], (long) part[0], part[1]));
        }
        x += len;
      }
      svg.append(String.format(java.util.Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"label\">%d</text>",
          x + 4, y + 13, t.total()));
      y += barH + 4;
    }
    svg.append("</svg>");
    out.println("<section id=\"by-container\"><h2>Readiness by container</h2><p>Users in scope,"
        + " by the container they are directly in: <span class=\"key ready\">ready</span>"
        + " <span class=\"key not-ready\">not ready</span> <span class=\"key unknown\">unknown</span>"
        + (rows.size() > BARS ? "; the " + BARS + " largest of " + rows.size() + " containers" : "")
        + ".</p>" + svg + "<details><summary>The figures</summary><table class=\"small\"><thead><tr>"
        + "<th>container</th><th>ready</th><th>not ready</th><th>unknown</th></tr></thead><tbody>");
    for (int i = 0; i < Math.min(rows.size(), CAUSE_ROWS); i++) {
      Tally t = rows.get(i).getValue();
      out.println("<tr><td>" + esc(rows.get(i).getKey()) + "</td><td class=\"num\">" + t.ready
          + "</td><td class=\"num\">" + t.notReady + "</td><td class=\"num\">" + t.unknown + "</td></tr>");
    }
    out.println("</tbody></table>" + (rows.size() > CAUSE_ROWS ? "<p class=\"more\">and "
        + (rows.size() - CAUSE_ROWS) + " more containers</p>" : "") + "</details></section>");
  }

  private void users(UsersRead read) {
    StringBuilder head = new StringBuilder("<section id=\"users\"><h2>Users not ready</h2><p>Users"
        + " in scope that writeback cannot serve yet (not ready, or unknown), at most " + USER_ROWS
        + ". Each right: granted, not granted or unknown; open a user to see the ACE that decided"
        + " each. Every user is in the CSV and JSON reports.</p>"
        + "<table class=\"users\"><thead><tr><th>forest</th><th>user</th><th>enabled</th>"
        + "<th>adminCount</th><th>inheritance</th>");
    for (WritebackRight r : WritebackRight.PER_USER) {
      head.append("<th>").append(esc(r.displayName())).append("</th>");
    }
    out.println(head.append("</tr></thead><tbody>"));
    read.rows().forEach(out::println);
    out.println("</tbody></table>" + (read.notReady() > USER_ROWS ? "<p id=\"more-users\" class=\"more\">and "
        + (read.notReady() - USER_ROWS) + " more users not ready — see the CSV or JSON report</p>" : "")
        + "</section>");
  }

  /** Users in scope by container, the first {@link #USER_ROWS} users not ready, and their count. */
  private record UsersRead(java.util.Map<String, Tally> byContainer, List<String> rows, long notReady) {}

  /**
   * One pass over the spooled objects for both parts of the page that need them: readiness by
   * container, and the first {@link #USER_ROWS} users not ready (bounded: about 1 KB a row).
   */
  private UsersRead readObjects() throws IOException {
    java.util.Map<String, Tally> byContainer = new java.util.HashMap<>();
    List<String> rows = new ArrayList<>();
    long[] notReady = {0};
    model.objects(o -> {
      if (!Boolean.TRUE.equals(o.inScope())) {
        return;
      }
      Tally t = byContainer.computeIfAbsent(FindingGroups.container(o.dn()) + "", k -> new Tally());
      if (o.ready() == null) {
        t.unknown++;
      } else if (o.ready()) {
        t.ready++;
      } else {
        t.notReady++;
      }
      if (!Boolean.TRUE.equals(o.ready()) && ++notReady[0] <= USER_ROWS) {
        rows.add(userRow(o));
      }
    });
    return new UsersRead(byContainer, rows, notReady[0]);
  }

  private static String userRow(ObjectResult o) {
    RightVerdict reset = o.rights().get(WritebackRight.RESET_PASSWORD.key());
    StringBuilder row = new StringBuilder();
    String worst = reset != null && Boolean.FALSE.equals(reset.granted()) ? "high" : "info";
    row.append("<tr class=\"row\" data-severity=\"").append(worst).append("\" data-forest=\"")
        .append(esc(o.forest())).append("\"><td>").append(esc(o.forest()))
        .append("</td><td><details><summary>").append(esc(o.dn())).append("</summary><dl>");
    for (WritebackRight r : WritebackRight.PER_USER) {
      RightVerdict v = o.rights().get(r.key());
      row.append("<dt>").append(esc(r.key())).append("</dt><dd>")
          .append(esc(v == null ? "" : v.reason())).append(v != null && v.ace() != null
              ? "<br><code>" + esc(v.ace()) + "</code>" : "")
          .append("</dd>");
    }
    row.append("</dl></details></td><td>").append(yesNo(o.enabled()))
        .append("</td><td>").append(o.adminCount() ? "1" : "")
        .append("</td><td>").append(o.inheritanceDisabled() ? "disabled" : "")
        .append("</td>");
    for (WritebackRight r : WritebackRight.PER_USER) {
      RightVerdict v = o.rights().get(r.key());
      Boolean g = v == null ? null : v.granted();
      String cls = g == null ? "unknown" : g ? "granted" : "refused";
      row.append("<td class=\"").append(cls).append("\" title=\"")
          .append(esc(v == null ? "" : v.reason())).append("\">")
          .append(g == null ? "unknown" : g ? "granted" : "not granted")
          .append("</td>");
    }
    return row.append("</tr>").toString();
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

}
