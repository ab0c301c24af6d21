package org.wbaudit.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.report.ReportModel.Reported;

/**
 * Findings as the reports state them at scale: those that differ only in the object they name
 * (the same rule, forest, container, message, details, change and suppression) are one group,
 * so that a cause blocking 20,000 users under one OU is said once with its users listed, not
 * 20,000 times. Findings that name no object are groups of one. Grouping holds one rule's groups
 * in memory at a time: each member's id and DN, not its finding.
 */
public final class FindingGroups {
  private FindingGroups() {}

  /**
   * Findings that say the same of the objects in {@code ids}/{@code dns}.
   *
   * @param first the first finding of the group, standing for all
   * @param container the DN the objects are directly under; null for findings about no object
   */
  public record Group(ReportModel.Reported first, String container, List<String> ids, List<String> dns) {
    public int size() {
      return ids.size();
    }

    /** The group's own id: the finding's when it is one, else the rule at the container. */
    public String id() {
      if (size() == 1) {
        return first.id();
      }
      // A redacted DN has no container to show: its group is the rule's, in that forest.
      return (first.forest() == null ? "" : first.forest() + "/") + first.finding().rule() + "@"
          + (container == null ? "*" : container);
    }
  }

  /** Every rule's groups, in the model's rule order, each rule's in the order first found. */
  public static void forEach(ReportModel model, ReportModel.Visitor<Group> visitor) throws IOException {
    for (String rule : model.rules()) {
      forEach(model, rule, visitor);
    }
  }

  public static void forEach(ReportModel model, String rule, ReportModel.Visitor<Group> visitor)
      throws IOException {
    Map<String, Group> groups = new LinkedHashMap<>();
    List<Group> order = new ArrayList<>();
    // Findings are read as the assembler spooled them (ReportAssembler.asJson: id first, dn
    // fifth): the group's key is the line without those two, so a member costs a scan of its
    // line, not a parse; each group's first finding alone is parsed.
    model.findingsAsJson(rule, line -> {
      Spooled f = Spooled.of(line);
      if (f == null) {
        Reported r = ReportAssembler.reported(line);
        order.add(new Group(r, null, List.of(r.id()), List.of()));
        return;
      }
      String container = container(f.dn());
      String key = container + "\u0000" + f.key();
      Group g = groups.get(key);
      if (g == null) {
        g = new Group(ReportAssembler.reported(line), container, new ArrayList<>(), new ArrayList<>());
        groups.put(key, g);
        order.add(g);
      }
      g.ids().add(f.id());
      g.dns().add(f.dn());
    });
    for (Group g : order) {
      visitor.visit(g);
    }
  }

  /**
   * A spooled finding about one object, read without parsing: its id, its DN, and everything
   * else as the key it shares with the findings that say the same.
   */
  private record Spooled(String id, String dn, String key) {
    private static final String ID = "{\"id\":";
    private static final String DN = ",\"dn\":";

    /** Null for a finding about no object ({@code "dn":null}). */
    static Spooled of(String line) throws IOException {
      if (!line.startsWith(ID)) {
        throw new IOException("a spooled finding that does not start with its id: " + line);
      }
      int idEnd = stringEnd(line, ID.length());
      int dnAt = line.indexOf(DN, idEnd);
      if (dnAt < 0) {
        throw new IOException("a spooled finding without a dn: " + line);
      }
      int dnStart = dnAt + DN.length();
      if (line.charAt(dnStart) != '"') {
        return null;
      }
      int dnEnd = stringEnd(line, dnStart);
      return new Spooled(text(line, ID.length(), idEnd), text(line, dnStart, dnEnd),
          line.substring(idEnd, dnAt) + line.substring(dnEnd));
    }

    /** The index just past the JSON string starting at {@code at} (its opening quote). */
    private static int stringEnd(String line, int at) throws IOException {
      for (int i = at + 1; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          return i + 1;
        }
      }
      throw new IOException("an unterminated string in a spooled finding: " + line);
    }

    private static String text(String line, int from, int to) throws IOException {
      String raw = line.substring(from + 1, to - 1);
      return raw.indexOf('\\') < 0 ? raw : ReportAssembler.JSON.readValue(line.substring(from, to), String.class);
    }
  }

  /** The DN one level up: what follows the first comma the DN's syntax does not escape. */
  static String container(String dn) {
    for (int i = 0; i < dn.length(); i++) {
      char c = dn.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ',') {
        return dn.substring(i + 1).strip();
      }
    }
    return null;
  }
}
