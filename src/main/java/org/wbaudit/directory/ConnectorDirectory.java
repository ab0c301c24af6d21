package org.wbaudit.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import org.wbaudit.sd.Sid;

/**
 * What the directory says about the accounts sync engines may run as: accounts named or
 * described as an installer names them, the descriptors of the containers that may grant them
 * Reset Password, and any account by SID.
 */
public final class ConnectorDirectory {
  /**
   * An account as connector discovery sees it.
   *
   * @param lastLogonTimestamp the replicated last logon (100 ns since 1601), 0 when never
   * @param userAccountControl 0 when not readable
   */
  public record Account(String dn, Sid sid, String samAccountName, String description,
      List<String> objectClasses, long lastLogonTimestamp, int userAccountControl) {
    public Account {
      objectClasses = List.copyOf(objectClasses);
    }

    public boolean disabled() {
      return (userAccountControl & DirectoryObject.UF_ACCOUNTDISABLE) != 0;
    }
  }

  /** A container's DN and its descriptor as the audited account reads it (null when not). */
  public record Container(String dn, byte[] descriptor) {}

  private static final String[] ACCOUNT_ATTRIBUTES = {"objectSid", "sAMAccountName", "description",
    "objectClass", "lastLogonTimestamp", "userAccountControl"};

  private final DirectorySession session;
  private final String domainDn;

  public ConnectorDirectory(DirectorySession session) {
    this.session = session;
    this.domainDn = session.rootDse().defaultNamingContext();
  }

  /** Accounts whose name starts as {@code prefixes} do, or whose description starts as given. */
  public List<Account> named(List<String> namePrefixes, List<String> descriptionPrefixes)
      throws DirectoryException {
    List<Filter> any = new ArrayList<>();
    namePrefixes.forEach(p -> any.add(Filter.createSubstringFilter("sAMAccountName", p, null, null)));
    descriptionPrefixes.forEach(p -> any.add(Filter.createSubstringFilter("description", p, null, null)));
    List<Account> out = new ArrayList<>();
    session.pagedSearch(domainDn, SearchScope.SUB, Filter.createORFilter(any), 200, false,
        e -> out.add(account(e)), ACCOUNT_ATTRIBUTES);
    return out;
  }

  /** The domain head, its OUs and containers, each with its descriptor. */
  public List<Container> containers() throws DirectoryException {
    List<Container> out = new ArrayList<>();
    session.pagedSearch(domainDn, SearchScope.SUB, Filter.createORFilter(
        Filter.createEqualityFilter("objectClass", "domainDNS"),
        Filter.createEqualityFilter("objectClass", "organizationalUnit"),
        Filter.createEqualityFilter("objectClass", "container")), 200, true,
        e -> out.add(new Container(e.getDN(), e.getAttributeValueBytes("nTSecurityDescriptor"))),
        "nTSecurityDescriptor");
    return out;
  }

  /** The account holding {@code sid} in this domain; null when none does (a well-known SID). */
  public Account bySid(Sid sid) throws DirectoryException {
    List<Account> found = new ArrayList<>();
    session.pagedSearch(domainDn, SearchScope.SUB, Filter.createEqualityFilter("objectSid", sid.toBytes()),
        10, false, e -> found.add(account(e)), ACCOUNT_ATTRIBUTES);
    return found.size() == 1 ? found.get(0) : null;
  }

  private static Account account(SearchResultEntry e) {
    String[] classes = e.getAttributeValues("objectClass");
    return new Account(e.getDN(), Entries.sid(e, "objectSid"), e.getAttributeValue("sAMAccountName"),
        e.getAttributeValue("description"), classes == null ? List.of() : List.of(classes),
        Entries.longOr(e, "lastLogonTimestamp", 0), Entries.intOr(e, "userAccountControl", 0));
  }
}
