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
    // Ids are compared across reports whose findings' ids mean the same: 1.x (one finding per
    // object) and 2.x (findings about several objects list each object's id) do.
    String version = root.path("schemaVersion").asText("");
    if (!version.startsWith("1.") && !version.startsWith("2.")) {
      throw new IllegalArgumentException(version.isEmpty()
          ? "the report has no schemaVersion: make the baseline with this version of wbaudit"
          : "the report is of schema " + version + ", this wbaudit writes " + JsonReportWriter.SCHEMA_VERSION
              + ": make the baseline with this version");
    }
    Map<String, Baseline.Entry> entries = new LinkedHashMap<>();
    Map<String, String> dnOf = dnsOfGroupedObjects(root, findings);
    for (int i = 0; i < findings.size(); i++) {
      JsonNode f = findings.get(i);
      if (!f.path("id").isTextual()) {
        throw new IllegalArgumentException("findings[" + i + "] has no id (a report older than"
            + " schemaVersion 1.1?): make the baseline with this version");
      }
      String forest = f.path("forest").isTextual() ? f.get("forest").asText() : null;
      if (f.path("objects").isArray() && f.has("count")) {
        // One finding said of several objects: each object's finding, as 1.x wrote them.
        String prefix = f.path("idPrefix").asText("");
        for (JsonNode o : f.get("objects")) {
          String id = prefix + o.asText();
          // The object's DN is in the report's objects (absent with --objects none).
          entries.put(id, new Baseline.Entry(id, f.path("rule").asText(), f.path("severity").asText(),
              forest, dnOf.get(o.asText()), f.path("message").asText()));
        }
        continue;
      }
      String id = f.get("id").asText();
      entries.put(id, new Baseline.Entry(id, f.path("rule").asText(), f.path("severity").asText(),
          forest, f.path("dn").isTextual() ? f.get("dn").asText() : null, f.path("message").asText()));
    }
    return new Baseline(name, root.path("startedAt").asText(null), entries);
  }

  /** The DNs of the objects grouped findings name by subject, from the report's objects. */
  private static Map<String, String> dnsOfGroupedObjects(JsonNode root, JsonNode findings) {
    java.util.Set<String> wanted = new java.util.HashSet<>();
    for (JsonNode f : findings) {
      if (f.path("objects").isArray() && f.has("count")) {
        f.get("objects").forEach(o -> wanted.add(o.asText()));
      }
    }
    Map<String, String> out = new java.util.HashMap<>();
    if (!wanted.isEmpty() && root.path("objects").isArray()) {
      for (JsonNode o : root.get("objects")) {
        String guid = o.path("objectGuid").asText(null);
        if (guid != null && wanted.contains(guid)) {
          out.put(guid, o.path("dn").asText(null));
        }
      }
    }
    return out;
  }
}
