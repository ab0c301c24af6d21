package org.wbaudit.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule catalogue, read from {@code rules/rules.json} (top-level in the source tree, packaged
 * in the jar). Rule texts and severities live there as data; checks hold only detection.
 */
public final class RuleCatalog {
  public static final String RESOURCE = "/rules/rules.json";

  private final Map<String, Rule> rules;

  private RuleCatalog(Map<String, Rule> rules) {
    this.rules = rules;
  }

  /** The catalogue shipped with wbaudit. */
  public static RuleCatalog builtIn() {
    try (InputStream in = RuleCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      return read(in, RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param where names the source in error messages
   * @throws IllegalArgumentException naming the rule and key that are wrong
   */
  public static RuleCatalog read(InputStream in, String where) throws IOException {
    JsonNode root = new ObjectMapper().readTree(in);
    JsonNode list = root == null ? null : root.get("rules");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(where + ": expected an object with a \"rules\" array");
    }
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      String at = where + ": rules[" + i + "]";
      String id = text(n, "id", at);
      List<Integer> events = new ArrayList<>();
      if (n.has("events")) {
        n.get("events").forEach(e -> events.add(e.asInt()));
      }
      Severity severity;
      try {
        severity = Severity.parse(text(n, "severity", at));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + " (" + id + "): " + e.getMessage());
      }
      Severity lesser = null;
      if (n.has("lesserSeverity")) {
        try {
          lesser = Severity.parse(text(n, "lesserSeverity", at));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(at + " (" + id + "): lesserSeverity: " + e.getMessage());
        }
      }
      Readiness readiness = Readiness.NONE;
      if (n.has("readiness")) {
        try {
          readiness = Readiness.parse(text(n, "readiness", at));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(at + " (" + id + "): readiness: " + e.getMessage());
        }
      }
      Map<String, Readiness> byOperation = new LinkedHashMap<>();
      JsonNode ops = n.get("operations");
      if (ops != null) {
        if (!ops.isObject()) {
          throw new IllegalArgumentException(at + " (" + id + "): operations must map an operation to its readiness");
        }
        for (var it = ops.fields(); it.hasNext(); ) {
          var e = it.next();
          try {
            byOperation.put(e.getKey(), Readiness.parse(e.getValue().asText()));
          } catch (IllegalArgumentException x) {
            throw new IllegalArgumentException(at + " (" + id + "): operations." + e.getKey() + ": " + x.getMessage());
          }
        }
      }
      List<String> sources = new ArrayList<>();
      if (n.has("sources")) {
        n.get("sources").forEach(x -> sources.add(x.asText()));
      }
      Rule rule = new Rule(id, severity, text(n, "scope", at), text(n, "title", at),
          text(n, "description", at), text(n, "remediation", at), events, lesser, readiness,
          n.hasNonNull("right") ? text(n, "right", at) : null, byOperation, sources);
      if (rules.put(id, rule) != null) {
        throw new IllegalArgumentException(at + ": rule id " + id + " appears twice");
      }
    }
    return new RuleCatalog(rules);
  }

  private static String text(JsonNode n, String key, String at) {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(at + ": \"" + key + "\" must be a non-empty string");
    }
    return v.asText();
  }

  /**
   * @throws IllegalArgumentException when the id is not in the catalogue: a check may only emit
   *     findings for rules the catalogue documents
   */
  public Rule get(String id) {
    Rule r = rules.get(id);
    if (r == null) {
      throw new IllegalArgumentException("rule " + id + " is not in the catalogue");
    }
    return r;
  }

  public Collection<Rule> all() {
    return rules.values();
  }
}
