package org.wbaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wbaudit.audit.AnchorAttribute;
import org.wbaudit.audit.Auditor;
import org.wbaudit.audit.ForestsAuditor;
import org.wbaudit.directory.DemoDirectory;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.rules.RuleCatalog;

/** Names from the directory never drive the terminal the text report is read on. */
class TerminalTextTest {
  static final String HOSTILE = "evil\u001b]0;owned\u0007\u001b[31mred\u009b2J\u202Etxt.exe\nline";

  /** Every char below 0x20 but newline and tab, DEL, C1, and the bidi overrides. */
  static void assertNoControls(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f
          || (c >= 0x80 && c <= 0x9f) || (c >= '\u202A' && c <= '\u202E');
      assertTrue(!control, "control character 0x" + Integer.toHexString(c) + " at " + i);
    }
  }

  @Test
  void escapesEveryControlCharacterAndLeavesTheRest() {
    assertEquals("a\\x1b]0;x\\x07b", TerminalText.escape("a\u001b]0;x\u0007b"));
    assertEquals("\\x9b\\u{202e}\\x0a", TerminalText.escape("\u009b\u202E\n"));
    assertEquals("CN=Ünïcode,OU=Fine", TerminalText.escape("CN=Ünïcode,OU=Fine"));
    StringWriter out = new StringWriter();
    PrintWriter w = new TerminalText(out);
    w.printf("%s|%d%n", "\u001b[2J", 3);
    w.println("x\u0007");
    w.flush();
    assertEquals("\\x1b[2J|3" + System.lineSeparator() + "x\\x07" + System.lineSeparator(), out.toString());
  }

  @Test
  void theTextReportOfAUserWithAnEscapeSequenceInItsNameIsInert() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      Entry e = new Entry(new com.unboundid.ldap.sdk.RDN("CN", HOSTILE).toString() + ",OU=Legal,"
          + DemoDirectory.BASE);
      e.addAttribute("objectClass", "top", "person", "organizationalPerson", "user");
      e.addAttribute("objectCategory", "person");
      e.addAttribute("sAMAccountName", HOSTILE);
      demo.server().add(e);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ReportAssembler a = new ReportAssembler(RuleCatalog.builtIn());
          DirectorySession s = DirectorySession.open(demo.settings())) {
        new ForestsAuditor(RuleCatalog.builtIn(), Clock.systemUTC(), "test", List.of(AnchorAttribute.values()))
            .run(List.of(new ForestsAuditor.Opened("corp", s,
                new Auditor.Options(null, DemoDirectory.SYNC_DN, 100, Auditor.Progress.NONE))), a);
        new TextReportWriter(bytes).render(a.model());
      }
      String text = bytes.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains("evil"), "the user is in the report");
      assertNoControls(text);
    }
  }

  @Test
  void aMessageCarryingRawControlsFromTheDirectoryIsPrintedEscaped() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ReportAssembler a = new ReportAssembler(RuleCatalog.builtIn())) {
      a.begin("test", java.time.Instant.EPOCH);
      a.finding(new org.wbaudit.audit.Finding("DUPLICATE_ANCHOR", org.wbaudit.rules.Severity.HIGH, null,
          "mail value " + HOSTILE + " is held by 2 objects", java.util.Map.of("attribute", "mail",
              "value", HOSTILE), "DUPLICATE_ANCHOR:mail:x", null, null));
      org.wbaudit.audit.AuditSummary s = new org.wbaudit.audit.AuditSummary(0, java.util.Map.of(
          "DUPLICATE_ANCHOR", 1L), java.util.Map.of("high", 1L), java.util.Map.of(), true, List.of(),
          java.time.Instant.EPOCH, 0, -1, -1, 0, 0, List.of(), null, null, null);
      a.end(new org.wbaudit.audit.RunSummary(s, List.of(), new org.wbaudit.audit.RunSummary.AnchorSummary(
          List.of("mail"), 2, 2, 1), null));
      new TextReportWriter(bytes).render(a.model());
      String text = bytes.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains("evil\\x1b]0;owned\\x07\\x1b[31mred\\x9b2J\\u{202e}txt.exe\\x0aline"), text);
      assertNoControls(text);
    }
  }
}
