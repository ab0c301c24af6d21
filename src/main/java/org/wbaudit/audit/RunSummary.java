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
 */
public record RunSummary(AuditSummary total, List<ForestOutcome> forests, AnchorSummary anchors) {
  public RunSummary {
    forests = List.copyOf(forests);
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
