package org.wbaudit.directory;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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

  /** A user whose uSNChanged moved: where it is now. */
  public record ChangedUser(String dn, UUID guid) {}

  /**
   * A deleted object: its GUID, and whether it was a group or password settings object (either
   * may change users' msDS-ResultantPSO).
   */
  public record Deleted(UUID guid, boolean group, boolean passwordSettings) {}

  /**
   * Everything whose uSNChanged on this DC is above a USN, sorted by what it reaches.
   *
   * @param containers objects of the classes that may hold users (a change reaches every user
   *     below: inherited ACEs, DNs)
   * @param deleted objects deleted since, of any class
   */
  public record Changes(List<ChangedUser> users, List<String> containers, List<String> groups,
      List<String> passwordSettings, List<Deleted> deleted) {}

  /** Classes whose objects may hold users (UserSource.USER_HOLDERS, as values). */
  private static final Set<String> HOLDER_CLASSES = Set.of("organizationalunit", "container",
      "builtindomain", "domaindns", "organization", "lostandfound");

  /**
   * What changed above {@code usn}, deleted objects included, in one search of the domain on the
   * indexed uSNChanged alone: Samba answers a range on it from its ordered index, while the same
   * range ANDed with the users' filter is answered by testing every user. Null when this account
   * cannot see the Deleted Objects container (deletions would go unseen), or when more than
   * {@code limit} objects changed (reading everything costs less).
   */
  public Changes since(long usn, int limit) throws DirectoryException {
    if (!deletionsVisible()) {
      return null;
    }
    List<ChangedUser> users = new ArrayList<>();
    List<String> containers = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    List<String> psos = new ArrayList<>();
    List<Deleted> deleted = new ArrayList<>();
    long[] seen = {0};
    boolean[] over = {false};
    session.pagedSearch(domainDn, SearchScope.SUB, above(usn), PAGE, new Control[] {SHOW_DELETED}, e -> {
      if (over[0] || ++seen[0] > limit) {
        over[0] = true;
        return;
      }
      byte[] raw = e.getAttributeValueBytes("objectGUID");
      UUID guid = raw != null && raw.length == 16 ? Guids.fromBytes(raw) : null;
      Set<String> classes = new HashSet<>();
      String[] values = e.getAttributeValues("objectClass");
      if (values != null) {
        for (String v : values) {
          classes.add(v.toLowerCase(Locale.ROOT));
        }
      }
      if ("TRUE".equalsIgnoreCase(e.getAttributeValue("isDeleted"))) {
        if (guid != null) {
          deleted.add(new Deleted(guid, classes.contains("group"), classes.contains("msds-passwordsettings")));
        }
        return;
      }
      String category = e.getAttributeValue("objectCategory");
      if (classes.contains("user") && !classes.contains("computer") && category != null
          && category.regionMatches(true, 0, "CN=Person,", 0, 10)) {
        users.add(new ChangedUser(e.getDN(), guid));
      } else if (classes.contains("group")) {
        groups.add(e.getDN());
      } else if (classes.contains("msds-passwordsettings")) {
        psos.add(e.getDN());
      }
      if (classes.stream().anyMatch(HOLDER_CLASSES::contains)) {
        containers.add(e.getDN());
      }
    }, "objectGUID", "objectClass", "objectCategory", "isDeleted");
    return over[0] ? null : new Changes(users, containers, groups, psos, deleted);
  }

  /** Whether this account sees the domain's Deleted Objects container (with show-deleted). */
  private boolean deletionsVisible() {
    String container = "<WKGUID=" + DELETED_OBJECTS_WKGUID + "," + domainDn + ">";
    List<SearchResultEntry> seen = new ArrayList<>();
    try {
      session.pagedSearch(container, SearchScope.BASE, Filter.createPresenceFilter("objectClass"), PAGE,
          new Control[] {SHOW_DELETED}, seen::add, "objectGUID");
    } catch (DirectoryException e) {
      return false;
    }
    return !seen.isEmpty();
  }

  /** The direct members of a group, by DN; empty when it cannot be read. */
  public List<String> members(String groupDn) throws DirectoryException {
    SearchResultEntry e = session.readEntry(groupDn, "member");
    String[] values = e == null ? null : e.getAttributeValues("member");
    return values == null ? List.of() : List.of(values);
  }

  private static Filter above(long usn) {
    return Filter.createGreaterOrEqualFilter("uSNChanged", Long.toString(usn + 1));
  }
}
