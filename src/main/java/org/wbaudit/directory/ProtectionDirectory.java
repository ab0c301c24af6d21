package org.wbaudit.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import org.wbaudit.sd.Sid;

/**
 * What the directory says about AdminSDHolder protection: the protected groups' DNs, their
 * transitive user members (read from the groups' own member lists, nested groups followed), a
 * user's or group's direct groups, and dSHeuristics.
 *
 * <p>Membership is expanded from the groups' side: an in-chain search
 * (LDAP_MATCHING_RULE_IN_CHAIN) over the domain cost a Samba DC a scan of every user per
 * protected group — 35 of the 43 seconds of a 20,000-user audit — while protected groups hold
 * a handful of members.
 */
public final class ProtectionDirectory {
  private final DirectorySession session;
  private final String domainDn;

  public ProtectionDirectory(DirectorySession session) {
    this.session = session;
    this.domainDn = session.rootDse().defaultNamingContext();
  }

  /** The DN of the object holding {@code sid} in this domain; null when none does. */
  public String dnOf(Sid sid) throws DirectoryException {
    List<String> found = new ArrayList<>();
    session.pagedSearch(domainDn, SearchScope.SUB, Filter.createEqualityFilter("objectSid", sid.toBytes()),
        10, false, e -> found.add(e.getDN()), "1.1");
    return found.size() == 1 ? found.get(0) : null;
  }

  /**
   * Every user (person, computer or service account: objectClass user) that is, transitively, a
   * member of the group, in the order found. Nested groups are followed once each; members that
   * cannot be read (another domain's, a foreign security principal) are passed by, as the
   * DC's own in-chain evaluation passes them by.
   */
  public List<String> transitiveMembers(String groupDn) throws DirectoryException {
    List<String> users = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.Deque<String> groups = new java.util.ArrayDeque<>(List.of(groupDn));
    seen.add(groupDn.toLowerCase(java.util.Locale.ROOT));
    while (!groups.isEmpty()) {
      for (String member : members(groups.pop())) {
        if (!seen.add(member.toLowerCase(java.util.Locale.ROOT))) {
          continue;
        }
        SearchResultEntry e = session.readEntry(member, "objectClass");
        if (e == null || !e.hasAttribute("objectClass")) {
          continue;
        }
        if (e.hasAttributeValue("objectClass", "group")) {
          groups.push(member);
        } else if (e.hasAttributeValue("objectClass", "user")) {
          users.add(member);
        }
      }
    }
    return users;
  }

  /**
   * A group's direct members. A DC hands over at most 1,500 values of {@code member} at a time
   * (MaxValRange), as {@code member;range=0-1499}; the rest are asked for range by range.
   */
  public List<String> members(String groupDn) throws DirectoryException {
    List<String> out = new ArrayList<>();
    String ask = "member";
    while (ask != null) {
      SearchResultEntry e = session.readEntry(groupDn, ask);
      if (e == null) {
        return out;
      }
      String next = null;
      boolean any = false;
      for (com.unboundid.ldap.sdk.Attribute a : e.getAttributes()) {
        String name = a.getName();
        if (name.equalsIgnoreCase("member")) {
          out.addAll(List.of(a.getValues()));
          any = true;
        } else if (name.toLowerCase(java.util.Locale.ROOT).startsWith("member;range=")) {
          out.addAll(List.of(a.getValues()));
          any = true;
          String range = name.substring(name.indexOf('=') + 1);
          String end = range.substring(range.indexOf('-') + 1);
          // "…-*" is the last range; otherwise ask from the value after this range's end.
          next = end.equals("*") ? null : "member;range=" + (Long.parseLong(end) + 1) + "-*";
        }
      }
      ask = any ? next : null;
    }
    return out;
  }

  /** The groups an entry is a direct member of (its memberOf); empty when none or unreadable. */
  public List<String> memberOf(String dn) throws DirectoryException {
    SearchResultEntry e = session.readEntry(dn, "memberOf");
    String[] v = e == null ? null : e.getAttributeValues("memberOf");
    return v == null ? List.of() : List.of(v);
  }

  /** Records a read the caller goes on without, for the report's missing parts. */
  public void unread(String what, DirectoryException e) {
    session.unread(what, e);
  }

  /** dSHeuristics of the forest; null when unset or not readable. */
  public String dsHeuristics() throws DirectoryException {
    String config = session.rootDse().configurationNamingContext();
    if (config == null) {
      return null;
    }
    SearchResultEntry e = session.readEntry("CN=Directory Service,CN=Windows NT,CN=Services," + config,
        "dSHeuristics");
    return e == null ? null : e.getAttributeValue("dSHeuristics");
  }

  /** The forest root domain's SID; null when its domain object cannot be read. */
  public Sid rootDomainSid() throws DirectoryException {
    String root = session.rootDse().rootDomainNamingContext();
    SearchResultEntry e = root == null ? null : session.readEntry(root, "objectSid");
    return e == null ? null : Entries.sid(e, "objectSid");
  }
}
