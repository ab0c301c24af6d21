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
 */
public record Finding(String rule, Severity severity, String dn, String message,
    Map<String, Object> details) {
  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
