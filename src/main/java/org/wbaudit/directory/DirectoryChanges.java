package org.wbaudit.directory;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.wbaudit.sd.Guids;

/**
 * What changed in a domain on one DC since one of its USNs, beyond the users themselves: the
 * objects whose change reaches users without changing them (containers, whose inherited ACEs
 * and DNs the users below take; groups and password settings, which decide the constructed
 * msDS-ResultantPSO), and the users deleted. uSNChanged is local to a DC: these answers mean
 * something only against the DC whose USN it was, which {@link #identity()} names.
 */
public final class DirectoryChanges {
  /** LDAP_SERVER_SHOW_DELETED_OID: lets a search see deleted objects. */
  static final Control SHOW_DELETED = new Control(Oids.SHOW_DELETED, true);
  /** The well-known GUID of a domain's Deleted Objects container. */
  private static final String DELETED_OBJECTS_WKGUID = "18e2ea80684f11d2b9aa00c04f79f805";
  private static final int PAGE = 1000;

  private final DirectorySession session;
  private final String domainDn;

  public DirectoryChanges(DirectorySession session) {
    this.session = session;
    this.domainDn = session.rootDse().defaultNamingContext();
  }

  /**
   * The DC's database, named so that a USN is compared only with USNs of the same one: its
   * NTDS Settings DN and their invocationId (new when the database is restored, so a USN
   * rollback shows as another database); null when either cannot be read.
   */
  public String identity() throws DirectoryException {
    SearchResultEntry dse = session.readEntry("", "dsServiceName");
    String service = dse == null ? null : dse.getAttributeValue("dsServiceName");
    if (service == null) {
      return null;
    }
    SearchResultEntry settings = session.readEntry(service, "invocationId");
    byte[] id = settings == null ? null : settings.getAttributeValueBytes("invocationId");
    return id == null || id.length != 16 ? null : service + " " + Guids.fromBytes(id);
  }

  /** Object classes that may hold users: a change to one reaches every user below it. */
  public List<String> changedContainers(long usn) throws DirectoryException {
    return dns(Filter.createANDFilter(UserSource.USER_HOLDERS, above(usn)));
  }

  /** Groups changed above {@code usn} (membership among what may have changed). */
  public List<String> changedGroups(long usn) throws DirectoryException {
    return dns(Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "group"), above(usn)));
  }

  /** Password settings objects changed above {@code usn}. */
  public List<String> changedPasswordSettings(long usn) throws DirectoryException {
    return dns(Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "msDS-PasswordSettings"),
        above(usn)));
  }

  /** The direct members of a group, by DN; empty when it cannot be read. */
  public List<String> members(String groupDn) throws DirectoryException {
    SearchResultEntry e = session.readEntry(groupDn, "member");
    String[] values = e == null ? null : e.getAttributeValues("member");
    return values == null ? List.of() : List.of(values);
  }

  /**
   * A deleted object: its GUID, and whether it was a group or password settings object (either
   * may change users' msDS-ResultantPSO).
   */
  public record Deleted(UUID guid, boolean group, boolean passwordSettings) {}

  /**
   * Objects deleted above {@code usn} (by the show-deleted control), or null when this account
   * cannot see the domain's Deleted Objects container, so cannot learn of deletions at all.
   */
  public List<Deleted> deleted(long usn) throws DirectoryException {
    String container = "<WKGUID=" + DELETED_OBJECTS_WKGUID + "," + domainDn + ">";
    List<SearchResultEntry> seen = new ArrayList<>();
    try {
      session.pagedSearch(container, SearchScope.BASE, Filter.createPresenceFilter("objectClass"), PAGE,
          new Control[] {SHOW_DELETED}, seen::add, "objectGUID");
    } catch (DirectoryException e) {
      return null;
    }
    if (seen.isEmpty()) {
      return null;
    }
    List<Deleted> out = new ArrayList<>();
    Filter gone = Filter.createANDFilter(Filter.createEqualityFilter("isDeleted", "TRUE"), above(usn));
    session.pagedSearch(domainDn, SearchScope.SUB, gone, PAGE, new Control[] {SHOW_DELETED}, e -> {
      byte[] guid = e.getAttributeValueBytes("objectGUID");
      if (guid != null && guid.length == 16) {
        out.add(new Deleted(Guids.fromBytes(guid), e.hasAttributeValue("objectClass", "group"),
            e.hasAttributeValue("objectClass", "msDS-PasswordSettings")));
      }
    }, "objectGUID", "objectClass");
    return out;
  }

  private List<String> dns(Filter filter) throws DirectoryException {
    Set<String> seen = new HashSet<>();
    List<String> out = new ArrayList<>();
    session.pagedSearch(domainDn, SearchScope.SUB, filter, PAGE, new Control[0], e -> {
      if (seen.add(e.getDN())) {
        out.add(e.getDN());
      }
    }, "1.1");
    return out;
  }

  private static Filter above(long usn) {
    return Filter.createGreaterOrEqualFilter("uSNChanged", Long.toString(usn + 1));
  }
}
