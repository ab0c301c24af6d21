package org.wbaudit.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The findings of an earlier report, by stable id ({@code forest/key}, or the key alone for a
 * finding about the whole run), to tell what is new and what was resolved since.
 */
public record Baseline(String name, String startedAt, Map<String, Entry> findings) {
  /** One finding as the baseline reported it. */
  public record Entry(String id, String rule, String severity, String forest, String dn,
      String message) {}

  public Baseline {
    findings = Collections.unmodifiableMap(new LinkedHashMap<>(findings));
  }

  /** A finding's id in a report: the key, prefixed with its forest when it has one. */
  public static String id(String forest, Finding f) {
    return forest == null ? f.key() : forest + "/" + f.key();
  }
}
