package org.wbaudit.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import org.wbaudit.sd.Sid;

/**
 * What the directory says about AdminSDHolder protection: the protected groups' DNs, their
 * transitive user members (one in-chain search per group, LDAP_MATCHING_RULE_IN_CHAIN, not one
 * read per user), a user's or group's direct groups, and dSHeuristics.
 */
public final class ProtectionDirectory {
  /** LDAP_MATCHING_RULE_IN_CHAIN: follows member links transitively (MS-ADTS 3.1.1.3.4.4.3). */
  public static final String IN_CHAIN = "1.2.840.113556.1.4.1941";

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

  /** Every user (person, computer or service account) that is, transitively, a member of the group. */
  public List<String> transitiveMembers(String groupDn) throws DirectoryException {
    List<String> out = new ArrayList<>();
    Filter f = Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "user"),
        Filter.createExtensibleMatchFilter("memberOf", IN_CHAIN, false, groupDn));
    session.pagedSearch(domainDn, SearchScope.SUB, f, 500, false, e -> out.add(e.getDN()), "1.1");
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
