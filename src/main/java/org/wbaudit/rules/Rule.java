package org.wbaudit.rules;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the rule catalogue: a stable id and what a person needs to act on a finding.
 *
 * @param id stable identifier, such as RESET_PASSWORD_NOT_GRANTED; reports and baselines key on it
 * @param severity default severity of its findings
 * @param scope what a finding concerns: user, principal (the audited account), domain, dc,
 *     anchor or run
 * @param title one line
 * @param description what it means and why writeback cares
 * @param remediation what to do
 * @param events event IDs of the writeback service this rule can explain; may be empty
 * @param lesserSeverity the severity of its milder case, when the rule has one (a duplicate
 *     anchor with one enabled holder); null otherwise
 * @param readiness what its finding does to the readiness of the users it concerns: for a rule
 *     about one user, that user's; for a rule about a DC, a domain or the connector account,
 *     every user's at once; for each writeback operation unless {@code operations} says otherwise
 * @param right the right its findings are about (a key such as resetPassword): they stop only
 *     the operations that need it; null when the rule is about no one right (a finding may then
 *     name one in its details)
 * @param operations what a finding does to each operation ({@link Operations}) where that is
 *     not {@code readiness}
 * @param sources the pages the rule's facts come from
 */
public record Rule(
    String id,
    Severity severity,
    String scope,
    String title,
    String description,
    String remediation,
    List<Integer> events,
    Severity lesserSeverity,
    Readiness readiness,
    String right,
    Map<String, Readiness> operations,
    List<String> sources) {
  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(readiness, "readiness");
    events = events == null ? List.of() : List.copyOf(events);
    operations = operations == null ? Map.of() : Map.copyOf(operations);
    sources = sources == null ? List.of() : List.copyOf(sources);
  }

  /** A rule whose findings affect every operation alike. */
  public Rule(String id, Severity severity, String scope, String title, String description,
      String remediation, List<Integer> events, Severity lesserSeverity, Readiness readiness) {
    this(id, severity, scope, title, description, remediation, events, lesserSeverity, readiness,
        null, Map.of(), List.of());
  }

  /**
   * What a finding of this rule does to {@code operation}'s readiness.
   *
   * @param findingRight the right the finding names in its details; null when none
   */
  public Readiness readinessFor(Operations.Operation operation, String findingRight) {
    String about = right != null ? right : findingRight;
    if (about != null && !operation.rights().contains(about)) {
      return Readiness.NONE;
    }
    return operations.getOrDefault(operation.id(), readiness);
  }
}
