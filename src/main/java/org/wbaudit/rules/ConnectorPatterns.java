package org.wbaudit.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How the accounts of the sync engines are recognised, read from {@code rules/connectors.json}:
 * per kind, the sAMAccountName and description Microsoft's installers give them and the class
 * they are, with the page that documents it.
 */
public final class ConnectorPatterns {
  public static final String RESOURCE = "/rules/connectors.json";

  /**
   * One kind of connector account.
   *
   * @param description null when the kind has no telling description
   * @param objectClass the class the account must be; null for any
   */
  public record Kind(String kind, String what, Pattern samAccountName, Pattern description,
      String objectClass, String source) {}

  private final List<Kind> kinds;

  private ConnectorPatterns(List<Kind> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  public List<Kind> kinds() {
    return kinds;
  }

  public static ConnectorPatterns builtIn() {
    try (InputStream in = ConnectorPatterns.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      return read(in, RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** @throws IllegalArgumentException naming the entry and key that are wrong */
  public static ConnectorPatterns read(InputStream in, String where) throws IOException {
    JsonNode list = new ObjectMapper().readTree(in).path("kinds");
    if (!list.isArray()) {
      throw new IllegalArgumentException(where + ": expected an object with a \"kinds\" array");
    }
    List<Kind> kinds = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      String at = where + ": kinds[" + i + "]";
      String kind = n.path("kind").asText(null);
      String name = n.path("samAccountName").asText(null);
      if (kind == null || name == null || !n.path("source").isTextual()) {
        throw new IllegalArgumentException(at + ": kind, samAccountName and source are required");
      }
      try {
        kinds.add(new Kind(kind, n.path("what").asText(kind), Pattern.compile(name),
            n.path("description").isTextual() ? Pattern.compile(n.get("description").asText()) : null,
            n.path("objectClass").asText(null), n.get("source").asText()));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(at + ": not a regular expression: " + e.getDescription());
      }
    }
    return new ConnectorPatterns(kinds);
  }
}
