package org.wbaudit.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.wbaudit.sd.Guids;

/**
 * The users of one domain, read as the audit reads them: a paged search (split over the read
 * connections) of person objects of class user, each entry turned into a {@link DirectoryObject}.
 */
public final class UserSource {
  /** Users: person objects of class user (computers have objectCategory computer). */
  static final Filter USERS = Filter.createANDFilter(
      Filter.createEqualityFilter("objectCategory", "person"),
      Filter.createEqualityFilter("objectClass", "user"));

  static final String[] USER_ATTRIBUTES = {
    "objectGUID", "objectSid", "objectClass", "userAccountControl", "adminCount", "lockoutTime",
    "msDS-User-Account-Control-Computed", "nTSecurityDescriptor", "userPrincipalName",
    "sAMAccountName"
  };

  /** msDS-User-Account-Control-Computed UF_LOCKOUT. */
  private static final int UF_LOCKOUT = 0x10;

  private final DirectorySession session;
  private final String domainDn;

  public UserSource(DirectorySession session) {
    this.session = session;
    this.domainDn = session.rootDse().defaultNamingContext();
  }

  /**
   * Streams every user, one page in memory at a time.
   *
   * @return how many users were read
   * @throws DirectoryException if the search fails part-way; users already handled stay handled
   */
  public long users(int pageSize, Consumer<DirectoryObject> handler) throws DirectoryException {
    return users(pageSize, List.of(), List.of(), handler);
  }

  /**
   * Streams the users under {@code bases} (the whole domain when empty), with the values of
   * {@code otherAttributes} as well. Bases must not nest: a user under two would be read twice.
   *
   * @return how many users were read
   */
  public long users(int pageSize, List<String> otherAttributes, List<String> bases,
      Consumer<DirectoryObject> handler) throws DirectoryException {
    List<PagedSearch.SearchPart> parts = new ArrayList<>();
    for (String base : bases.isEmpty() ? List.of(domainDn) : bases) {
      parts.addAll(session.readerCount() > 1 ? userSearchParts(base)
          : List.of(new PagedSearch.SearchPart(base, SearchScope.SUB)));
    }
    // Each attribute asked for once (an anchor may be one the audit reads anyway).
    return session.pagedSearch(parts, USERS, pageSize, true,
        e -> handler.accept(toObject(e, otherAttributes)), attributes(otherAttributes));
  }

  /**
   * Streams the users whose uSNChanged on this DC is above {@code usn}, anywhere in the domain
   * (a user moved out of the bases must be seen leaving them), as {@link #users} reads them.
   */
  public long changedSince(long usn, int pageSize, List<String> otherAttributes,
      Consumer<DirectoryObject> handler) throws DirectoryException {
    Filter changed = Filter.createANDFilter(USERS,
        Filter.createGreaterOrEqualFilter("uSNChanged", Long.toString(usn + 1)));
    return session.pagedSearch(List.of(new PagedSearch.SearchPart(domainDn, SearchScope.SUB)), changed,
        pageSize, true, e -> handler.accept(toObject(e, otherAttributes)), attributes(otherAttributes));
  }

  /** Streams the users at or below {@code dn}, as {@link #users} reads them. */
  public long under(String dn, int pageSize, List<String> otherAttributes,
      Consumer<DirectoryObject> handler) throws DirectoryException {
    return session.pagedSearch(List.of(new PagedSearch.SearchPart(dn, SearchScope.SUB)), USERS, pageSize,
        true, e -> handler.accept(toObject(e, otherAttributes)), attributes(otherAttributes));
  }

  /** One user by DN with further attributes; null when it does not exist or is no user. */
  public DirectoryObject user(String dn, List<String> otherAttributes) throws DirectoryException {
    SearchResultEntry e = session.readEntry(dn, USERS, attributes(otherAttributes));
    return e == null ? null : toObject(e, otherAttributes);
  }

  private static String[] attributes(List<String> otherAttributes) {
    List<String> attributes = new ArrayList<>(List.of(USER_ATTRIBUTES));
    otherAttributes.stream().filter(a -> attributes.stream().noneMatch(a::equalsIgnoreCase))
        .forEach(attributes::add);
    return attributes.toArray(String[]::new);
  }

  /** One user by DN, read as the audit reads users; null when it does not exist. */
  public DirectoryObject user(String dn) throws DirectoryException {
    SearchResultEntry e = session.readEntry(dn, USER_ATTRIBUTES);
    return e == null ? null : toObject(e);
  }

  /** How deep the domain's tree is cut into parts for reading users side by side. */
  static final int SPLIT_DEPTH = 2;

  /** A container with more children than this is read as one part. */
  static final int SPLIT_WIDTH = 64;

  /**
   * Classes the schema lets a user live under (the possible superiors of user, inetOrgPerson
   * and computer and of the classes they derive from); other objects (groups, computers,
   * foreign principals) hold no users, so they are not searched on their own.
   */
  static final Filter USER_HOLDERS = Filter.createORFilter(
      Filter.createEqualityFilter("objectClass", "organizationalUnit"),
      Filter.createEqualityFilter("objectClass", "container"),
      Filter.createEqualityFilter("objectClass", "builtinDomain"),
      Filter.createEqualityFilter("objectClass", "domainDNS"),
      Filter.createEqualityFilter("objectClass", "organization"),
      Filter.createEqualityFilter("objectClass", "lostAndFound"));

  /**
   * The domain's subtree cut into parts that together hold every user once: for a container
   * that is cut, its direct users (one level) and a part for each child that may hold users;
   * containers {@link #SPLIT_DEPTH} levels down that hold such a child, or with more than
   * {@link #SPLIT_WIDTH} such children, stay whole; those {@link #SPLIT_DEPTH} levels down that
   * hold none are read one level. When listing children fails, the domain is read as one part.
   */
  List<PagedSearch.SearchPart> userSearchParts(String base) {
    List<PagedSearch.SearchPart> parts = new ArrayList<>();
    Deque<Map.Entry<String, Integer>> toCut = new ArrayDeque<>();
    toCut.add(Map.entry(base, 0));
    try {
      while (!toCut.isEmpty()) {
        Map.Entry<String, Integer> c = toCut.poll();
        boolean cut = c.getValue() < SPLIT_DEPTH;
        // Below the cut, only whether any container is inside matters: none, and its users are
        // all direct (one level); some, and it is read whole. Samba answers every subtree search
        // below the root by testing each user of the domain against the scope (BENCHMARKS.md).
        List<String> children = session.children(c.getKey(), USER_HOLDERS, cut ? SPLIT_WIDTH : 0);
        if (children == null) {
          parts.add(new PagedSearch.SearchPart(c.getKey(), SearchScope.SUB));
          continue;
        }
        parts.add(new PagedSearch.SearchPart(c.getKey(), SearchScope.ONE));
        children.forEach(child -> toCut.add(Map.entry(child, c.getValue() + 1)));
      }
    } catch (DirectoryException e) {
      return List.of(new PagedSearch.SearchPart(base, SearchScope.SUB));
    }
    return parts;
  }

  static DirectoryObject toObject(SearchResultEntry e) {
    return toObject(e, List.of());
  }

  /** The server's computed lockout state; lockoutTime set where that is not returned. */
  static boolean lockedOut(SearchResultEntry e) {
    int computed = Entries.intOr(e, "msDS-User-Account-Control-Computed", -1);
    return computed >= 0
        ? (computed & UF_LOCKOUT) != 0
        : Entries.longOr(e, "lockoutTime", 0) > 0;
  }

  static DirectoryObject toObject(SearchResultEntry e, List<String> otherAttributes) {
    Map<String, List<byte[]>> other = new HashMap<>();
    for (String name : otherAttributes) {
      List<byte[]> values = Entries.bytes(e, name);
      if (!values.isEmpty()) {
        other.put(name, values);
      }
    }
    byte[] guid = e.getAttributeValueBytes("objectGUID");
    String[] classes = e.getAttributeValues("objectClass");
    boolean locked = lockedOut(e);
    return new DirectoryObject(
        e.getDN(),
        guid != null && guid.length == 16 ? Guids.fromBytes(guid) : null,
        Entries.sid(e, "objectSid"),
        classes == null ? List.of() : List.of(classes),
        Entries.intOr(e, "userAccountControl", 0),
        Entries.intOr(e, "adminCount", 0),
        locked,
        e.getAttributeValueBytes("nTSecurityDescriptor"),
        e.getAttributeValue("userPrincipalName"),
        e.getAttributeValue("sAMAccountName"),
        other);
  }
}
