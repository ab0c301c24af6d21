package org.wbaudit.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The groups and accounts SDProp protects, read from {@code rules/protected-groups.json}: a group
 * by its well-known SID, or by its RID in the domain (or the forest root domain), and which bit of
 * dSHeuristics' dwAdminSDExMask takes it out.
 */
public final class ProtectedGroups {
  public static final String RESOURCE = "/rules/protected-groups.json";

  /**
   * @param sid the well-known SID (Builtin groups); null when {@code rid} names it
   * @param rid the RID in its domain; null when {@code sid} names it
   * @param rootDomain the RID is in the forest root domain's SID (Schema and Enterprise Admins)
   * @param adminSdExMaskBit the dwAdminSDExMask bit that excludes it; 0 when none can
   */
  public record Group(String name, String sid, Integer rid, boolean rootDomain, int adminSdExMaskBit) {}

  /** An account protected by identity, by its RID in the domain. */
  public record Account(String name, int rid) {}

  private final List<Group> groups;
  private final List<Account> accounts;

  private ProtectedGroups(List<Group> groups, List<Account> accounts) {
    this.groups = List.copyOf(groups);
    this.accounts = List.copyOf(accounts);
  }

  public List<Group> groups() {
    return groups;
  }

  public List<Account> accounts() {
    return accounts;
  }

  public static ProtectedGroups builtIn() {
    try (InputStream in = ProtectedGroups.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      return read(in, RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** @throws IllegalArgumentException naming the entry that is wrong */
  public static ProtectedGroups read(InputStream in, String where) throws IOException {
    JsonNode root = new ObjectMapper().readTree(in);
    List<Group> groups = new ArrayList<>();
    JsonNode g = root.path("groups");
    for (int i = 0; i < g.size(); i++) {
      JsonNode n = g.get(i);
      boolean hasSid = n.path("sid").isTextual();
      boolean hasRid = n.path("rid").isInt();
      if (!n.path("name").isTextual() || hasSid == hasRid) {
        throw new IllegalArgumentException(where + ": groups[" + i + "]: a name and one of sid, rid");
      }
      groups.add(new Group(n.get("name").asText(), hasSid ? n.get("sid").asText() : null,
          hasRid ? n.get("rid").asInt() : null, n.path("rootDomain").asBoolean(false),
          n.path("adminSdExMaskBit").asInt(0)));
    }
    List<Account> accounts = new ArrayList<>();
    JsonNode a = root.path("accounts");
    for (int i = 0; i < a.size(); i++) {
      JsonNode n = a.get(i);
      if (!n.path("name").isTextual() || !n.path("rid").isInt()) {
        throw new IllegalArgumentException(where + ": accounts[" + i + "]: a name and a rid");
      }
      accounts.add(new Account(n.get("name").asText(), n.get("rid").asInt()));
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException(where + ": no protected group listed");
    }
    return new ProtectedGroups(groups, accounts);
  }
}
