package org.wbaudit.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.wbaudit.rules.Severity;

/**
 * One thing the audit found.
 *
 * @param rule a rule id from the catalogue
 * @param severity from the catalogue
 * @param dn the object it concerns; null for findings about a DC or the audit as a whole
 * @param message one sentence for people
 * @param details machine-readable facts (right, deciding ACE, DC URL...); copied, order kept
 * @param key stable across runs: the rule and what the finding is about (an object's GUID, an
 *     anchor attribute and value, a DC, a domain), never the wording; baselines and exceptions
 *     match on it
 * @param suppression the accepted risk that covers it; null when none does
 * @param change "new" or "unchanged" against a baseline report; null without one
 */
public record Finding(String rule, Severity severity, String dn, String message,
    Map<String, Object> details, String key, Suppression suppression, String change) {
  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(key, "key");
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** An accepted risk that covers a finding. */
  public record Suppression(String justification, String owner, String expires) {}

  public Finding suppressedBy(Suppression s) {
    return new Finding(rule, severity, dn, message, details, key, s, change);
  }

  public Finding withChange(String c) {
    return new Finding(rule, severity, dn, message, details, key, suppression, c);
  }

  public Finding withKey(String k) {
    return new Finding(rule, severity, dn, message, details, k, suppression, change);
  }

  /** What the key says the finding is about, without the rule: a GUID, "mail:value", "dc:host". */
  public String subject() {
    return key.substring(rule.length() + 1);
  }
}
