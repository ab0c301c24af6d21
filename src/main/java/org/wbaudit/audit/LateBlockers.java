package org.wbaudit.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.rules.Operations;
import org.wbaudit.rules.RuleId;

/**
 * Blockers the run finds only when every forest has been read: an anchor value held by two or
 * more enabled objects stops writeback for each of them ("multiple matches"). Their objects were
 * reported before the duplicate was known; here each is counted against the users it stops, in
 * its forest's readiness (and so the run's), and named for the report to add to the objects.
 */
final class LateBlockers {
  private LateBlockers() {}

  /** The users stopped, by forest, each once, from the duplicates with two enabled holders. */
  static Map<String, Map<String, AnchorIndex.Standing>> stopped(List<AnchorIndex.Duplicate> duplicates) {
    Map<String, Map<String, AnchorIndex.Standing>> out = new LinkedHashMap<>();
    for (AnchorIndex.Duplicate d : duplicates) {
      if (d.enabledHolders() < 2) {
        continue;
      }
      for (AnchorIndex.Holder h : d.holders()) {
        if (h.enabled() && h.standing() != null) {
          out.computeIfAbsent(h.forest(), k -> new LinkedHashMap<>()).putIfAbsent(h.standing().subject(), h.standing());
        }
      }
    }
    return out;
  }

  /** The report's late blockers, by {@link RunSummary#lateKey}. */
  static Map<String, List<String>> byObject(Map<String, Map<String, AnchorIndex.Standing>> stopped) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    stopped.forEach((forest, users) -> users.keySet().forEach(subject ->
        out.put(RunSummary.lateKey(forest, subject), List.of(RuleId.DUPLICATE_ANCHOR))));
    return out;
  }

  /**
   * A forest's readiness with these users stopped: for each operation, one that was ready or
   * unknown is now not ready; for the first operation, the cause that decided it moves to the
   * duplicate anchor when nothing blocked it before.
   */
  static AuditSummary.Readiness apply(AuditSummary.Readiness r, Iterable<AnchorIndex.Standing> users,
      List<Operations.Operation> operations) {
    long ready = r.ready();
    long notReady = r.notReady();
    long unknown = r.unknown();
    Map<List<String>, Long> causes = new LinkedHashMap<>();
    r.causes().forEach(c -> causes.put(List.of(c.rule(), c.container()), c.users()));
    Map<String, long[]> ops = new LinkedHashMap<>();
    r.operations().forEach((id, o) -> ops.put(id, new long[] {o.ready(), o.notReady(), o.unknown()}));
    for (AnchorIndex.Standing u : users) {
      byte first = u.operations()[0];
      String container = u.container() == null ? "" : u.container();
      if (first == 0) {
        ready--;
        notReady++;
        causes.merge(List.of(RuleId.DUPLICATE_ANCHOR, container), 1L, Long::sum);
      } else if (first == 2) {
        unknown--;
        notReady++;
        causes.merge(List.of(u.firstBlocker(), container), -1L, Long::sum);
        causes.merge(List.of(RuleId.DUPLICATE_ANCHOR, container), 1L, Long::sum);
      }
      for (int i = 0; i < operations.size() && i < u.operations().length; i++) {
        long[] c = ops.get(operations.get(i).id());
        if (c != null && u.operations()[i] != 1) {
          c[u.operations()[i] == 0 ? 0 : 2]--;
          c[1]++;
        }
      }
    }
    List<AuditSummary.Cause> list = new ArrayList<>();
    causes.forEach((k, n) -> {
      if (n > 0) {
        list.add(new AuditSummary.Cause(k.get(0), k.get(1), n));
      }
    });
    list.sort(java.util.Comparator.comparingLong(AuditSummary.Cause::users).reversed()
        .thenComparing(AuditSummary.Cause::rule).thenComparing(AuditSummary.Cause::container));
    Map<String, AuditSummary.OperationReadiness> byOp = new LinkedHashMap<>();
    r.operations().forEach((id, o) -> {
      long[] c = ops.get(id);
      byOp.put(id, new AuditSummary.OperationReadiness(c[0], c[1], c[2], o.everyone()));
    });
    return new AuditSummary.Readiness(r.inScope(), ready, notReady, unknown, r.outOfScope(), list,
        r.everyone(), r.scopeUnknown(), byOp);
  }
}
