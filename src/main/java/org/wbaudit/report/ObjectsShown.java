package org.wbaudit.report;

import java.util.Locale;

/**
 * Which users the JSON report lists in {@code objects} ({@code --objects}): every one (the full
 * record compliance keeps), only those writeback cannot serve yet, or none (findings and
 * summaries only). Findings and summaries are whole in every case.
 */
public enum ObjectsShown {
  ALL,
  /** In scope and not ready: {@code ready} false, or null (something deciding it unseen). */
  BLOCKED,
  NONE;

  /** The value --objects takes; null when it names none of them. */
  public static ObjectsShown fromOption(String name) {
    for (ObjectsShown o : values()) {
      if (o.name().equalsIgnoreCase(name)) {
        return o;
      }
    }
    return null;
  }

  public String option() {
    return name().toLowerCase(Locale.ROOT);
  }
}
