package org.wbaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a 2.x JSON report back into the one-per-object view the tests compare: an object with
 * its rights' verdicts in place of their ids, and every finding about several objects as one
 * finding per object (as a consumer of the report would, following the README).
 */
public final class ReportJson {
  private ReportJson() {}

  /** A copy of {@code object} whose rights and operations are the verdicts they name. */
  public static ObjectNode inlined(JsonNode report, JsonNode object) {
    ObjectNode o = object.deepCopy();
    JsonNode verdicts = report.get("verdicts");
    ObjectNode rights = (ObjectNode) o.get("rights");
    List<String> names = new ArrayList<>();
    rights.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode v = verdicts.get(rights.get(name).asText());
      if (v == null) {
        throw new AssertionError("objects[].rights." + name + " names no verdict: " + rights.get(name));
      }
      rights.set(name, v);
    }
    JsonNode ops = o.get("operations");
    if (ops != null && ops.isTextual()) {
      JsonNode v = report.path("operationVerdicts").get(ops.asText());
      if (v == null) {
        throw new AssertionError("objects[].operations names no entry of operationVerdicts: " + ops);
      }
      o.set("operations", v);
    }
    return o;
  }

  /** Every object, each with its rights' verdicts in place of their ids. */
  public static List<JsonNode> objects(JsonNode report) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode o : report.get("objects")) {
      out.add(inlined(report, o));
    }
    return out;
  }

  /** A copy of the report whose findings are one per object: a baseline in that form reads the same. */
  public static ObjectNode expanded(JsonNode report) {
    ObjectNode copy = report.deepCopy();
    com.fasterxml.jackson.databind.node.ArrayNode findings = copy.putArray("findings");
    perObject(report).forEach(findings::add);
    return copy;
  }

  /** Every finding, those about several objects split into one per object (with dn and id). */
  public static List<JsonNode> perObject(JsonNode report) {
    List<JsonNode> out = new ArrayList<>();
    java.util.Map<String, String> dnOf = new java.util.HashMap<>();
    for (JsonNode o : report.get("objects")) {
      dnOf.put(o.get("objectGuid").asText(), o.get("dn").asText());
    }
    for (JsonNode f : report.get("findings")) {
      if (f.has("count") && f.path("objects").isArray()) {
        for (JsonNode subject : f.get("objects")) {
          ObjectNode one = f.deepCopy();
          one.remove(List.of("objects", "count", "container", "idPrefix"));
          one.put("dn", dnOf.get(subject.asText()));
          one.put("id", f.get("idPrefix").asText() + subject.asText());
          out.add(one);
        }
      } else {
        out.add(f);
      }
    }
    return out;
  }
}
