package org.wbaudit.rules;

import java.util.List;
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
 *     every user's at once
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
    Readiness readiness) {
  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(readiness, "readiness");
    events = events == null ? List.of() : List.copyOf(events);
  }
}
