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
import org.wbaudit.syncconfig.ConnectorScope;
import org.wbaudit.syncconfig.SyncEngine;

/**
 * Which users writeback can ever serve: those the sync engine synchronizes. Told by the admin,
 * a user is out of scope when a default rule of the sync engine leaves it out
 * ({@code rules/sync-scope.json}), when it is not at or below a chosen OU or is below an excluded
 * one, or when a scope group is set and it is not a direct member (as Entra Connect's group
 * filtering: nested groups are not followed). Read from the sync engine's own configuration,
 * its connector decides ({@link ConnectorScope}): there the default rules are the export's own
 * cloudFiltered expression. Either way the audited connector account itself is out.
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

  /**
   * A user's place in the scope.
   *
   * @param inScope true, false, or null when a sync rule that could decide it cannot be evaluated
   * @param reason why it is out (or, with a sync engine's configuration, what took it in); null
   *     when in by default
   * @param undecidedBy the sync rule that leaves it undecided; null when decided
   */
  public record Decision(Boolean inScope, String reason, SyncEngine.SyncRule undecidedBy) {
    static final Decision IN = new Decision(true, null, null);

    static Decision out(String reason) {
      return new Decision(false, reason, null);
    }

    /** Whether it is surely in scope (not out, not undecided). */
    boolean in() {
      return Boolean.TRUE.equals(inScope);
    }
  }

  private final ScopeRules rules;
  private final Settings settings;
  private final ConnectorScope engine;
  private final String principalDn;

  /** The scope the admin gave (or the whole domain), with the default rules. */
  SyncScope(ScopeRules rules, Settings settings, String principalDn) {
    this(rules, settings, null, principalDn);
  }

  /** The scope a sync engine's connector reads, as its exported configuration says. */
  SyncScope(ConnectorScope engine, String principalDn) {
    this(null, Settings.ALL, engine, principalDn);
  }

  private SyncScope(ScopeRules rules, Settings settings, ConnectorScope engine, String principalDn) {
    this.rules = rules;
    this.settings = settings;
    this.engine = engine;
    this.principalDn = principalDn;
  }

  /** The attributes the decision reads beyond what every user is read with. */
  List<String> attributes() {
    Set<String> out = new LinkedHashSet<>();
    if (engine != null) {
      out.addAll(engine.connector().attributes());
    } else {
      out.addAll(rules.attributes());
      if (settings.group() != null) {
        out.add("memberOf");
      }
    }
    out.removeIf(a -> READ_ANYWAY.stream().anyMatch(a::equalsIgnoreCase));
    return List.copyOf(out);
  }

  /** Attributes every user is read with, whose values the object already carries. */
  private static final List<String> READ_ANYWAY = List.of("sAMAccountName", "userPrincipalName",
      "userAccountControl", "objectClass", "dn", "distinguishedName");

  Decision decide(DirectoryObject o) {
    if (engine != null) {
      if (principalDn != null && DistinguishedNames.same(o.dn(), principalDn)) {
        return Decision.out(CONNECTOR_ITSELF);
      }
      ConnectorScope.Placement p = engine.decide(o.dn(), o.structuralClass(), a -> values(o, a));
      return new Decision(p.inScope(), p.reason(), p.undecidedBy());
    }
    for (ScopeRules.Rule r : rules.rules()) {
      if (r.excludes(values(o, r.attribute()))) {
        return Decision.out(r.reason() + " [" + r.id() + "]");
      }
    }
    if (principalDn != null && DistinguishedNames.same(o.dn(), principalDn)) {
      return Decision.out(CONNECTOR_ITSELF);
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

  private static final String CONNECTOR_ITSELF = "the audited connector account itself: writeback"
      + " runs as it, and never resets its own password";

  private static List<String> values(DirectoryObject o, String attribute) {
    if (attribute.equalsIgnoreCase("sAMAccountName")) {
      return o.samAccountName() == null ? List.of() : List.of(o.samAccountName());
    }
    if (attribute.equalsIgnoreCase("userPrincipalName")) {
      return o.userPrincipalName() == null ? List.of() : List.of(o.userPrincipalName());
    }
    if (attribute.equalsIgnoreCase("userAccountControl")) {
      return List.of(Integer.toString(o.userAccountControl()));
    }
    if (attribute.equalsIgnoreCase("objectClass")) {
      return o.objectClasses();
    }
    if (attribute.equalsIgnoreCase("dn") || attribute.equalsIgnoreCase("distinguishedName")) {
      return List.of(o.dn());
    }
    List<byte[]> raw = null;
    for (Map.Entry<String, List<byte[]>> e : o.otherValues().entrySet()) {
      if (e.getKey().equalsIgnoreCase(attribute)) {
        raw = e.getValue();
      }
    }
    List<String> out = new ArrayList<>();
    if (raw != null) {
      raw.forEach(b -> out.add(new String(b, StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** The scope as the report states it. */
  Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    if (engine != null) {
      SyncEngine.AdConnector c = engine.connector();
      d.put("source", "sync-config");
      d.put("connector", c.name());
      d.put("partitions", c.partitions().stream().filter(SyncEngine.Partition::selected)
          .map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dn", p.dn());
            m.put("objectClasses", p.objectClasses());
            m.put("inclusions", p.inclusions());
            m.put("exclusions", p.exclusions());
            return m;
          }).toList());
      d.put("group", c.group() == null ? null : c.group().dn());
      d.put("rules", c.rules().stream().filter(r -> !r.disabled()).map(SyncEngine.SyncRule::name).toList());
      d.put("excludesPrincipal", principalDn);
      return d;
    }
    d.put("defaultRules", rules.rules().stream().map(ScopeRules.Rule::id).toList());
    d.put("ous", settings.ous());
    d.put("excludeOus", settings.excludeOus());
    d.put("group", settings.group());
    d.put("excludesPrincipal", principalDn);
    return d;
  }
}
