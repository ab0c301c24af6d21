package org.wbaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.audit.ObjectResult;
import org.wbaudit.audit.RightVerdict;

/**
 * One row per user for spreadsheets (RFC 4180): the flags and the writeback rights, in the
 * order the run judged the users. A cell that a spreadsheet would run as a formula (starting with
 * =, +, -, @, tab or carriage return) is prefixed with an apostrophe: DNs come from the directory,
 * and anyone who can name an object can choose them.
 */
public final class CsvReportWriter implements ReportRenderer {
  static final List<String> COLUMNS = columns();

  private final PrintWriter out;

  public CsvReportWriter(OutputStream target) {
    this.out = new PrintWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8));
  }

  /**
   * The user's columns, then one per right (from WritebackRight), then how Reset Password was
   * decided: the outcome's code and the deciding ACE with its index. The sentence explaining it
   * is the same for every user sharing a descriptor; it is in the JSON and HTML reports, not
   * repeated on every row.
   */
  private static List<String> columns() {
    List<String> c = new ArrayList<>(List.of("forest", "dn", "objectGuid", "userPrincipalName",
        "samAccountName", "objectClass", "enabled", "lockedOut", "adminCount",
        "inheritanceDisabled", "descriptor"));
    WritebackRight.PER_USER.forEach(r -> c.add(r.key()));
    c.add(WritebackRight.RESET_PASSWORD.key() + "Outcome");
    c.add(WritebackRight.RESET_PASSWORD.key() + "AceIndex");
    c.add(WritebackRight.RESET_PASSWORD.key() + "Ace");
    c.addAll(List.of("inScope", "scopeReason", "ready", "blockers"));
    return List.copyOf(c);
  }

  @Override
  public void render(ReportModel model) throws IOException {
    row(COLUMNS);
    model.objects(o -> {
      RightVerdict reset = o.rights().get(WritebackRight.RESET_PASSWORD.key());
      List<String> cells = new ArrayList<>(List.of(o.forest(), o.dn(), str(o.objectGuid()),
          str(o.userPrincipalName()), str(o.samAccountName()), str(o.objectClass()),
          String.valueOf(o.enabled()), String.valueOf(o.lockedOut()), String.valueOf(o.adminCount()),
          String.valueOf(o.inheritanceDisabled()), o.descriptor()));
      WritebackRight.PER_USER.forEach(r -> cells.add(verdict(o, r.key())));
      cells.add(reset == null ? "" : str(reset.outcome()));
      cells.add(reset == null ? "" : str(reset.aceIndex()));
      cells.add(reset == null ? "" : str(reset.ace()));
      cells.add(o.inScope() == null ? "unknown" : String.valueOf(o.inScope()));
      cells.add(str(o.scopeReason()));
      cells.add(o.ready() == null ? (Boolean.TRUE.equals(o.inScope()) ? "unknown" : "") : String.valueOf(o.ready()));
      cells.add(String.join(" ", o.blockers()));
      row(cells);
    });
    if (!model.run().total().complete()) {
      // A spreadsheet has no summary: the last row says the audit saw less than everything.
      List<String> last = new ArrayList<>(java.util.Collections.nCopies(COLUMNS.size(), ""));
      last.set(0, "#INCOMPLETE");
      last.set(1, "the audit did not see everything: " + String.join("; ", model.run().total().missing()));
      row(last);
    }
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

  private void row(List<String> cells) {
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
