package org.wbaudit.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.AuditSink;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.Finding;
import org.wbaudit.audit.ObjectResult;

/**
 * The summary for people on a terminal: who was audited where, counts, and the first findings of
 * each rule (a bounded number, so memory stays flat on large domains).
 */
public final class TextReportWriter implements AuditSink {
  static final int EXAMPLES_PER_RULE = 5;

  private final PrintWriter out;
  private final Map<String, List<Finding>> examples = new LinkedHashMap<>();
  private AuditHeader header;

  public TextReportWriter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void begin(AuditHeader h) {
    this.header = h;
  }

  @Override
  public void object(ObjectResult result) {
    // Per-user detail belongs in the JSON report; the text view summarises.
  }

  @Override
  public void finding(Finding f) {
    List<Finding> list = examples.computeIfAbsent(f.rule(), k -> new ArrayList<>());
    if (list.size() < EXAMPLES_PER_RULE) {
      list.add(f);
    }
  }

  @Override
  public void end(AuditSummary s) {
    AuditHeader h = header;
    out.println("wbaudit " + h.toolVersion() + " — password writeback readiness");
    out.println("  domain controller: " + h.dc().url()
        + (h.dc().dnsHostName() != null ? " (" + h.dc().dnsHostName() + ")" : ""));
    out.println("  domain:            " + h.domainDn() + " (" + h.domainSid() + ")");
    out.println("  audited principal: " + h.principalDn() + " (" + h.principalSid() + ")");
    out.println("  token (" + h.tokenMethod() + "): " + String.join(", ",
        h.token().stream().map(AuditHeader.TokenEntry::name).toList()));
    out.println("  policy hints control: 2066 " + yesNo(h.dc().policyHints2066())
        + ", 2239 " + yesNo(h.dc().policyHints2239()));
    out.println("  unexpire password on the domain: " + h.unexpirePassword());
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
      s.findingsByRule().forEach((rule, n) -> {
        List<Finding> ex = examples.getOrDefault(rule, List.of());
        String severity = ex.isEmpty() ? "" : ex.get(0).severity().label();
        out.printf("  %-32s %-8s %d%n", rule, severity, n);
        for (Finding f : ex) {
          out.println("      " + (f.dn() != null ? f.dn() + ": " : "") + f.message());
        }
        if (n > ex.size()) {
          out.println("      … and " + (n - ex.size()) + " more (see the JSON report)");
        }
      });
    }
    if (!s.complete()) {
      out.println();
      out.println("THE AUDIT IS INCOMPLETE. Missing:");
      s.missing().forEach(m -> out.println("  - " + m));
    }
    out.flush();
  }

  private static String yesNo(boolean b) {
    return b ? "offered" : "MISSING";
  }
}
