package org.wbaudit.syncconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Which users of one domain a sync engine's connector synchronizes, decided as the engine
 * decides: the selected partition, the object classes it reads, the nearest enclosing included
 * or excluded container, the scoping group, then the inbound rules (one that provisions must
 * take the object in its scope; the first rule by precedence whose cloudFiltered flow gives a
 * value decides whether it reaches Entra ID). Where a rule cannot be evaluated for a user the
 * answer is unknown, naming the rule: never a guess.
 */
public final class ConnectorScope {
  /**
   * A user's place.
   *
   * @param inScope true, false, or null when a rule that could decide it cannot be evaluated
   * @param reason what decided it (an inclusion, exclusion, group or rule), in words
   * @param undecidedBy the rule that leaves it undecided; null when it is decided
   */
  public record Placement(Boolean inScope, String reason, SyncEngine.SyncRule undecidedBy) {}

  private final SyncEngine engine;
  private final SyncEngine.AdConnector connector;
  private final Function<String, String> termNames;
  private final Set<String> groupMembers;

  /**
   * @param termNames what a cloudFiltered term, as written (white space taken out), stands for
   *     ("[entra-connect-account] an account Entra Connect created…"); null for a term it does
   *     not know
   * @param groupMembers the scoping group's direct members, DNs in lower case; read only when
   *     nested groups count (Cloud Sync); may be empty
   */
  public ConnectorScope(SyncEngine engine, SyncEngine.AdConnector connector,
      Function<String, String> termNames, Set<String> groupMembers) {
    this.engine = engine;
    this.connector = connector;
    this.termNames = termNames;
    this.groupMembers = Set.copyOf(groupMembers);
  }

  public SyncEngine.AdConnector connector() {
    return connector;
  }

  /**
   * @param values an attribute's values by name (memberOf among them when a group or a rule
   *     needs it)
   */
  public Placement decide(String dn, String objectClass, Function<String, List<String>> values) {
    String what = engine.kind() == SyncEngine.Kind.ENTRA_CLOUD_SYNC ? "Cloud Sync" : "connector "
        + connector.name();
    SyncEngine.Partition partition = null;
    for (SyncEngine.Partition p : connector.partitions()) {
      if (isAtOrBelow(dn, p.dn()) && (partition == null || depth(p.dn()) > depth(partition.dn()))) {
        partition = p;
      }
    }
    if (partition == null || !partition.selected()) {
      return out("in a domain " + what + " does not read (not a selected partition)");
    }
    if (!partition.reads(objectClass)) {
      return out(what + " reads no " + objectClass + " objects in " + partition.dn());
    }
    List<String> because = new ArrayList<>();
    if (!partition.inclusions().isEmpty() || !partition.exclusions().isEmpty()) {
      String nearest = null;
      boolean included = false;
      for (String c : partition.inclusions()) {
        if (isAtOrBelow(dn, c) && (nearest == null || depth(c) > depth(nearest))) {
          nearest = c;
          included = true;
        }
      }
      for (String c : partition.exclusions()) {
        if (isAtOrBelow(dn, c) && (nearest == null || depth(c) > depth(nearest))) {
          nearest = c;
          included = false;
        }
      }
      if (nearest == null) {
        return out("not below a container " + what + " includes (" + String.join("; ", partition.inclusions()) + ")");
      }
      if (!included) {
        return out("below the excluded container " + nearest);
      }
      because.add("below the included container " + nearest);
    }
    SyncEngine.GroupScope group = connector.group();
    if (group != null) {
      List<String> memberOf = values.apply("memberOf");
      boolean direct = memberOf.stream().anyMatch(g -> sameDn(g, group.dn()));
      boolean nested = !direct && group.nestedLevels() > 0
          && memberOf.stream().anyMatch(g -> groupMembers.contains(normalDn(g)));
      if (!direct && !nested) {
        return out("not a member of the scoping group " + group.dn() + (group.nestedLevels() == 0
            ? " (only direct members are synchronized)"
            : " (direct members, and members of groups that are its direct members, are synchronized)"));
      }
      because.add((direct ? "a direct member" : "a member through a nested group") + " of the scoping group "
          + group.dn());
    }
    if (engine.kind() == SyncEngine.Kind.ENTRA_CONNECT_SYNC) {
      Placement byRules = rules(dn, objectClass, values, because);
      if (byRules != null) {
        return byRules;
      }
    }
    return new Placement(true, because.isEmpty() ? "read by " + what : String.join("; ", because), null);
  }

  /** The inbound rules' part: null when they take it in (reasons added to {@code because}). */
  private Placement rules(String dn, String objectClass, Function<String, List<String>> values,
      List<String> because) {
    Function<String, List<String>> withDn = a -> a.equalsIgnoreCase("dn")
        || a.equalsIgnoreCase("distinguishedName") ? List.of(dn) : values.apply(a);
    SyncEngine.SyncRule provisioner = null;
    SyncEngine.SyncRule undecided = null;
    String refused = null;
    for (SyncEngine.SyncRule r : connector.rules()) {
      if (r.disabled() || !r.provisions() || !r.appliesTo(objectClass)) {
        continue;
      }
      Boolean takes = inScope(r, withDn);
      if (Boolean.TRUE.equals(takes)) {
        provisioner = r;
        break;
      }
      if (takes == null) {
        undecided = undecided == null ? r : undecided;
      } else if (refused == null) {
        refused = "the rule '" + r.name() + "' takes only objects where " + conditions(r);
      }
    }
    if (provisioner == null) {
      if (undecided != null) {
        return new Placement(null, "the rule '" + undecided.name() + "' could provision it, and its"
            + " scope cannot be evaluated: " + whyNot(undecided), undecided);
      }
      return out(refused != null ? "no inbound rule provisions it: " + refused
          : "no enabled inbound rule provisions " + objectClass + " objects");
    }
    because.add("provisioned by '" + provisioner.name() + "'");
    for (SyncEngine.SyncRule r : connector.rules()) {
      if (r.disabled() || r.cloudFiltered() == null || !r.appliesTo(objectClass)) {
        continue;
      }
      Boolean applies = inScope(r, withDn);
      if (Boolean.FALSE.equals(applies)) {
        continue;
      }
      if (applies == null) {
        return new Placement(null, "the rule '" + r.name() + "' could filter it out (cloudFiltered),"
            + " and its scope cannot be evaluated: " + whyNot(r), r);
      }
      Expression.Result result = r.cloudFiltered().decide(withDn);
      if (result.notEvaluable() != null) {
        return new Placement(null, "the rule '" + r.name() + "' could filter it out (cloudFiltered),"
            + " and its expression cannot be evaluated: " + result.notEvaluable(), r);
      }
      if (result.value() == null) {
        continue; // NULL: this rule contributes no value; the next by precedence may
      }
      boolean filtered;
      try {
        filtered = Expression.truthy(result.value());
      } catch (Expression.NotEvaluable e) {
        return new Placement(null, "the rule '" + r.name() + "' gives cloudFiltered a value that is"
            + " not true or false: " + e.getMessage(), r);
      }
      if (filtered) {
        String term = result.term();
        String named = term == null ? null : termNames.apply(Expression.normalise(term));
        return out("filtered from the cloud by the rule '" + r.name() + "'"
            + (named != null ? ": " + named : term != null ? ": " + term : ""));
      }
      because.add("cloudFiltered false by '" + r.name() + "'");
      break;
    }
    return null;
  }

  /** Whether the rule's scoping filter takes the object: null when it cannot be told. */
  static Boolean inScope(SyncEngine.SyncRule r, Function<String, List<String>> values) {
    if (r.scope().isEmpty()) {
      return true;
    }
    boolean unknown = false;
    for (List<SyncEngine.Condition> all : r.scope()) {
      Boolean group = true;
      for (SyncEngine.Condition c : all) {
        Boolean holds = holds(c, values);
        if (Boolean.FALSE.equals(holds)) {
          group = false;
          break;
        }
        if (holds == null) {
          group = null;
        }
      }
      if (Boolean.TRUE.equals(group)) {
        return true;
      }
      unknown |= group == null;
    }
    return unknown ? null : false;
  }

  /** One condition: null when the operator is unknown or a value cannot be read as asked. */
  static Boolean holds(SyncEngine.Condition c, Function<String, List<String>> values) {
    String want = c.value() == null ? "" : c.value();
    String w = want.toLowerCase(Locale.ROOT);
    if (c.operator().readsMembership()) {
      boolean member = values.apply("memberOf").stream().anyMatch(g -> sameDn(g, want));
      return c.operator() == SyncEngine.Operator.ISMEMBEROF ? member : !member;
    }
    List<String> v = values.apply(c.attribute()).stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
    switch (c.operator()) {
      case EQUAL: return v.stream().anyMatch(x -> x.equals(w));
      case NOTEQUAL: return v.stream().noneMatch(x -> x.equals(w));
      case STARTSWITH: return v.stream().anyMatch(x -> x.startsWith(w));
      case NOTSTARTSWITH: return v.stream().noneMatch(x -> x.startsWith(w));
      case ENDSWITH: return v.stream().anyMatch(x -> x.endsWith(w));
      case NOTENDSWITH: return v.stream().noneMatch(x -> x.endsWith(w));
      case CONTAINS: return v.stream().anyMatch(x -> x.contains(w));
      case NOTCONTAINS: return v.stream().noneMatch(x -> x.contains(w));
      case ISNULL: return v.isEmpty();
      case ISNOTNULL: return !v.isEmpty();
      case ISBITSET, ISBITNOTSET: {
        long mask;
        try {
          mask = Long.decode(want.trim());
        } catch (NumberFormatException e) {
          return null;
        }
        boolean set = false;
        for (String x : v) {
          try {
            set |= (Long.parseLong(x.trim()) & mask) == mask;
          } catch (NumberFormatException e) {
            return null;
          }
        }
        return c.operator() == SyncEngine.Operator.ISBITSET ? set : !set;
      }
      default: return null;
    }
  }

  private static String conditions(SyncEngine.SyncRule r) {
    List<String> parts = new ArrayList<>();
    for (List<SyncEngine.Condition> all : r.scope()) {
      parts.add(String.join(" and ", all.stream().map(SyncEngine.Condition::toString).toList()));
    }
    return String.join(", or ", parts);
  }

  private static String whyNot(SyncEngine.SyncRule r) {
    for (List<SyncEngine.Condition> all : r.scope()) {
      for (SyncEngine.Condition c : all) {
        if (c.operator() == SyncEngine.Operator.UNKNOWN) {
          return "the operator " + c.operatorName() + " is one wbaudit does not know";
        }
      }
    }
    return "a value it tests is not what its operator reads (a number for a bit test)";
  }

  private static Placement out(String reason) {
    return new Placement(false, reason, null);
  }

  /** DNs compared by their RDNs, case and spaces around separators ignored. */
  static boolean sameDn(String a, String b) {
    return normalDn(a).equals(normalDn(b));
  }

  static boolean isAtOrBelow(String dn, String base) {
    List<String> d = rdns(dn);
    List<String> b = rdns(base);
    return d.size() >= b.size() && d.subList(d.size() - b.size(), d.size()).equals(b);
  }

  private static int depth(String dn) {
    return rdns(dn).size();
  }

  /** A DN in the form this class compares DNs in: RDNs in lower case, spaces around separators out. */
  public static String normalDn(String dn) {
    return String.join(",", rdns(dn));
  }

  private static List<String> rdns(String dn) {
    List<String> out = new ArrayList<>();
    for (String rdn : Expression.splitDn(dn)) {
      int eq = rdn.indexOf('=');
      out.add(eq < 0 ? rdn.toLowerCase(Locale.ROOT)
          : rdn.substring(0, eq).strip().toLowerCase(Locale.ROOT) + "=" + rdn.substring(eq + 1).strip().toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
