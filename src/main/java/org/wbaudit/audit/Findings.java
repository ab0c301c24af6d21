package org.wbaudit.audit;

import java.util.Map;
import java.util.function.Consumer;
import org.wbaudit.rules.RuleCatalog;

/**
 * Where checks put findings. Severity comes from the catalogue, so a check names only the rule.
 */
public final class Findings {
  private final RuleCatalog catalog;
  private final Consumer<Finding> sink;

  public Findings(RuleCatalog catalog, AuditSink sink) {
    this(catalog, sink::finding);
  }

  public Findings(RuleCatalog catalog, Consumer<Finding> sink) {
    this.catalog = catalog;
    this.sink = sink;
  }

  /** Emits a finding for {@code rule}; the rule must be in the catalogue. */
  public void emit(String rule, String dn, String message, Map<String, Object> details) {
    sink.accept(new Finding(rule, catalog.get(rule).severity(), dn, message, details));
  }

  /** Emits a finding at the rule's lesser severity (its milder case, named in the catalogue). */
  public void emitLesser(String rule, String dn, String message, Map<String, Object> details) {
    var r = catalog.get(rule);
    if (r.lesserSeverity() == null) {
      throw new IllegalArgumentException("rule " + rule + " has no lesserSeverity in the catalogue");
    }
    sink.accept(new Finding(rule, r.lesserSeverity(), dn, message, details));
  }
}
