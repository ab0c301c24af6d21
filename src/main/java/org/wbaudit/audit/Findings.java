package org.wbaudit.audit;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.wbaudit.rules.RuleCatalog;

/**
 * Where checks put findings. Severity comes from the catalogue, so a check names only the rule;
 * the finding's stable key comes from what it is about, never from its wording.
 */
public final class Findings {
  private final RuleCatalog catalog;
  private final Consumer<Finding> sink;
  /** What every finding emitted here is about (a user's GUID); null to derive it per finding. */
  private final String subject;

  public Findings(RuleCatalog catalog, AuditSink sink) {
    this(catalog, sink::finding);
  }

  public Findings(RuleCatalog catalog, Consumer<Finding> sink) {
    this(catalog, sink, null);
  }

  private Findings(RuleCatalog catalog, Consumer<Finding> sink, String subject) {
    this.catalog = catalog;
    this.sink = sink;
    this.subject = subject;
  }

  /** The same, for findings about one object: keyed by {@code subject} (its GUID, or DN). */
  public Findings about(String subject) {
    return new Findings(catalog, sink, subject);
  }

  /** The same, each finding also shown to {@code observer} first (to learn a user's blockers). */
  public Findings alsoTo(Consumer<Finding> observer) {
    return new Findings(catalog, f -> {
      observer.accept(f);
      sink.accept(f);
    }, subject);
  }

  /** Emits a finding for {@code rule}; the rule must be in the catalogue. */
  public void emit(String rule, String dn, String message, Map<String, Object> details) {
    sink.accept(new Finding(rule, catalog.get(rule).severity(), dn, message, details,
        key(rule, dn, details), null, null));
  }

  /** Emits a finding at the rule's lesser severity (its milder case, named in the catalogue). */
  public void emitLesser(String rule, String dn, String message, Map<String, Object> details) {
    var r = catalog.get(rule);
    if (r.lesserSeverity() == null) {
      throw new IllegalArgumentException("rule " + rule + " has no lesserSeverity in the catalogue");
    }
    sink.accept(new Finding(rule, r.lesserSeverity(), dn, message, details,
        key(rule, dn, details), null, null));
  }

  private String key(String rule, String dn, Map<String, Object> details) {
    String about;
    if (subject != null) {
      about = subject;
    } else if (details.get("attribute") != null && details.get("value") != null) {
      about = details.get("attribute") + ":" + details.get("value");
    } else if (details.get("dc") != null) {
      Object host = details.get("dnsHostName");
      about = "dc:" + (host != null ? host.toString().toLowerCase(Locale.ROOT) : details.get("dc"));
    } else if (details.get("syncRule") != null) {
      about = "rule:" + details.get("syncRule").toString().toLowerCase(Locale.ROOT);
    } else if (details.get("domain") != null) {
      about = "domain:" + details.get("domain").toString().toLowerCase(Locale.ROOT);
    } else if (dn != null) {
      about = dn.toLowerCase(Locale.ROOT);
    } else {
      about = "";
    }
    return rule + ":" + about;
  }
}
