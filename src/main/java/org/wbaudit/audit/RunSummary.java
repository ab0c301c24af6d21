package org.wbaudit.audit;

import java.util.List;
import org.wbaudit.directory.DirectoryException;

/**
 * The run in figures.
 *
 * @param total every forest's summary added up, with the run's own findings; complete only when
 *     every forest is
 * @param forests each forest's outcome, in the order they were given
 * @param anchors what the duplicate-anchor check looked at
 * @param diff the comparison with a baseline report; null without one
 * @param syncEngine the sync engine whose configuration decided the scope and principal, as the
 *     report states it; null when the admin gave them
 * @param lateBlockers rules that stop users, found only when the run ended (a duplicate anchor
 *     with two enabled holders), by {@link #lateKey}: the objects as the forests reported them
 *     lack them, and the report adds them
 */
public record RunSummary(AuditSummary total, List<ForestOutcome> forests, AnchorSummary anchors,
    BaselineDiff diff, java.util.Map<String, Object> syncEngine,
    java.util.Map<String, List<String>> lateBlockers) {
  public RunSummary {
    forests = List.copyOf(forests);
    lateBlockers = lateBlockers == null ? java.util.Map.of() : java.util.Map.copyOf(lateBlockers);
  }

  /** A run whose scope and principal the admin gave. */
  public RunSummary(AuditSummary total, List<ForestOutcome> forests, AnchorSummary anchors,
      BaselineDiff diff) {
    this(total, forests, anchors, diff, null, null);
  }

  /** The key of a user in {@code lateBlockers}: its forest and its subject (GUID, else DN). */
  public static String lateKey(String forest, String subject) {
    return forest + "\u0000" + subject;
  }

  /** The late blockers of one object of the report; empty for most. */
  public List<String> lateBlockersOf(ObjectResult o) {
    if (lateBlockers.isEmpty()) {
      return List.of();
    }
    String subject = o.objectGuid() != null ? o.objectGuid() : o.dn().toLowerCase(java.util.Locale.ROOT);
    return lateBlockers.getOrDefault(lateKey(o.forest(), subject), List.of());
  }

  /**
   * One forest: its summary, or why it could not be audited at all.
   *
   * @param summary null when the audit could not start
   * @param error null when it ran
   * @param cause the directory failure behind {@code error}; null when it ran or the failure
   *     was not the directory's
   */
  public record ForestOutcome(String name, String url, AuditSummary summary, String error,
      DirectoryException cause) {}

  /**
   * Against a baseline report: findings keyed by their stable ids.
   *
   * @param baseline the baseline report's file name
   * @param baselineStartedAt when the baseline's run started
   * @param added findings now that the baseline lacks
   * @param unchanged findings in both
   * @param resolved the baseline's findings that are gone, as the baseline reported them
   */
  public record BaselineDiff(String baseline, String baselineStartedAt, long added, long unchanged,
      List<Baseline.Entry> resolved) {
    public BaselineDiff {
      resolved = List.copyOf(resolved);
    }
  }

  public RunSummary withDiff(BaselineDiff d) {
    return new RunSummary(total, forests, anchors, d, syncEngine, lateBlockers);
  }

  /**
   * @param attributes the anchor attributes compared
   * @param distinctValues distinct (attribute, value) pairs seen
   * @param holders (object, value) pairs seen
   * @param duplicates values held by more than one object
   */
  public record AnchorSummary(List<String> attributes, long distinctValues, long holders,
      long duplicates) {
    public AnchorSummary {
      attributes = List.copyOf(attributes);
    }
  }
}
