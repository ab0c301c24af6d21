package org.wbaudit.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts and completeness, known at the end.
 *
 * @param usersRead users the audit received and judged
 * @param findingsByRule count per rule id
 * @param findingsBySeverity count per severity label
 * @param rights per right key: how many users have it granted, not granted, unknown
 * @param complete false when part of the audit is missing; {@code missing} says which part
 * @param highestCommittedUsnBefore the DC's highestCommittedUSN when the audit started
 * @param highestCommittedUsnAfter and when it ended: equal unless something else wrote
 */
public record AuditSummary(
    long usersRead,
    Map<String, Long> findingsByRule,
    Map<String, Long> findingsBySeverity,
    Map<String, RightCounts> rights,
    boolean complete,
    List<String> missing,
    Instant finishedAt,
    long durationMillis,
    long highestCommittedUsnBefore,
    long highestCommittedUsnAfter,
    long distinctDescriptors,
    long findingsSuppressed,
    List<Remediation> remediation) {

  /** How a right came out across users. */
  public record RightCounts(long granted, long notGranted, long unknown) {
    static final RightCounts NONE = new RightCounts(0, 0, 0);

    /** One more verdict: granted, not granted, or unknown (null). */
    RightCounts plus(Boolean verdict) {
      return verdict == null ? new RightCounts(granted, notGranted, unknown + 1)
          : verdict ? new RightCounts(granted + 1, notGranted, unknown)
          : new RightCounts(granted, notGranted + 1, unknown);
    }

    RightCounts plus(RightCounts o) {
      return new RightCounts(granted + o.granted, notGranted + o.notGranted, unknown + o.unknown);
    }
  }

  public AuditSummary {
    findingsByRule = Collections.unmodifiableMap(new LinkedHashMap<>(findingsByRule));
    findingsBySeverity = Collections.unmodifiableMap(new LinkedHashMap<>(findingsBySeverity));
    rights = Collections.unmodifiableMap(new LinkedHashMap<>(rights));
    missing = List.copyOf(missing);
    remediation = List.copyOf(remediation);
  }
}
