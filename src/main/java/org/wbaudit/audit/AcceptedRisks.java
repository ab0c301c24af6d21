package org.wbaudit.audit;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Findings an organisation has accepted, each until a date: a covered finding stays in the
 * report, marked suppressed with its justification, and no longer counts towards the exit code.
 * An expired acceptance covers nothing and is itself reported.
 */
public final class AcceptedRisks {
  /**
   * One accepted risk.
   *
   * @param rule the rule it accepts
   * @param object what it covers: a DN, an object GUID, or a finding's subject ("mail:value",
   *     "dc:host") or whole key, compared without case
   * @param expires the last day it covers
   */
  public record AcceptedRisk(String rule, String object, String justification, String owner,
      LocalDate expires) {
    public AcceptedRisk {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(object, "object");
      Objects.requireNonNull(expires, "expires");
    }

    boolean covers(Finding f) {
      return rule.equals(f.rule()) && (object.equalsIgnoreCase(f.subject())
          || object.equalsIgnoreCase(f.key()) || (f.dn() != null && object.equalsIgnoreCase(f.dn())));
    }
  }

  public static final AcceptedRisks NONE = new AcceptedRisks(List.of(), LocalDate.MIN);

  private final List<AcceptedRisk> risks;
  private final LocalDate today;

  /** @param today the day the run compares expiry dates with (the caller's clock) */
  public AcceptedRisks(List<AcceptedRisk> risks, LocalDate today) {
    this.risks = List.copyOf(risks);
    this.today = today;
  }

  /** The finding, suppressed when an acceptance that has not expired covers it. */
  public Finding apply(Finding f) {
    for (AcceptedRisk r : risks) {
      if (!expired(r) && r.covers(f)) {
        return f.suppressedBy(new Finding.Suppression(r.justification(), r.owner(), r.expires().toString()));
      }
    }
    return f;
  }

  public List<AcceptedRisk> expired() {
    return risks.stream().filter(this::expired).toList();
  }

  private boolean expired(AcceptedRisk r) {
    return r.expires().isBefore(today);
  }
}
