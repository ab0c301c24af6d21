package org.wbaudit.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.audit.Finding;

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
      return (first.forest() == null ? "" : first.forest() + "/") + first.finding().rule() + "@" + container;
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
    model.findings(rule, r -> {
      Finding f = r.finding();
      if (f.dn() == null) {
        order.add(new Group(r, null, List.of(r.id()), List.of()));
        return;
      }
      String container = container(f.dn());
      String key = r.forest() + "\u0000" + container + "\u0000" + f.message() + "\u0000"
          + ReportAssembler.JSON.writeValueAsString(f.details()) + "\u0000" + f.change() + "\u0000"
          + f.suppression();
      Group g = groups.get(key);
      if (g == null) {
        g = new Group(r, container, new ArrayList<>(), new ArrayList<>());
        groups.put(key, g);
        order.add(g);
      }
      g.ids().add(r.id());
      g.dns().add(f.dn());
    });
    for (Group g : order) {
      visitor.visit(g);
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
