package org.wbaudit.audit;

import java.time.Instant;
import java.util.Arrays;

/**
 * Marks each finding new or unchanged against a baseline on its way to the report, and tells
 * the report at the end which of the baseline's findings are gone. Remembers the digests of
 * the ids seen (eight bytes a finding), never the findings.
 */
public final class BaselineComparison implements RunSink {
  private final RunSink next;
  private final Baseline baseline;
  private long[] seen = new long[1024];
  private int seenCount;
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
    if (seenCount == seen.length) {
      seen = Arrays.copyOf(seen, seen.length * 2);
    }
    long d = Baseline.digest(id);
    seen[seenCount++] = d;
    if (baseline.containsDigest(d)) {
      unchanged++;
      return f.withChange("unchanged");
    }
    added++;
    return f.withChange("new");
  }

  @Override
  public synchronized void end(RunSummary summary) {
    long[] ids = Arrays.copyOf(seen, seenCount);
    Arrays.sort(ids);
    var resolved = baseline.missingFrom(d -> Arrays.binarySearch(ids, d) >= 0);
    next.end(summary.withDiff(new RunSummary.BaselineDiff(baseline.name(), baseline.startedAt(),
        added, unchanged, resolved)));
  }
}
