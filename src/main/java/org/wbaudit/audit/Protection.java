package org.wbaudit.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectoryObject;
import org.wbaudit.directory.ProtectionDirectory;
import org.wbaudit.rules.ProtectedGroups;
import org.wbaudit.sd.Sid;

/**
 * Which users SDProp protects now: transitive members of a protected group (read once per group
 * with the in-chain matching rule), less the operator groups dSHeuristics' dwAdminSDExMask takes
 * out, and the protected accounts themselves. For a protected user, the path that makes it so
 * (user → G-Helpdesk-Admins → Account Operators), walked up its memberOf on demand.
 *
 * <p>When membership cannot be read, protection is unknown: {@link #known()} is false and the
 * checks fall back on adminCount alone, saying so.
 */
public final class Protection {
  private static final int MAX_DEPTH = 32;

  /** A protected group found in this domain. */
  record Group(String name, String dn) {}

  private final ProtectionDirectory dir;
  /** Lower-case DN of each protected user, and the first protected group it was found under. */
  private final Map<String, Group> members;
  private final Map<Sid, String> accounts;
  private final List<Group> groups;
  private final List<String> excluded;
  private final String dsHeuristics;
  private final String unknown;
  private final Map<String, List<String>> memberOfCache = new HashMap<>();

  private Protection(ProtectionDirectory dir, Map<String, Group> members, Map<Sid, String> accounts,
      List<Group> groups, List<String> excluded, String dsHeuristics, String unknown) {
    this.dir = dir;
    this.members = members;
    this.accounts = accounts;
    this.groups = groups;
    this.excluded = excluded;
    this.dsHeuristics = dsHeuristics;
    this.unknown = unknown;
  }

  /** Reads the protected groups of this domain and their members; never fails, but may be unknown. */
  static Protection read(ProtectionDirectory dir, ProtectedGroups data, Sid domainSid) {
    Map<Sid, String> accounts = new LinkedHashMap<>();
    data.accounts().forEach(a -> accounts.put(domainSid.withRid(a.rid()), a.name()));
    try {
      String heuristics = dir.dsHeuristics();
      int mask = adminSdExMask(heuristics);
      Sid root = dir.rootDomainSid();
      List<Group> groups = new ArrayList<>();
      List<String> excluded = new ArrayList<>();
      Map<String, Group> members = new HashMap<>();
      for (ProtectedGroups.Group g : data.groups()) {
        if ((g.adminSdExMaskBit() & mask) != 0) {
          excluded.add(g.name());
          continue;
        }
        Sid sid = g.sid() != null ? Sid.parse(g.sid())
            : (g.rootDomain() ? (root != null ? root : domainSid) : domainSid).withRid(g.rid());
        String dn = dir.dnOf(sid);
        if (dn == null) {
          continue; // not in this domain (a root-domain group seen from a child, Key Admins before 2016)
        }
        Group group = new Group(g.name(), dn);
        groups.add(group);
        for (String m : dir.transitiveMembers(dn)) {
          members.putIfAbsent(m.toLowerCase(Locale.ROOT), group);
        }
      }
      return new Protection(dir, members, accounts, groups, excluded, heuristics, null);
    } catch (DirectoryException e) {
      return new Protection(dir, Map.of(), accounts, List.of(), List.of(), null,
          "protected-group membership could not be read: " + e.getMessage());
    }
  }

  /** The dwAdminSDExMask digit of dSHeuristics: its 16th character, hexadecimal; 0 when absent. */
  static int adminSdExMask(String heuristics) {
    if (heuristics == null || heuristics.length() < 16) {
      return 0;
    }
    int digit = Character.digit(heuristics.charAt(15), 16);
    return digit < 0 ? 0 : digit;
  }

  boolean known() {
    return unknown == null;
  }

  /**
   * Why the object is protected: the path from it to a protected group, its DN first and the
   * group's name last; or the protected account it is. Null when it is not protected (or when
   * that is unknown).
   */
  List<String> pathOf(DirectoryObject o) {
    return pathOf(o.dn(), o.objectSid());
  }

  /** As {@link #pathOf(DirectoryObject)}, for any account by DN and SID (the connector itself). */
  List<String> pathOf(String dn, Sid sid) {
    if (sid != null && accounts.containsKey(sid)) {
      return List.of(dn, "the protected account " + accounts.get(sid));
    }
    Group g = members.get(dn.toLowerCase(Locale.ROOT));
    return g == null ? null : path(dn, g);
  }

  /** Breadth-first up memberOf from dn to the group; the group alone when the walk fails. */
  private List<String> path(String dn, Group target) {
    Map<String, String> parent = new HashMap<>();
    Deque<String> todo = new ArrayDeque<>(List.of(dn));
    parent.put(dn.toLowerCase(Locale.ROOT), null);
    int steps = 0;
    while (!todo.isEmpty() && steps++ < 10_000) {
      String at = todo.poll();
      if (at.equalsIgnoreCase(target.dn())) {
        List<String> out = new ArrayList<>();
        for (String x = at; x != null; x = parent.get(x.toLowerCase(Locale.ROOT))) {
          out.add(0, x);
        }
        if (out.size() > MAX_DEPTH) {
          break;
        }
        out.set(out.size() - 1, target.name() + " (" + target.dn() + ")");
        return out;
      }
      for (String up : memberOf(at)) {
        if (!parent.containsKey(up.toLowerCase(Locale.ROOT))) {
          parent.put(up.toLowerCase(Locale.ROOT), at);
          todo.add(up);
        }
      }
    }
    return List.of(dn, target.name() + " (" + target.dn() + ")");
  }

  private List<String> memberOf(String dn) {
    return memberOfCache.computeIfAbsent(dn.toLowerCase(Locale.ROOT), k -> {
      try {
        return dir.memberOf(dn);
      } catch (DirectoryException e) {
        dir.unread("the groups of " + dn + " (for a protection path)", e);
        return List.of();
      }
    });
  }

  /** How protection was read, for the report. */
  Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("method", "each protected group's member list, nested groups followed (ranged for"
        + " large groups); primary-group membership is not followed");
    d.put("groups", groups.stream().map(Group::dn).toList());
    d.put("excludedByDsHeuristics", excluded);
    d.put("dsHeuristics", dsHeuristics);
    d.put("protectedMembers", members.size());
    d.put("unknown", unknown);
    return d;
  }
}
