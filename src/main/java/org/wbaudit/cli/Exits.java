package org.wbaudit.cli;

import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.RunSummary;
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

  /**
   * A forest that could not be opened or audited decides first (connection 3, configuration 2,
   * else incomplete 4); then the run's summary.
   */
  static ExitCode of(RunSummary run, Severity failOn) {
    for (RunSummary.ForestOutcome o : run.forests()) {
      if (o.summary() == null) {
        return o.cause() != null ? of(o.cause()) : ExitCode.INCOMPLETE;
      }
    }
    return of(run.total(), failOn);
  }

  /**
   * The line standard error gets when the run did not end well, so that a scheduler's log says
   * why without opening the report; null when it did (0 or 1).
   */
  static String why(RunSummary run, ExitCode code) {
    if (code != ExitCode.CONNECTION && code != ExitCode.USAGE && code != ExitCode.INCOMPLETE) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (RunSummary.ForestOutcome o : run.forests()) {
      if (o.summary() == null) {
        b.append(b.length() > 0 ? "; " : "").append("forest ").append(o.name()).append(" was not audited: ")
            .append(o.error());
      }
    }
    if (b.length() == 0 && !run.total().complete()) {
      b.append("the audit is incomplete, missing: ").append(String.join("; ", run.total().missing()));
    }
    return b.length() == 0 ? null : b.toString();
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
