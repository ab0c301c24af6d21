package org.wbaudit.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every exit code wbaudit uses, in one place: {@code --help} lists them from here, and the
 * exception mapper maps to them, so the two cannot disagree. Scheduled audits act on these.
 */
public enum ExitCode {
  OK(0, "Success; no finding at or above --fail-on."),
  FINDINGS(1, "Findings at or above --fail-on."),
  USAGE(2, "Usage or configuration error."),
  CONNECTION(3, "Cannot connect or bind, or the server is not an AD domain controller."),
  INCOMPLETE(4, "The audit is incomplete; the report says which part is missing."),
  INVALID_INPUT(5, "Some input could not be read (each bad item is reported)."),
  REPORT_NOT_WRITTEN(6, "The audit ran, but its report could not be written."),
  HISTORY_LOCKED(7, "Another run holds the --history directory's lock; this run did nothing."),
  INTERNAL(70, "Internal error: a bug in wbaudit; please report it.");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }

  /** The exit-code section of {@code --help}. */
  static Map<String, String> helpSection() {
    Map<String, String> m = new LinkedHashMap<>();
    for (ExitCode e : values()) {
      m.put(Integer.toString(e.code), e.meaning);
    }
    return m;
  }
}
