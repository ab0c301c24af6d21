package org.wbaudit.audit;

/**
 * Receives the audit as it happens, so that results stream out instead of piling up: memory
 * stays bounded whatever the number of users. Report writers implement it.
 */
public interface AuditSink {
  /** Called once, before any object. */
  void begin(AuditHeader header);

  /** One user's result. */
  void object(ObjectResult result);

  /** One finding, in any order relative to objects. */
  void finding(Finding finding);

  /** Called once, last, even when the audit stopped part-way (then summary says so). */
  void end(AuditSummary summary);
}
