package org.wbaudit.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations password writeback performs for a user, read from {@code rules/operations.json}:
 * each with the rights it needs on the user, and the causes of failure wbaudit cannot see over
 * LDAP. The first operation is the one a user's top-level readiness speaks of.
 */
public final class Operations {
  public static final String RESOURCE = "/rules/operations.json";

  /**
   * One operation.
   *
   * @param id its key in reports (selfServiceReset, adminReset, change, unlock)
   * @param rights the keys of the rights it needs on the user
   */
  public record Operation(String id, String name, List<String> rights, String description,
      List<String> sources) {
    public Operation {
      rights = List.copyOf(rights);
      sources = List.copyOf(sources);
    }
  }

  /** A cause of failure that is not in the directory, and why wbaudit cannot see it. */
  public record NotVisible(String id, String title, String why) {}

  private final List<Operation> operations;
  private final List<NotVisible> notVisible;

  private Operations(List<Operation> operations, List<NotVisible> notVisible) {
    this.operations = List.copyOf(operations);
    this.notVisible = List.copyOf(notVisible);
  }

  /** Every operation, the one top-level readiness speaks of first. */
  public List<Operation> all() {
    return operations;
  }

  /** The operation a user's top-level ready and blockers are about: the self-service reset. */
  public Operation primary() {
    return operations.get(0);
  }

  public List<NotVisible> notVisible() {
    return notVisible;
  }

  public static Operations builtIn() {
    try (InputStream in = Operations.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      return read(in, RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** @throws IllegalArgumentException naming the entry and key that are wrong */
  public static Operations read(InputStream in, String where) throws IOException {
    JsonNode root = new ObjectMapper().readTree(in);
    JsonNode list = root == null ? null : root.get("operations");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException(where + ": expected an object with an \"operations\" array");
    }
    List<Operation> ops = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      String at = where + ": operations[" + i + "]";
      List<String> rights = new ArrayList<>();
      n.path("rights").forEach(r -> rights.add(r.asText()));
      List<String> sources = new ArrayList<>();
      n.path("sources").forEach(r -> sources.add(r.asText()));
      if (!n.path("id").isTextual() || rights.isEmpty()) {
        throw new IllegalArgumentException(at + ": id and rights are required");
      }
      ops.add(new Operation(n.get("id").asText(), n.path("name").asText(n.get("id").asText()), rights,
          n.path("description").asText(""), sources));
    }
    List<NotVisible> hidden = new ArrayList<>();
    root.path("notVisible").forEach(n -> hidden.add(new NotVisible(n.path("id").asText(),
        n.path("title").asText(), n.path("why").asText())));
    return new Operations(ops, hidden);
  }
}
