package org.wbaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.Finding;
import org.wbaudit.audit.RunSummary;

/**
 * The summary for people on a terminal: per forest, who was audited where, counts, and the first
 * findings of each rule (a bounded number, so memory stays flat on large domains); then what the
 * run found across forests.
 */
public final class TextReportWriter implements ReportRenderer {
  static final int EXAMPLES_PER_RULE = 5;
  /** New findings listed before everything else; the rest are counted. */
  static final int NEW_SHOWN = 20;

  private final PrintWriter out;

  public TextReportWriter(OutputStream target) {
    this.out = new TerminalText(new OutputStreamWriter(target, StandardCharsets.UTF_8));
  }

  @Override
  public void render(ReportModel model) throws IOException {
    RunSummary run = model.run();
    // The first few findings of each rule, per forest (null: the run's own), and the first new ones.
    Map<String, Map<String, List<Finding>>> examples = new HashMap<>();
    List<Finding> newFindings = new ArrayList<>();
    model.findings(r -> {
      example(examples.computeIfAbsent(String.valueOf(r.forest()), k -> new LinkedHashMap<>()), r.finding());
      if ("new".equals(r.finding().change()) && newFindings.size() < NEW_SHOWN) {
        newFindings.add(r.finding());
      }
    });
    out.println("wbaudit " + model.toolVersion() + " — password writeback readiness");
    out.println();
    out.println(Headline.readiness(run.total().readiness()));
    String others = Headline.operations(run.total().readiness());
    if (!others.isEmpty()) {
      out.println(others);
    }
    out.println(Headline.notVisible());
    out.println();
    if (run.syncEngine() != null) {
      Map<String, Object> e = run.syncEngine();
      out.println("Sync engine: " + e.get("kind") + (e.get("server") != null ? " on " + e.get("server") : "")
          + (e.get("version") != null ? " (" + e.get("version") + ")" : "") + ", read from " + e.get("source")
          + "; password writeback " + onOff(e.get("writebackEnabled")) + ", staging mode "
          + onOff(e.get("stagingMode")) + ", password hash sync " + onOff(e.get("passwordHashSync"))
          + ". The scope and the connector account are the engine's own.");
      out.println();
    }
    if (run.diff() != null) {
      RunSummary.BaselineDiff d = run.diff();
      out.println();
      out.println("Since the baseline " + d.baseline() + " (" + d.baselineStartedAt() + "): "
          + d.added() + " new, " + d.resolved().size() + " resolved, " + d.unchanged() + " unchanged");
      for (Finding f : newFindings) {
        out.println("  NEW  " + f.rule() + " " + f.severity().label() + "  "
            + (f.dn() != null ? f.dn() + ": " : "") + f.message());
      }
      if (d.added() > newFindings.size()) {
        out.println("  … and " + (d.added() - newFindings.size()) + " more new (see the JSON report)");
      }
      int shown = 0;
      for (var e : d.resolved()) {
        if (shown++ == NEW_SHOWN) {
          out.println("  … and " + (d.resolved().size() - NEW_SHOWN) + " more resolved");
          break;
        }
        out.println("  GONE " + e.rule() + "  " + (e.dn() != null ? e.dn() + ": " : "") + e.message());
      }
    }
    Map<String, AuditHeader> headers = model.headers();
    for (RunSummary.ForestOutcome o : run.forests()) {
      if (run.forests().size() > 1 || o.summary() == null) {
        out.println();
        out.println("Forest " + o.name() + " (" + o.url() + ")"
            + (o.summary() == null ? ": NOT AUDITED: " + o.error() : ""));
      }
      AuditHeader h = headers.get(o.name());
      if (h != null && o.summary() != null) {
        forest(h, o.summary(), examples.getOrDefault(o.name(), Map.of()));
      }
    }
    Map<String, List<Finding>> runExamples = examples.getOrDefault("null", Map.of());
    Map<String, Long> runCounts = new LinkedHashMap<>();
    runExamples.forEach((rule, ex) -> runCounts.put(rule, run.total().findingsByRule().getOrDefault(rule, 0L)));
    RunSummary.AnchorSummary a = run.anchors();
    if (!a.attributes().isEmpty()) {
      out.println();
      out.println("Anchors compared (" + String.join(", ", a.attributes()) + "): "
          + a.distinctValues() + " distinct values, " + a.duplicates() + " held more than once");
    }
    if (!runCounts.isEmpty()) {
      out.println();
      out.println("Across the run:");
      findings(out, runCounts, runExamples);
    }
    AuditSummary total = run.total();
    if (run.forests().size() > 1) {
      out.println();
      out.println("All forests: " + total.usersRead() + " users; findings by severity "
          + total.findingsBySeverity());
    }
    if (total.findingsSuppressed() > 0) {
      out.println();
      out.println(total.findingsSuppressed() + " finding(s) suppressed by accepted risks (listed"
          + " in the JSON report; not counted above)");
    }
    if (!total.complete()) {
      out.println();
      out.println("THE AUDIT IS INCOMPLETE. Missing:");
      total.missing().forEach(m -> out.println("  - " + m));
    }
    out.flush();
  }

  private static void example(Map<String, List<Finding>> examples, Finding f) {
    List<Finding> list = examples.computeIfAbsent(f.rule(), k -> new ArrayList<>());
    if (list.size() < EXAMPLES_PER_RULE) {
      list.add(f);
    }
  }

  private static void findings(PrintWriter out, Map<String, Long> counts,
      Map<String, List<Finding>> examples) {
    counts.forEach((rule, n) -> {
      List<Finding> ex = examples.getOrDefault(rule, List.of());
      boolean mixed = ex.stream().map(Finding::severity).distinct().count() > 1;
      String severity = ex.isEmpty() || mixed ? "" : ex.get(0).severity().label();
      out.printf("  %-32s %-8s %d%n", rule, severity, n);
      for (Finding f : ex) {
        out.println("      " + (mixed ? "[" + f.severity().label() + "] " : "")
            + ("new".equals(f.change()) ? "[new] " : "")
            + (f.suppression() != null ? "[accepted by " + f.suppression().owner() + " until "
                + f.suppression().expires() + "] " : "")
            + (f.dn() != null ? f.dn() + ": " : "") + f.message());
      }
      if (n > ex.size()) {
        out.println("      … and " + (n - ex.size()) + " more (see the JSON report)");
      }
    });
  }

  /** One forest's section: where and as whom, counts, examples, what to grant. */
  private void forest(AuditHeader h, AuditSummary s, Map<String, List<Finding>> examples) {
    out.println("  domain controller: " + h.dc().url()
        + (h.dc().dnsHostName() != null ? " (" + h.dc().dnsHostName() + ")" : ""));
    if (h.dc().authentication() != null) {
      out.println("  connection:        " + h.dc().authentication() + "; " + h.dc().protection());
    }
    for (String passed : h.dc().passedOver()) {
      out.println("    passed over: " + passed);
    }
    out.println("  domain:            " + h.domainDn() + " (" + h.domainSid() + ")");
    out.println("  audited principal: " + h.principalDn() + " (" + h.principalSid() + ")");
    if (h.principalChoice() != null) {
      out.println("    chosen by " + (h.principalChoice().method().equals("auto") ? "--principal auto"
          : "the sync configuration") + ": " + h.principalChoice().why());
      h.principalChoice().candidates().forEach(c -> out.println("    also found: " + c));
    }
    AuditSummary.Connector account = s.connector();
    if (account != null) {
      out.println("  its password expires: " + account.passwordExpiry());
      if (account.protectedBy() != null) {
        out.println("  it is in a protected group: " + String.join(" → ", account.protectedBy()));
      }
      if (account.replicationRights().containsValue(true)) {
        out.println("  it holds Replicating Directory Changes" + (Boolean.TRUE.equals(
            account.replicationRights().get("getChangesAll")) ? " (All)" : "") + " on the domain head:"
            + " expected for password hash sync, and as sensitive as a domain admin");
      }
      if (!account.domainHead().isEmpty() || !account.usersBeyondWriteback().isEmpty()) {
        out.println("  beyond writeback: domain head " + account.domainHead() + ", users " + account.usersBeyondWriteback());
      }
    }
    out.println("  token (" + h.tokenMethod() + "): " + String.join(", ",
        h.token().stream().map(AuditHeader.TokenEntry::name).toList()));
    out.println("  policy hints control: 2066 " + yesNo(h.dc().policyHints2066())
        + ", 2239 " + yesNo(h.dc().policyHints2239()));
    if (h.controllers().size() > 1) {
      out.println("  domain controllers:");
      for (AuditHeader.ControllerStatus c : h.controllers()) {
        out.println("    " + (c.dnsHostName() != null ? c.dnsHostName() : c.url()) + ": "
            + (c.reachable() ? "2066 " + yesNo(c.policyHints2066()) + ", 2239 " + yesNo(c.policyHints2239())
                : "UNREACHABLE (" + c.error() + ")"));
      }
    }
    out.println("  unexpire password on the domain: " + h.unexpirePassword());
    for (AuditHeader.DomainStatus d : h.domains().subList(Math.min(1, h.domains().size()), h.domains().size())) {
      out.println("  other domain " + d.dn() + ": " + (d.error() != null ? "NOT CHECKED (" + d.error() + ")"
          : "unexpire password " + d.unexpirePassword() + ", minimum password age "
              + d.passwordPolicy().minPwdAgeSeconds() + " s, history " + d.passwordPolicy().pwdHistoryLength()));
    }
    if (!h.anchorsSkipped().isEmpty()) {
      out.println("  anchor attributes not in this forest's schema (skipped): "
          + String.join(", ", h.anchorsSkipped()));
    }
    out.println();
    out.println("Users read: " + s.usersRead() + " (" + s.distinctDescriptors()
        + " distinct descriptors) in " + s.durationMillis() + " ms");
    s.rights().forEach((right, c) -> out.printf("  %-17s granted %d, not granted %d, unknown %d%n",
        right, c.granted(), c.notGranted(), c.unknown()));
    out.println();
    if (s.findingsByRule().isEmpty()) {
      out.println("No findings.");
    } else {
      out.println("Findings:");
      findings(out, s.findingsByRule(), examples);
    }
    if (!s.remediation().isEmpty()) {
      out.println();
      out.println("To grant what is missing (printed, not run; review before use):");
      int shown = 0;
      for (var r : s.remediation()) {
        if (shown++ == EXAMPLES_PER_RULE) {
          out.println("  … and " + (s.remediation().size() - EXAMPLES_PER_RULE) + " more (see the JSON report)");
          break;
        }
        out.println("  " + r.container() + ": " + String.join(", ", r.rights()) + " for "
            + Remedies.users(r));
        out.println("    " + (r.dsacls() != null ? r.dsacls() : r.powershell().replace("\n", "; ")));
        if (r.note() != null && r.container().startsWith("CN=AdminSDHolder")) {
          out.println("    note: " + r.note());
        }
      }
    }
  }

  private static String onOff(Object flag) {
    return flag == null ? "unknown" : Boolean.TRUE.equals(flag) ? "on" : "off";
  }

  private static String yesNo(boolean b) {
    return b ? "offered" : "MISSING";
  }
}
