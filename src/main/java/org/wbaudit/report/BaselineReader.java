package org.wbaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wbaudit.audit.Baseline;

/**
 * Reads an earlier JSON report back as a baseline: the inverse of {@link JsonReportWriter}'s
 * findings, kept beside it so that the two change together.
 */
public final class BaselineReader {
  private BaselineReader() {}

  /**
   * @param name the report's file name, as the diff names it
   * @throws IllegalArgumentException saying what is wrong with the report
   */
  public static Baseline read(JsonNode root, String name) {
    JsonNode findings = root.get("findings");
    if (!root.isObject() || findings == null || !findings.isArray()) {
      throw new IllegalArgumentException("not a wbaudit JSON report (no findings array)");
    }
    Map<String, Baseline.Entry> entries = new LinkedHashMap<>();
    for (int i = 0; i < findings.size(); i++) {
      JsonNode f = findings.get(i);
      if (!f.path("id").isTextual()) {
        throw new IllegalArgumentException("findings[" + i + "] has no id (a report older than"
            + " schemaVersion 1.1?): make the baseline with this version");
      }
      String id = f.get("id").asText();
      entries.put(id, new Baseline.Entry(id, f.path("rule").asText(), f.path("severity").asText(),
          f.path("forest").isTextual() ? f.get("forest").asText() : null,
          f.path("dn").isTextual() ? f.get("dn").asText() : null, f.path("message").asText()));
    }
    return new Baseline(name, root.path("startedAt").asText(null), entries);
  }
}
