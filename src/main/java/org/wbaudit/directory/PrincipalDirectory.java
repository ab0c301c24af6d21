package org.wbaudit.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.wbaudit.sd.MalformedDescriptorException;
import org.wbaudit.sd.Sid;
import org.wbaudit.sd.WellKnownSid;

/**
 * Accounts of one domain: finding one by name, the facts its token is built from (tokenGroups,
 * or the memberOf closure; the Builtin aliases' members), and a name for a SID.
 */
public final class PrincipalDirectory {
  private final DirectorySession session;
  private final String domainDn;

  public PrincipalDirectory(DirectorySession session) {
    this.session = session;
    this.domainDn = session.rootDse().defaultNamingContext();
  }

  /**
   * Finds an account by DN, UPN or sAMAccountName (also DOMAIN\name).
   *
   * @return null when no account has that name
   * @throws DirectoryException when the name is ambiguous or the search fails
   */
  public PrincipalInfo findPrincipal(String name) throws DirectoryException {
    String[] attrs = {"objectSid", "sAMAccountName", "userPrincipalName", "primaryGroupID", "memberOf",
        "userAccountControl", "msDS-User-Account-Control-Computed", "lockoutTime", "pwdLastSet",
        "msDS-ResultantPSO"};
    SearchResultEntry e;
    if (name.contains("=")) {
      e = session.readEntry(name, attrs);
    } else {
      List<Filter> tries = new ArrayList<>();
      if (name.contains("@")) {
        tries.add(Filter.createEqualityFilter("userPrincipalName", name));
        // Samba and AD accept an implicit UPN (sAMAccountName@dns-domain) with no attribute set.
        tries.add(Filter.createEqualityFilter("sAMAccountName", name.substring(0, name.indexOf('@'))));
      } else {
        String sam = name.contains("\\") ? name.substring(name.indexOf('\\') + 1) : name;
        tries.add(Filter.createEqualityFilter("sAMAccountName", sam));
      }
      e = null;
      for (Filter f : tries) {
        List<SearchResultEntry> found = new ArrayList<>();
        session.pagedSearch(domainDn, SearchScope.SUB, f, 10, false, found::add, attrs);
        if (found.size() > 1) {
          throw new DirectoryException(DirectoryException.Kind.READ,
              "the name " + name + " matches " + found.size() + " accounts; give a DN", null, null);
        }
        if (found.size() == 1) {
          e = found.get(0);
          break;
        }
      }
    }
    if (e == null) {
      return null;
    }
    Sid sid = Entries.sid(e, "objectSid");
    if (sid == null) {
      throw new DirectoryException(DirectoryException.Kind.READ,
          "the account " + e.getDN() + " has no readable objectSid", null, null);
    }
    String[] memberOf = e.getAttributeValues("memberOf");
    return new PrincipalInfo(e.getDN(), sid, e.getAttributeValue("sAMAccountName"),
        e.getAttributeValue("userPrincipalName"), Entries.intOr(e, "primaryGroupID", -1),
        memberOf == null ? List.of() : List.of(memberOf),
        Entries.intOr(e, "userAccountControl", 0), UserSource.lockedOut(e),
        Entries.longOr(e, "pwdLastSet", PrincipalInfo.UNKNOWN_PWD_LAST_SET),
        e.getAttributeValue("msDS-ResultantPSO"));
  }

  /**
   * What the directory holds about the principal's token: its groups (tokenGroups, else the
   * memberOf closure and primary group) and the members of each Builtin alias. The token itself
   * is assembled from these in {@code access}.
   */
  public TokenFacts tokenFacts(PrincipalInfo p, Sid domainSid) throws DirectoryException {
    List<Sid> tokenGroups = tokenGroups(p.dn());
    if (tokenGroups != null) {
      return new TokenFacts(tokenGroups, "tokenGroups", builtinAliasMembers());
    }
    return new TokenFacts(List.copyOf(memberOfClosure(p, domainSid)), "memberOf", builtinAliasMembers());
  }

  /** tokenGroups, a constructed attribute readable only with base scope; null if refused. */
  private List<Sid> tokenGroups(String dn) {
    try {
      SearchResultEntry e = session.readEntry(dn, "tokenGroups");
      if (e == null || e.getAttribute("tokenGroups") == null) {
        return null;
      }
      List<Sid> out = new ArrayList<>();
      for (byte[] b : Entries.bytes(e, "tokenGroups")) {
        out.add(Sid.fromBytes(b));
      }
      return out;
    } catch (DirectoryException | MalformedDescriptorException e) {
      return null;
    }
  }

  private Set<Sid> memberOfClosure(PrincipalInfo p, Sid domainSid) throws DirectoryException {
    Set<Sid> out = new LinkedHashSet<>();
    if (p.primaryGroupId() > 0) {
      out.add(domainSid.withRid(p.primaryGroupId()));
    }
    Deque<String> todo = new ArrayDeque<>(p.memberOf());
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String dn = todo.pop();
      if (!seen.add(dn.toLowerCase())) {
        continue;
      }
      SearchResultEntry g = session.readEntry(dn, "objectSid", "memberOf");
      if (g == null) {
        continue;
      }
      Sid s = Entries.sid(g, "objectSid");
      if (s != null) {
        out.add(s);
      }
      String[] parents = g.getAttributeValues("memberOf");
      if (parents != null) {
        todo.addAll(List.of(parents));
      }
    }
    return out;
  }

  /** Each Builtin alias and its members' SIDs, one search and a lookup per distinct member. */
  private Map<Sid, List<Sid>> builtinAliasMembers() throws DirectoryException {
    Map<Sid, List<String>> members = new HashMap<>();
    session.pagedSearch("CN=Builtin," + domainDn, SearchScope.ONE,
        Filter.createEqualityFilter("objectClass", "group"), 200, false, e -> {
          Sid s = Entries.sid(e, "objectSid");
          String[] m = e.getAttributeValues("member");
          if (s != null && m != null) {
            members.put(s, List.of(m));
          }
        }, "objectSid", "member");
    Map<String, Optional<Sid>> memberSids = new HashMap<>();
    Map<Sid, List<Sid>> out = new HashMap<>();
    members.forEach((alias, dns) -> {
      List<Sid> sids = new ArrayList<>();
      for (String m : dns) {
        memberSids.computeIfAbsent(m.toLowerCase(java.util.Locale.ROOT),
            k -> Optional.ofNullable(sidOfMember(m))).ifPresent(sids::add);
      }
      out.put(alias, sids);
    });
    return out;
  }

  private Sid sidOfMember(String dn) {
    // Foreign security principals are named by their SID: CN=S-1-5-11,CN=ForeignSecurityPrincipals,...
    if (dn.regionMatches(true, 0, "CN=S-", 0, 5)) {
      int comma = dn.indexOf(',');
      try {
        return Sid.parse(dn.substring(3, comma > 0 ? comma : dn.length()));
      } catch (IllegalArgumentException ignored) {
        // fall through to a lookup
      }
    }
    try {
      SearchResultEntry e = session.readEntry(dn, "objectSid");
      return e == null ? null : Entries.sid(e, "objectSid");
    } catch (DirectoryException e) {
      return null;
    }
  }

  /** A display name for a SID: well-known names, else the account's sAMAccountName. */
  public String nameOf(Sid s, Sid domainSid) {
    WellKnownSid w = WellKnownSid.lookup(s, domainSid);
    if (w != null) {
      return w.displayName();
    }
    try {
      List<SearchResultEntry> found = new ArrayList<>();
      session.pagedSearch(domainDn, SearchScope.SUB, Filter.createEqualityFilter("objectSid", s.toBytes()),
          10, false, found::add, "sAMAccountName");
      if (found.size() == 1 && found.get(0).getAttributeValue("sAMAccountName") != null) {
        return found.get(0).getAttributeValue("sAMAccountName");
      }
    } catch (DirectoryException ignored) {
      // A name is a courtesy; the SID stands on its own.
    }
    return s.toString();
  }
}
