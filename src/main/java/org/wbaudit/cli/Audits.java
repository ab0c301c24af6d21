package org.wbaudit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.Auditor;
import org.wbaudit.directory.ConnectionSettings;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.rules.RuleCatalog;

/** The one way commands run an audit: open the session, audit into the output, pick the exit code. */
final class Audits {
  private Audits() {}

  /** Opens a session (wiping the password from memory once bound), audits, writes the report. */
  static ExitCode run(ConnectionSettings settings, Auditor.Options options, OutputOptions output,
      PrintWriter stdout) throws IOException {
    DirectorySession session;
    try {
      session = DirectorySession.open(settings);
    } catch (DirectoryException e) {
      throw new UserError(Exits.of(e), e.getMessage());
    } finally {
      settings.wipePassword();
    }
    try (session) {
      AuditSummary summary = output.write(stdout, sink ->
          new Auditor(RuleCatalog.builtIn(), Clock.systemUTC(), Main.version())
              .run(session, options, sink));
      return Exits.of(summary, output.failOn());
    }
  }
}
