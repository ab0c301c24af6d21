package org.wbaudit.cli;

import org.wbaudit.audit.AuditSummary;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.rules.Severity;

/** The one place failures and results become exit codes. */
final class Exits {
  private Exits() {}

  static ExitCode of(DirectoryException e) {
    return switch (e.kind()) {
      case SETTINGS, NOT_FOUND -> ExitCode.USAGE;
      case CONNECT, TLS, NOT_ACTIVE_DIRECTORY, BIND -> ExitCode.CONNECTION;
      case READ -> ExitCode.INCOMPLETE;
    };
  }

  /** Incomplete beats findings: a partial audit must not pass as a clean one. */
  static ExitCode of(AuditSummary s, Severity failOn) {
    if (!s.complete()) {
      return ExitCode.INCOMPLETE;
    }
    for (Severity sev : Severity.values()) {
      if (sev.atLeast(failOn) && s.findingsBySeverity().getOrDefault(sev.label(), 0L) > 0) {
        return ExitCode.FINDINGS;
      }
    }
    return ExitCode.OK;
  }
}
