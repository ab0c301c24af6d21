package org.wbaudit.audit;

import java.time.Instant;

/**
 * Receives a whole run: one or more forests audited side by side, then what only the run as a
 * whole can find (anchors held in two forests). Report writers implement it.
 */
public interface RunSink {
  /** Called once, first. */
  void begin(String toolVersion, Instant startedAt);

  /** The sink of one forest's audit. May be called from several threads; must be thread-safe. */
  AuditSink forest(String name);

  /** A finding about the run as a whole (a duplicate anchor, a domain nobody audited). */
  void finding(Finding finding);

  /** Called once, last. */
  void end(RunSummary summary);
}
