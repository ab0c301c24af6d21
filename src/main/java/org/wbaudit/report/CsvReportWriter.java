package org.wbaudit.report;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.AuditSink;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.Finding;
import org.wbaudit.audit.ObjectResult;
import org.wbaudit.audit.RightVerdict;
import org.wbaudit.audit.RunSink;
import org.wbaudit.audit.RunSummary;

/**
 * One row per user for spreadsheets (RFC 4180): the four writeback rights and the flags, rows
 * streamed as users are judged. A cell that a spreadsheet would run as a formula (starting with
 * =, +, -, @, tab or carriage return) is prefixed with an apostrophe: DNs come from the directory,
 * and anyone who can name an object can choose them.
 */
public final class CsvReportWriter implements RunSink {
  static final List<String> COLUMNS = List.of("forest", "dn", "objectGuid", "userPrincipalName",
      "samAccountName", "objectClass", "enabled", "lockedOut", "adminCount", "inheritanceDisabled",
      "descriptor", "resetPassword", "changePassword", "writeLockoutTime", "writePwdLastSet",
      "resetPasswordAce", "resetPasswordReason");

  private final PrintWriter out;

  public CsvReportWriter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void begin(String toolVersion, Instant startedAt) {
    row(COLUMNS);
  }

  @Override
  public AuditSink forest(String name) {
    return new AuditSink() {
      @Override
      public void begin(AuditHeader header) {}

      @Override
      public void object(ObjectResult o) {
        RightVerdict reset = o.rights().get("resetPassword");
        CsvReportWriter.this.row(List.of(o.forest(), o.dn(), str(o.objectGuid()),
            str(o.userPrincipalName()), str(o.samAccountName()), str(o.objectClass()),
            String.valueOf(o.enabled()), String.valueOf(o.lockedOut()), String.valueOf(o.adminCount()),
            String.valueOf(o.inheritanceDisabled()), o.descriptor(), verdict(o, "resetPassword"),
            verdict(o, "changePassword"), verdict(o, "writeLockoutTime"), verdict(o, "writePwdLastSet"),
            reset == null ? "" : str(reset.ace()), reset == null ? "" : str(reset.reason())));
      }

      @Override
      public void finding(Finding finding) {}

      @Override
      public void end(AuditSummary summary) {}
    };
  }

  @Override
  public void finding(Finding finding) {}

  @Override
  public synchronized void end(RunSummary summary) {
    out.flush();
  }

  private static String verdict(ObjectResult o, String right) {
    RightVerdict v = o.rights().get(right);
    if (v == null || v.granted() == null) {
      return "unknown";
    }
    return v.granted() ? "granted" : "not-granted";
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  private synchronized void row(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(cell(cells.get(i)));
    }
    out.print(b);
    out.print("\r\n");
  }

  static String cell(String v) {
    String s = v == null ? "" : v;
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      s = '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
