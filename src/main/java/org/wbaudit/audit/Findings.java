package org.wbaudit.audit;

import java.util.Map;
import org.wbaudit.rules.RuleCatalog;

/**
 * Where checks put findings. Severity comes from the catalogue, so a check names only the rule.
 */
public final class Findings {
  private final RuleCatalog catalog;
  private final AuditSink sink;

  public Findings(RuleCatalog catalog, AuditSink sink) {
    this.catalog = catalog;
    this.sink = sink;
  }

  /** Emits a finding for {@code rule}; the rule must be in the catalogue. */
  public void emit(String rule, String dn, String message, Map<String, Object> details) {
    sink.finding(new Finding(rule, catalog.get(rule).severity(), dn, message, details));
  }
}
