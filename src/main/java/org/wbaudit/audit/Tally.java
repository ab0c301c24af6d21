package org.wbaudit.audit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.rules.Severity;

/**
 * Counts of findings (by rule and severity, accepted risks apart) and of right verdicts: one
 * kind of counter for a forest and for the run, which adds its forests' tallies to its own.
 * Not thread-safe: each forest's thread keeps its own.
 */
final class Tally {
  private final Map<String, Long> byRule = new LinkedHashMap<>();
  private final Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
  private final Map<WritebackRight, AuditSummary.RightCounts> rights = new EnumMap<>(WritebackRight.class);
  private long suppressed;
  private long inScope;
  private long ready;
  private long notReady;
  private long unknown;
  private long outOfScope;
  private long scopeUnknown;
  /** Per operation id: ready, not ready, unknown. */
  private final Map<String, long[]> byOperation = new LinkedHashMap<>();
  /** Per operation id: the findings that stop it for everyone. */
  private final Map<String, List<AuditSummary.Blocker>> everyoneByOperation = new LinkedHashMap<>();
  /** Users not ready or unknown, per (first blocker, container). */
  private final Map<List<String>, Long> causes = new LinkedHashMap<>();
  private final List<AuditSummary.Blocker> everyone = new java.util.ArrayList<>();

  /** Counts a finding that accepted risks have already marked. */
  void finding(Finding f) {
    if (f.suppression() != null) {
      suppressed++;
    } else {
      byRule.merge(f.rule(), 1L, Long::sum);
      bySeverity.merge(f.severity(), 1L, Long::sum);
    }
  }

  /** Counts one user's verdict for a right: granted, not granted, or unknown (null). */
  void verdict(WritebackRight right, Boolean granted) {
    AuditSummary.RightCounts c = rights.getOrDefault(right, AuditSummary.RightCounts.NONE);
    rights.put(right, c.plus(granted));
  }

  /** A user out of the sync scope: read and reported, never judged. */
  void outOfScope() {
    outOfScope++;
  }

  /** A user whose sync scope a rule of the sync engine leaves undecided: reported, never judged. */
  void scopeUnknown() {
    scopeUnknown++;
  }

  /**
   * One in-scope user's readiness.
   *
   * @param verdict true, false, or null for unknown
   * @param firstBlocker the rule that decided it when not true
   * @param container where the user is (its parent's DN)
   */
  void readiness(Boolean verdict, String firstBlocker, String container) {
    inScope++;
    if (Boolean.TRUE.equals(verdict)) {
      ready++;
      return;
    }
    if (verdict == null) {
      unknown++;
    } else {
      notReady++;
    }
    causes.merge(List.of(firstBlocker, container == null ? "" : container), 1L, Long::sum);
  }

  /**
   * One in-scope user's readiness for every operation: the first operation's is the one counted
   * by cause and container.
   */
  void readiness(UserReadiness r, List<org.wbaudit.rules.Operations.Operation> operations, String container) {
    readiness(r.ready(0), r.firstBlocker(0), container);
    for (int i = 0; i < operations.size(); i++) {
      long[] c = byOperation.computeIfAbsent(operations.get(i).id(), k -> new long[3]);
      Boolean ready = r.ready(i);
      c[Boolean.TRUE.equals(ready) ? 0 : ready == null ? 2 : 1]++;
    }
  }

  /**
   * A finding that stops writeback for every in-scope user at once: of the first operation (the
   * summary's everyone) when {@code operation} is, and of each operation it names.
   */
  void everyone(AuditSummary.Blocker b, String operation, boolean primary) {
    if (primary) {
      everyone.add(b);
    }
    everyoneByOperation.computeIfAbsent(operation, k -> new ArrayList<>()).add(b);
  }

  long inScope() {
    return inScope;
  }

  AuditSummary.Readiness readiness() {
    List<AuditSummary.Cause> list = new java.util.ArrayList<>();
    causes.forEach((k, n) -> list.add(new AuditSummary.Cause(k.get(0), k.get(1), n)));
    list.sort(java.util.Comparator.comparingLong(AuditSummary.Cause::users).reversed()
        .thenComparing(AuditSummary.Cause::rule).thenComparing(AuditSummary.Cause::container));
    Map<String, AuditSummary.OperationReadiness> ops = new LinkedHashMap<>();
    java.util.Set<String> ids = new java.util.LinkedHashSet<>(byOperation.keySet());
    ids.addAll(everyoneByOperation.keySet());
    for (String id : ids) {
      long[] c = byOperation.getOrDefault(id, new long[3]);
      ops.put(id, new AuditSummary.OperationReadiness(c[0], c[1], c[2],
          everyoneByOperation.getOrDefault(id, List.of())));
    }
    return new AuditSummary.Readiness(inScope, ready, notReady, unknown, outOfScope, list, everyone,
        scopeUnknown, ops);
  }

  /** Adds another tally's counts (a forest's, into the run's). */
  void add(AuditSummary s) {
    AuditSummary.Readiness users = s.readiness();
    inScope += users.inScope();
    ready += users.ready();
    notReady += users.notReady();
    unknown += users.unknown();
    outOfScope += users.outOfScope();
    scopeUnknown += users.scopeUnknown();
    users.causes().forEach(c -> causes.merge(List.of(c.rule(), c.container()), c.users(), Long::sum));
    everyone.addAll(users.everyone());
    users.operations().forEach((id, o) -> {
      long[] c = byOperation.computeIfAbsent(id, k -> new long[3]);
      c[0] += o.ready();
      c[1] += o.notReady();
      c[2] += o.unknown();
      everyoneByOperation.computeIfAbsent(id, k -> new ArrayList<>()).addAll(o.everyone());
    });
    s.findingsByRule().forEach((k, v) -> byRule.merge(k, v, Long::sum));
    s.findingsBySeverity().forEach((k, v) -> bySeverity.merge(Severity.parse(k), v, Long::sum));
    for (WritebackRight r : WritebackRight.PER_USER) {
      AuditSummary.RightCounts c = s.rights().get(r.key());
      if (c != null) {
        rights.merge(r, c, AuditSummary.RightCounts::plus);
      }
    }
    suppressed += s.findingsSuppressed();
  }

  /** Adds another tally's counts (the run's own findings, after its forests'). */
  void add(Tally other) {
    other.byRule.forEach((k, v) -> byRule.merge(k, v, Long::sum));
    other.bySeverity.forEach((k, v) -> bySeverity.merge(k, v, Long::sum));
    other.rights.forEach((k, v) -> rights.merge(k, v, AuditSummary.RightCounts::plus));
    suppressed += other.suppressed;
  }

  Map<String, Long> byRule() {
    return byRule;
  }

  /** Every severity, zero where nothing was found, by label. */
  Map<String, Long> bySeverity() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      out.put(s.label(), bySeverity.getOrDefault(s, 0L));
    }
    return out;
  }

  /** Per right key, in report order; rights no user was judged for are absent. */
  Map<String, AuditSummary.RightCounts> rights() {
    Map<String, AuditSummary.RightCounts> out = new LinkedHashMap<>();
    for (WritebackRight r : WritebackRight.PER_USER) {
      AuditSummary.RightCounts c = rights.get(r);
      if (c != null) {
        out.put(r.key(), c);
      }
    }
    return out;
  }

  long suppressed() {
    return suppressed;
  }
}
