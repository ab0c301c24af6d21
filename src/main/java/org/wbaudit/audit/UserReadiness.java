package org.wbaudit.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.rules.Operations;
import org.wbaudit.rules.Readiness;
import org.wbaudit.rules.Rule;
import org.wbaudit.rules.RuleCatalog;

/**
 * One user's readiness for each writeback operation, gathered from the findings made about it:
 * a finding blocks an operation, makes it unknown, or leaves it alone, as its rule says for that
 * operation ({@link Rule#readinessFor}). Ready when nothing stops it, not ready when something
 * blocks it, unknown when something that decides it cannot be seen.
 */
final class UserReadiness {
  private final RuleCatalog catalog;
  private final List<Operations.Operation> operations;
  private final List<List<String>> blockers = new ArrayList<>();
  /** The first rule that blocks each operation; null while none does. */
  private final String[] firstBlocking;

  UserReadiness(RuleCatalog catalog, List<Operations.Operation> operations) {
    this.catalog = catalog;
    this.operations = operations;
    this.firstBlocking = new String[operations.size()];
    operations.forEach(o -> blockers.add(new ArrayList<>()));
  }

  /** Takes a finding about the user into account. */
  void consider(Finding f) {
    Rule rule = catalog.get(f.rule());
    Object right = f.details() == null ? null : f.details().get("right");
    for (int i = 0; i < operations.size(); i++) {
      Readiness effect = rule.readinessFor(operations.get(i), right == null ? null : right.toString());
      if (effect != Readiness.NONE && !blockers.get(i).contains(rule.id())) {
        blockers.get(i).add(rule.id());
        if (effect == Readiness.BLOCKS && firstBlocking[i] == null) {
          firstBlocking[i] = rule.id();
        }
      }
    }
  }

  /** True, false, or null (unknown) for the operation at {@code index}. */
  Boolean ready(int index) {
    return blockers.get(index).isEmpty() ? Boolean.TRUE : firstBlocking[index] != null ? Boolean.FALSE : null;
  }

  List<String> blockers(int index) {
    return blockers.get(index);
  }

  /** The blocker that decided the operation: the first that blocks, else the first unknown. */
  String firstBlocker(int index) {
    List<String> b = blockers.get(index);
    return b.isEmpty() ? null : firstBlocking[index] != null ? firstBlocking[index] : b.get(0);
  }

  /** Where the user stands, for a blocker found only at the end of the run (a duplicate anchor). */
  AnchorIndex.Standing standing(String subject, String container) {
    byte[] ops = new byte[operations.size()];
    for (int i = 0; i < ops.length; i++) {
      Boolean r = ready(i);
      ops[i] = (byte) (Boolean.TRUE.equals(r) ? 0 : r == null ? 2 : 1);
    }
    return new AnchorIndex.Standing(subject, ops, firstBlocker(0), container);
  }

  /** Every operation's verdict, by its id, in catalogue order. */
  Map<String, ObjectResult.OperationVerdict> verdicts() {
    Map<String, ObjectResult.OperationVerdict> out = new LinkedHashMap<>();
    for (int i = 0; i < operations.size(); i++) {
      out.put(operations.get(i).id(), new ObjectResult.OperationVerdict(ready(i), blockers.get(i)));
    }
    return out;
  }
}
