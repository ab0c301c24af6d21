package org.wbaudit.rules;

import java.util.Locale;

/** How much a finding matters; ordered, so that {@code --fail-on} can compare. */
public enum Severity {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The lower-case name used in rules/ and reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Severity parse(String text) {
    for (Severity s : values()) {
      if (s.label().equalsIgnoreCase(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown severity '" + text + "' (expected info, low, medium, high or critical)");
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
