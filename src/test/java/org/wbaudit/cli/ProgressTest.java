package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.wbaudit.audit.Auditor;

/** Progress goes to standard error, per forest, only on a terminal and never with --quiet. */
class ProgressTest {
  @Test
  void aTerminalSeesUsersReadAndTheRatePerForest() {
    StringWriter err = new StringWriter();
    Auditor.Progress p = new OutputOptions().progress(new PrintWriter(err), true, "fabrikam");
    p.usersRead(1000);
    p.finished(1234);
    assertTrue(err.toString().contains("\rfabrikam: users read: 1000 ("), err.toString());
    assertTrue(err.toString().contains("fabrikam: users read: 1234 (") && err.toString().contains("/s)"),
        err.toString());
    assertTrue(err.toString().endsWith(System.lineSeparator()), "the line is ended for what follows");
  }

  @Test
  void quietOrNotATerminalShowsNothing() {
    StringWriter err = new StringWriter();
    OutputOptions quiet = new OutputOptions();
    quiet.quiet = true;
    quiet.progress(new PrintWriter(err), true, "corp").usersRead(1000);
    new OutputOptions().progress(new PrintWriter(err), false, "corp").usersRead(1000);
    assertEquals("", err.toString());
  }
}
