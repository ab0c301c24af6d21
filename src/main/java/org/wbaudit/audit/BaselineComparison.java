package org.wbaudit.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Marks each finding new or unchanged against a baseline on its way to the report, and tells
 * the report at the end which of the baseline's findings are gone. Remembers the ids seen
 * (one string per finding), never the findings.
 */
public final class BaselineComparison implements RunSink {
  private final RunSink next;
  private final Baseline baseline;
  private final Set<String> seen = new HashSet<>();
  private long added;
  private long unchanged;

  public BaselineComparison(RunSink next, Baseline baseline) {
    this.next = next;
    this.baseline = baseline;
  }

  @Override
  public void begin(String toolVersion, Instant startedAt) {
    next.begin(toolVersion, startedAt);
  }

  @Override
  public AuditSink forest(String name) {
    return ForwardingSink.findings(next.forest(name), f -> mark(Baseline.id(name, f), f));
  }

  @Override
  public void finding(Finding f) {
    next.finding(mark(Baseline.id(null, f), f));
  }

  private synchronized Finding mark(String id, Finding f) {
    seen.add(id);
    if (baseline.findings().containsKey(id)) {
      unchanged++;
      return f.withChange("unchanged");
    }
    added++;
    return f.withChange("new");
  }

  @Override
  public synchronized void end(RunSummary summary) {
    List<Baseline.Entry> resolved = new ArrayList<>();
    baseline.findings().forEach((id, e) -> {
      if (!seen.contains(id)) {
        resolved.add(e);
      }
    });
    next.end(summary.withDiff(new RunSummary.BaselineDiff(baseline.name(), baseline.startedAt(),
        added, unchanged, resolved)));
  }
}
