package org.wbaudit.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.RunSummary;

/**
 * One run as a trend shows it: when it started, whether it was complete, the share of in-scope
 * users ready per forest, and the findings by severity.
 *
 * @param finishedAt when it finished; null when its report did not say
 * @param readyPercent per forest, in the run's order; null for a forest with no user in scope
 *     or not audited
 */
public record TrendPoint(String startedAt, String finishedAt, boolean complete, Map<String, Double> readyPercent,
    Map<String, Long> bySeverity) {
  public TrendPoint {
    // LinkedHashMap, not Map.copyOf: a forest without users in scope has no percentage (null).
    readyPercent = Collections.unmodifiableMap(new LinkedHashMap<>(readyPercent));
    bySeverity = Collections.unmodifiableMap(new LinkedHashMap<>(bySeverity));
  }

  /** The percentage of in-scope users ready; null when none is in scope. */
  public static Double percent(long ready, long inScope) {
    return inScope == 0 ? null : 100.0 * ready / inScope;
  }

  /** The run a model holds. */
  static TrendPoint of(ReportModel model) {
    RunSummary run = model.run();
    Map<String, Double> ready = new LinkedHashMap<>();
    for (RunSummary.ForestOutcome o : run.forests()) {
      AuditSummary s = o.summary();
      ready.put(o.name(), s == null ? null : percent(s.readiness().ready(), s.readiness().inScope()));
    }
    return new TrendPoint(String.valueOf(model.startedAt()), String.valueOf(run.total().finishedAt()),
        run.total().complete(), ready,
        run.total().findingsBySeverity());
  }
}
