package org.wbaudit.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wbaudit.directory.DirectoryObject;
import org.wbaudit.directory.DistinguishedNames;
import org.wbaudit.rules.ScopeRules;

/**
 * Which users writeback can ever serve: those the sync engine synchronizes. A user is out of
 * scope when a default rule of the sync engine leaves it out ({@code rules/sync-scope.json}),
 * when it is not at or below a chosen OU or is below an excluded one, when a scope group is set
 * and it is not a direct member (as Entra Connect's group filtering: nested groups are not
 * followed), or when it is the audited connector account itself.
 */
public final class SyncScope {
  /**
   * The admin's choice of scope, as the sync engine is configured.
   *
   * @param ous users must be at or below one of these; empty for the whole domain
   * @param excludeOus users at or below these are out
   * @param group only direct members of this group are in; null for no group filtering
   */
  public record Settings(List<String> ous, List<String> excludeOus, String group) {
    public static final Settings ALL = new Settings(List.of(), List.of(), null);

    public Settings {
      ous = List.copyOf(ous);
      excludeOus = List.copyOf(excludeOus);
    }

    /** Every DN these settings name, for the check that each exists. */
    public List<String> dns() {
      List<String> all = new ArrayList<>(ous);
      all.addAll(excludeOus);
      if (group != null) {
        all.add(group);
      }
      return all;
    }
  }

  /** A user's place in the scope: in, or out and why. */
  public record Decision(boolean inScope, String reason) {
    static final Decision IN = new Decision(true, null);

    static Decision out(String reason) {
      return new Decision(false, reason);
    }
  }

  private final ScopeRules rules;
  private final Settings settings;
  private final String principalDn;

  SyncScope(ScopeRules rules, Settings settings, String principalDn) {
    this.rules = rules;
    this.settings = settings;
    this.principalDn = principalDn;
  }

  /** The attributes the decision reads beyond what every user is read with. */
  List<String> attributes() {
    Set<String> out = new LinkedHashSet<>(rules.attributes());
    out.remove("sAMAccountName");
    if (settings.group() != null) {
      out.add("memberOf");
    }
    return List.copyOf(out);
  }

  Decision decide(DirectoryObject o) {
    for (ScopeRules.Rule r : rules.rules()) {
      if (r.excludes(values(o, r.attribute()))) {
        return Decision.out(r.reason() + " [" + r.id() + "]");
      }
    }
    if (principalDn != null && DistinguishedNames.same(o.dn(), principalDn)) {
      return Decision.out("the audited connector account itself: writeback runs as it, and never"
          + " resets its own password");
    }
    if (!settings.ous().isEmpty()
        && settings.ous().stream().noneMatch(ou -> DistinguishedNames.isAtOrBelow(o.dn(), ou))) {
      return Decision.out("not at or below a synchronized OU (" + String.join("; ", settings.ous()) + ")");
    }
    for (String ou : settings.excludeOus()) {
      if (DistinguishedNames.isAtOrBelow(o.dn(), ou)) {
        return Decision.out("below the excluded OU " + ou);
      }
    }
    if (settings.group() != null && values(o, "memberOf").stream()
        .noneMatch(g -> DistinguishedNames.same(g, settings.group()))) {
      return Decision.out("not a direct member of the scope group " + settings.group()
          + " (members of nested groups are not synchronized)");
    }
    return Decision.IN;
  }

  private static List<String> values(DirectoryObject o, String attribute) {
    if (attribute.equalsIgnoreCase("sAMAccountName")) {
      return o.samAccountName() == null ? List.of() : List.of(o.samAccountName());
    }
    List<byte[]> raw = o.otherValues().get(attribute);
    List<String> out = new ArrayList<>();
    if (raw != null) {
      raw.forEach(b -> out.add(new String(b, StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** The scope as the report states it. */
  Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("defaultRules", rules.rules().stream().map(ScopeRules.Rule::id).toList());
    d.put("ous", settings.ous());
    d.put("excludeOus", settings.excludeOus());
    d.put("group", settings.group());
    d.put("excludesPrincipal", principalDn);
    return d;
  }
}
