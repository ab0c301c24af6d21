package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.rules.Severity;

class ExitsTest {
  static AuditSummary summary(boolean complete, long high, long low) {
    return new AuditSummary(10, Map.of(), Map.of("high", high, "low", low), Map.of(), complete,
        complete ? List.of() : List.of("users after the first 5"), Instant.EPOCH, 1, 1, 1, 1, 0, List.of(), null, null, null);
  }

  @Test
  void resultsMapToExitCodes() {
    assertEquals(ExitCode.OK, Exits.of(summary(true, 0, 3), Severity.HIGH));
    assertEquals(ExitCode.FINDINGS, Exits.of(summary(true, 0, 3), Severity.LOW));
    assertEquals(ExitCode.FINDINGS, Exits.of(summary(true, 1, 0), Severity.HIGH));
    assertEquals(ExitCode.OK, Exits.of(summary(true, 1, 0), Severity.CRITICAL));
    assertEquals(ExitCode.INCOMPLETE, Exits.of(summary(false, 5, 0), Severity.HIGH),
        "an incomplete audit must not pass for a finished one, findings or not");
  }

  @Test
  void failuresMapToExitCodes() {
    for (DirectoryException.Kind k : DirectoryException.Kind.values()) {
      ExitCode code = Exits.of(new DirectoryException(k, "x", null, null));
      switch (k) {
        case SETTINGS, NOT_FOUND -> assertEquals(ExitCode.USAGE, code, k.name());
        case READ -> assertEquals(ExitCode.INCOMPLETE, code, k.name());
        default -> assertEquals(ExitCode.CONNECTION, code, k.name());
      }
    }
  }
}
