package org.wbaudit.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The users the sync engine's default rules never synchronize, read from
 * {@code rules/sync-scope.json}: each rule one attribute test, the reason it gives, and (in the
 * file) the documentation it comes from.
 */
public final class ScopeRules {
  public static final String RESOURCE = "/rules/sync-scope.json";

  /**
   * How a rule tests an attribute's values; a null test is not part of it. Text comparisons
   * ignore case, as the directory's do.
   *
   * @param absent the attribute has no value
   * @param present the attribute has a value, whatever it is
   * @param equals some value equals this
   * @param startsWith some value starts with this (and contains {@code contains}, when given)
   * @param contains with {@code startsWith}: also contains this
   * @param bitAnd some value, as an integer, shares a bit with this mask
   * @param rdnContains the first RDN of the value (a DN) holds this text, escapes as written
   */
  public record Match(boolean absent, boolean present, String equals, String startsWith,
      String contains, Long bitAnd, String rdnContains) {
    boolean test(List<String> values) {
      if (absent) {
        return values.isEmpty();
      }
      if (present) {
        return !values.isEmpty();
      }
      for (String v : values) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (equals != null && v.equalsIgnoreCase(equals)) {
          return true;
        }
        if (startsWith != null && lower.startsWith(startsWith.toLowerCase(Locale.ROOT))
            && (contains == null || lower.contains(contains.toLowerCase(Locale.ROOT)))) {
          return true;
        }
        if (rdnContains != null && firstRdn(lower).contains(rdnContains.toLowerCase(Locale.ROOT))) {
          return true;
        }
        if (bitAnd != null) {
          try {
            if ((Long.parseLong(v.trim()) & bitAnd) != 0) {
              return true;
            }
          } catch (NumberFormatException ignored) {
            // not a number: no bit to share
          }
        }
      }
      return false;
    }

    /** A DN's first RDN as written: up to the first comma that is not escaped. */
    private static String firstRdn(String dn) {
      for (int i = 0; i < dn.length(); i++) {
        if (dn.charAt(i) == '\\') {
          i++;
        } else if (dn.charAt(i) == ',') {
          return dn.substring(0, i);
        }
      }
      return dn;
    }
  }

  /**
   * One condition of the default scoping filter.
   *
   * @param expression the term of the default rules' cloudFiltered expression it comes from,
   *     as an export writes it; null when it has none
   */
  public record Rule(String id, String attribute, Match match, String reason, String expression) {
    /** Whether a user whose {@code attribute} holds {@code values} is left out by this rule. */
    public boolean excludes(List<String> values) {
      return match.test(values);
    }
  }

  private final List<Rule> rules;

  private ScopeRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<Rule> rules() {
    return rules;
  }

  /**
   * What a term of a cloudFiltered expression stands for, by the term as written with its white
   * space taken out: "[id] reason"; null for a term no rule comes from.
   */
  public String nameOfTerm(String normalisedTerm) {
    for (Rule r : rules) {
      if (r.expression() != null && r.expression().replaceAll("\\s+", "").equals(normalisedTerm)) {
        return r.reason() + " [" + r.id() + "]";
      }
    }
    return null;
  }

  /** The attributes the rules read. */
  public Set<String> attributes() {
    Set<String> out = new LinkedHashSet<>();
    rules.forEach(r -> out.add(r.attribute()));
    return out;
  }

  /** The rules shipped with wbaudit. */
  public static ScopeRules builtIn() {
    try (InputStream in = ScopeRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      return read(in, RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /**
   * @throws IllegalArgumentException naming the rule and key that are wrong
   */
  public static ScopeRules read(InputStream in, String where) throws IOException {
    JsonNode list = new ObjectMapper().readTree(in).path("rules");
    if (!list.isArray()) {
      throw new IllegalArgumentException(where + ": expected an object with a \"rules\" array");
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      String at = where + ": rules[" + i + "]";
      JsonNode m = n.path("match");
      Long mask = null;
      if (m.has("bitAnd")) {
        try {
          mask = Long.decode(m.get("bitAnd").asText());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(at + ": match.bitAnd must be an integer");
        }
      }
      Match match = new Match(m.path("absent").asBoolean(false), m.path("present").asBoolean(false),
          text(m, "equals"), text(m, "startsWith"), text(m, "contains"), mask, text(m, "rdnContains"));
      if (!match.absent() && !match.present() && match.equals() == null && match.startsWith() == null
          && mask == null && match.rdnContains() == null) {
        throw new IllegalArgumentException(at + ": match needs absent, present, equals, startsWith,"
            + " bitAnd or rdnContains");
      }
      String id = text(n, "id");
      String attribute = text(n, "attribute");
      String reason = text(n, "reason");
      if (id == null || attribute == null || reason == null) {
        throw new IllegalArgumentException(at + ": id, attribute and reason are required");
      }
      rules.add(new Rule(id, attribute, match, reason, text(n, "expression")));
    }
    return new ScopeRules(rules);
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || !v.isTextual() || v.asText().isEmpty() ? null : v.asText();
  }
}
