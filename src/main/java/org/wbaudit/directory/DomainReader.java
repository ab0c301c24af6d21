package org.wbaudit.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.time.Duration;
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
import java.util.function.Consumer;
import org.wbaudit.sd.Guids;
import org.wbaudit.sd.MalformedDescriptorException;
import org.wbaudit.sd.Sid;
import org.wbaudit.sd.WellKnownSid;

/**
 * What the audit reads from one domain, in the directory's own terms turned into wbaudit's
 * records: the domain object, the principal and its token, the users, and schema names.
 */
public final class DomainReader {
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

  public DomainReader(DirectorySession session) {
    this.session = session;
    this.domainDn = session.rootDse().defaultNamingContext();
  }

  public String domainDn() {
    return domainDn;
  }

  /** The domain object, with its descriptor and password policy. */
  public DomainInfo domain() throws DirectoryException {
    SearchResultEntry e = session.readEntry(domainDn, "objectSid", "nTSecurityDescriptor",
        "minPwdAge", "pwdHistoryLength", "minPwdLength", "pwdProperties", "lockoutThreshold");
    if (e == null) {
      throw new DirectoryException(DirectoryException.Kind.READ,
          "the domain object " + domainDn + " cannot be read", null, null);
    }
    Sid sid = sid(e, "objectSid");
    if (sid == null) {
      throw new DirectoryException(DirectoryException.Kind.READ,
          "the domain object " + domainDn + " has no readable objectSid", null, null);
    }
    // minPwdAge is a negative count of 100 ns intervals.
    long minAge = Math.abs(DirectorySession.longOr(e, "minPwdAge", 0));
    return new DomainInfo(e.getDN(), sid, e.getAttributeValueBytes("nTSecurityDescriptor"),
        Duration.ofNanos(minAge).multipliedBy(100),
        DirectorySession.intOr(e, "pwdHistoryLength", 0),
        DirectorySession.intOr(e, "minPwdLength", 0),
        DirectorySession.intOr(e, "pwdProperties", 0),
        DirectorySession.intOr(e, "lockoutThreshold", 0));
  }

  /**
   * Finds an account by DN, UPN or sAMAccountName (also DOMAIN\name).
   *
   * @return null when no account has that name
   * @throws DirectoryException when the name is ambiguous or the search fails
   */
  public PrincipalInfo findPrincipal(String name) throws DirectoryException {
    String[] attrs = {"objectSid", "sAMAccountName", "userPrincipalName", "primaryGroupID", "memberOf",
        "userAccountControl", "msDS-User-Account-Control-Computed", "lockoutTime"};
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
    Sid sid = sid(e, "objectSid");
    if (sid == null) {
      throw new DirectoryException(DirectoryException.Kind.READ,
          "the account " + e.getDN() + " has no readable objectSid", null, null);
    }
    String[] memberOf = e.getAttributeValues("memberOf");
    return new PrincipalInfo(e.getDN(), sid, e.getAttributeValue("sAMAccountName"),
        e.getAttributeValue("userPrincipalName"), DirectorySession.intOr(e, "primaryGroupID", -1),
        memberOf == null ? List.of() : List.of(memberOf),
        DirectorySession.intOr(e, "userAccountControl", 0), lockedOut(e));
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
      for (byte[] b : DirectorySession.bytes(e, "tokenGroups")) {
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
      Sid s = sid(g, "objectSid");
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
          Sid s = sid(e, "objectSid");
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
      return e == null ? null : sid(e, "objectSid");
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
    List<DirectorySession.SearchPart> parts = new ArrayList<>();
    for (String base : bases.isEmpty() ? List.of(domainDn) : bases) {
      parts.addAll(session.readerCount() > 1 ? userSearchParts(base)
          : List.of(new DirectorySession.SearchPart(base, SearchScope.SUB)));
    }
    List<String> attributes = new ArrayList<>(List.of(USER_ATTRIBUTES));
    attributes.addAll(otherAttributes);
    return session.pagedSearch(parts, USERS, pageSize, true,
        e -> handler.accept(toObject(e, otherAttributes)), attributes.toArray(String[]::new));
  }

  /** crossRef systemFlags: the naming context is a domain. */
  private static final int FLAG_CR_NTDS_DOMAIN = 0x2;

  /**
   * The forest's domains (crossRef objects under CN=Partitions) and domain controllers (nTDSDSA
   * objects under CN=Sites, with their server object's dNSHostName). A forest whose
   * configuration partition cannot be read gives an empty topology: the DC wbaudit is connected
   * to is still checked.
   */
  public ForestTopology topology() throws DirectoryException {
    String config = session.rootDse().configurationNamingContext();
    if (config == null) {
      return new ForestTopology(List.of(), List.of());
    }
    List<ForestTopology.Domain> domains = new ArrayList<>();
    List<SearchResultEntry> refs = new ArrayList<>();
    searchIfPresent("CN=Partitions," + config, SearchScope.ONE,
        Filter.createEqualityFilter("objectClass", "crossRef"), refs, "nCName", "dnsRoot", "systemFlags");
    for (SearchResultEntry e : refs) {
      if ((DirectorySession.intOr(e, "systemFlags", 0) & FLAG_CR_NTDS_DOMAIN) != 0
          && e.getAttributeValue("nCName") != null) {
        domains.add(new ForestTopology.Domain(e.getAttributeValue("nCName"), e.getAttributeValue("dnsRoot")));
      }
    }
    List<ForestTopology.Controller> controllers = new ArrayList<>();
    List<SearchResultEntry> dsas = new ArrayList<>();
    searchIfPresent("CN=Sites," + config, SearchScope.SUB,
        Filter.createEqualityFilter("objectClass", "nTDSDSA"), dsas, "msDS-HasDomainNCs", "hasMasterNCs");
    for (SearchResultEntry e : dsas) {
      String server;
      try {
        server = e.getParsedDN().getParentString();
      } catch (com.unboundid.ldap.sdk.LDAPException x) {
        continue;
      }
      SearchResultEntry s = server == null ? null : session.readEntry(server, "dNSHostName");
      Set<String> held = new LinkedHashSet<>();
      for (String attr : List.of("msDS-HasDomainNCs", "hasMasterNCs")) {
        String[] v = e.getAttributeValues(attr);
        if (v != null) {
          for (String nc : v) {
            if (domains.stream().anyMatch(d -> d.dn().equalsIgnoreCase(nc))) {
              held.add(nc);
            }
          }
        }
      }
      controllers.add(new ForestTopology.Controller(
          s == null ? null : s.getAttributeValue("dNSHostName"), server, List.copyOf(held)));
    }
    return new ForestTopology(domains, controllers);
  }

  private void searchIfPresent(String base, SearchScope scope, Filter filter,
      List<SearchResultEntry> into, String... attributes) throws DirectoryException {
    try {
      session.pagedSearch(base, scope, filter, 500, false, into::add, attributes);
    } catch (DirectoryException e) {
      if (e.resultCode() == null || !e.resultCode().startsWith("no such object")) {
        throw e;
      }
    }
  }

  /** The DNS name of a domain DN (DC=corp,DC=example → corp.example); empty without DC parts. */
  public static String dnsName(String dn) {
    List<String> labels = new ArrayList<>();
    for (String rdn : dn.split(",")) {
      String t = rdn.trim();
      if (t.regionMatches(true, 0, "DC=", 0, 3)) {
        labels.add(t.substring(3));
      }
    }
    return String.join(".", labels).toLowerCase(java.util.Locale.ROOT);
  }

  /** The DN one level up; null for a DN with one component or that does not parse. */
  public static String parentOf(String dn) {
    try {
      com.unboundid.ldap.sdk.DN parent = new com.unboundid.ldap.sdk.DN(dn).getParent();
      return parent == null || parent.isNullDN() ? null : parent.toString();
    } catch (com.unboundid.ldap.sdk.LDAPException e) {
      return null;
    }
  }

  /** A container's nTSecurityDescriptor as the audited account reads it; null when unreadable. */
  public byte[] descriptorOf(String dn) {
    try {
      SearchResultEntry e = session.readEntry(dn, "nTSecurityDescriptor");
      return e == null ? null : e.getAttributeValueBytes("nTSecurityDescriptor");
    } catch (DirectoryException e) {
      return null; // an ancestor that cannot be read ends the walk; nothing is guessed
    }
  }

  /** One user by DN, read as the audit reads users; null when it does not exist. */
  public DirectoryObject user(String dn) throws DirectoryException {
    SearchResultEntry e = session.readEntry(dn, USER_ATTRIBUTES);
    return e == null ? null : toObject(e);
  }

  /** Whether an entry exists at {@code dn} (and the account can see it). */
  public boolean exists(String dn) throws DirectoryException {
    return session.readEntry(dn, "1.1") != null;
  }

  /** Does this forest's schema define the attribute (mailNickname needs Exchange's schema)? */
  public boolean schemaHasAttribute(String ldapName) throws DirectoryException {
    String schema = session.rootDse().schemaNamingContext();
    if (schema == null) {
      return false;
    }
    List<SearchResultEntry> found = new ArrayList<>();
    session.pagedSearch(schema, SearchScope.ONE, Filter.createANDFilter(
        Filter.createEqualityFilter("objectClass", "attributeSchema"),
        Filter.createEqualityFilter("lDAPDisplayName", ldapName)), 10, false, found::add, "1.1");
    return !found.isEmpty();
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
   * containers {@link #SPLIT_DEPTH} levels down, or with more than {@link #SPLIT_WIDTH} such
   * children, stay whole. When listing children fails, the domain is read as one part.
   */
  List<DirectorySession.SearchPart> userSearchParts(String base) {
    List<DirectorySession.SearchPart> parts = new ArrayList<>();
    Deque<Map.Entry<String, Integer>> toCut = new ArrayDeque<>();
    toCut.add(Map.entry(base, 0));
    try {
      while (!toCut.isEmpty()) {
        Map.Entry<String, Integer> c = toCut.poll();
        List<String> children = c.getValue() < SPLIT_DEPTH
            ? session.children(c.getKey(), USER_HOLDERS, SPLIT_WIDTH) : null;
        if (children == null) {
          parts.add(new DirectorySession.SearchPart(c.getKey(), SearchScope.SUB));
          continue;
        }
        parts.add(new DirectorySession.SearchPart(c.getKey(), SearchScope.ONE));
        children.forEach(child -> toCut.add(Map.entry(child, c.getValue() + 1)));
      }
    } catch (DirectoryException e) {
      return List.of(new DirectorySession.SearchPart(base, SearchScope.SUB));
    }
    return parts;
  }

  static DirectoryObject toObject(SearchResultEntry e) {
    return toObject(e, List.of());
  }

  /** The server's computed lockout state; lockoutTime set where that is not returned. */
  private static boolean lockedOut(SearchResultEntry e) {
    int computed = DirectorySession.intOr(e, "msDS-User-Account-Control-Computed", -1);
    return computed >= 0
        ? (computed & UF_LOCKOUT) != 0
        : DirectorySession.longOr(e, "lockoutTime", 0) > 0;
  }

  static DirectoryObject toObject(SearchResultEntry e, List<String> otherAttributes) {
    Map<String, List<byte[]>> other = new HashMap<>();
    for (String name : otherAttributes) {
      List<byte[]> values = DirectorySession.bytes(e, name);
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
        sid(e, "objectSid"),
        classes == null ? List.of() : List.of(classes),
        DirectorySession.intOr(e, "userAccountControl", 0),
        DirectorySession.intOr(e, "adminCount", 0),
        locked,
        e.getAttributeValueBytes("nTSecurityDescriptor"),
        e.getAttributeValue("userPrincipalName"),
        e.getAttributeValue("sAMAccountName"),
        other);
  }

  static Sid sid(SearchResultEntry e, String attr) {
    byte[] b = e.getAttributeValueBytes(attr);
    if (b == null) {
      return null;
    }
    try {
      return Sid.fromBytes(b);
    } catch (MalformedDescriptorException x) {
      return null;
    }
  }

  /**
   * Names of attributes, classes, extended rights and property sets of this forest, looked up
   * in the schema and the Extended-Rights container as they are needed. A failed lookup leaves
   * the GUID as it is: names are a courtesy, verdicts never depend on them.
   */
  public SchemaNames schemaNames() {
    String schema = session.rootDse().schemaNamingContext();
    String config = session.rootDse().configurationNamingContext();
    return new SchemaNames(guid -> {
      Optional<String> n = schema == null ? Optional.empty()
          : first(schema, Filter.createEqualityFilter("schemaIDGUID", Guids.toBytes(guid)), "lDAPDisplayName");
      if (n.isEmpty() && config != null) {
        n = first("CN=Extended-Rights," + config,
            Filter.createEqualityFilter("rightsGuid", guid.toString()), "displayName");
      }
      return n;
    }, name -> {
      if (schema == null) {
        return Optional.empty();
      }
      Filter f = Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "classSchema"),
          Filter.createEqualityFilter("lDAPDisplayName", name));
      List<SearchResultEntry> found = new ArrayList<>();
      try {
        session.pagedSearch(schema, SearchScope.ONE, f, 10, false, found::add, "schemaIDGUID");
      } catch (DirectoryException e) {
        return Optional.empty();
      }
      byte[] g = found.isEmpty() ? null : found.get(0).getAttributeValueBytes("schemaIDGUID");
      return g != null && g.length == 16 ? Optional.of(Guids.fromBytes(g)) : Optional.empty();
    });
  }

  private Optional<String> first(String base, Filter filter, String attribute) {
    List<SearchResultEntry> found = new ArrayList<>();
    try {
      session.pagedSearch(base, SearchScope.ONE, filter, 10, false, found::add, attribute);
    } catch (DirectoryException e) {
      return Optional.empty();
    }
    return found.isEmpty() ? Optional.empty() : Optional.ofNullable(found.get(0).getAttributeValue(attribute));
  }
}
