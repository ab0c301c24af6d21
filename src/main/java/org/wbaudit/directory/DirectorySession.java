package org.wbaudit.directory;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Bound, TLS-protected LDAP connections to one domain controller: the first for lookups, all of
 * them for reading users side by side ({@code readConnections}). Reads only: no method here
 * writes to the directory. Opening is {@link Connector}'s; paging is {@link PagedSearch}'s.
 */
public final class DirectorySession implements AutoCloseable {
  private final LDAPConnection connection;
  /**
   * Connections that read users side by side, never {@link #connection}: Samba drops a paged
   * search (unwilling to perform, after two pages) when other requests run on its connection
   * between pages, and the audit looks up ancestors and groups while users stream in.
   */
  private final List<LDAPConnection> readers;
  private final LdapUrl url;
  private final RootDse rootDse;
  /** The settings without the password (wiped): to read other DCs' root DSEs the same way. */
  private final ConnectionSettings probeSettings;
  private final ConnectionHealth health;
  /** DCs tried before this one, each with why it was passed over (DNS discovery); else empty. */
  private final List<String> passedOver;
  /** Who the DC says wbaudit is bound as (its Who Am I answer), or the bind name. */
  private final String boundAs;

  private DirectorySession(LDAPConnection connection, List<LDAPConnection> readers, LdapUrl url,
      RootDse rootDse, ConnectionSettings probeSettings, ConnectionHealth health,
      List<String> passedOver) {
    this.health = health;
    this.passedOver = List.copyOf(passedOver);
    this.boundAs = whoAmI(connection, probeSettings);
    this.connection = connection;
    this.readers = List.copyOf(readers);
    this.url = url;
    this.rootDse = rootDse;
    this.probeSettings = probeSettings;
  }

  /**
   * Connects, checks that the server is an AD DC, secures the channel and binds.
   *
   * @throws DirectoryException saying which step failed and why; never containing the password
   */
  public static DirectorySession open(ConnectionSettings settings) throws DirectoryException {
    return open(settings, List.of());
  }

  /**
   * Opens within shorter timeouts than the audit's (the DC locator's share of its deadline),
   * then gives each connection the settings' own response timeout for the reads to come.
   */
  static DirectorySession open(ConnectionSettings settings, List<String> passedOver,
      java.time.Duration connectTimeout, java.time.Duration responseTimeout) throws DirectoryException {
    return open(settings.withTimeouts(connectTimeout, responseTimeout), settings, passedOver);
  }

  /** @param passedOver DCs tried first that did not answer, each with why */
  static DirectorySession open(ConnectionSettings settings, List<String> passedOver)
      throws DirectoryException {
    return open(settings, settings, passedOver);
  }

  /**
   * @param opening how to connect and bind
   * @param kept the timeouts the connections keep for the reads, and the probes' settings
   */
  private static DirectorySession open(ConnectionSettings opening, ConnectionSettings kept,
      List<String> passedOver) throws DirectoryException {
    ConnectionSettings settings = opening;
    List<LDAPConnection> opened = new ArrayList<>();
    RootDse dse = null;
    ConnectionHealth health = new ConnectionHealth();
    // The lookups get a connection of their own, and each reader thread keeps to its own: Samba
    // gives up a paged search whose connection served other requests between its pages, and the
    // LDAP SDK writes SASL-sealed messages without a lock (two threads sending on one sealed
    // connection interleave frames and Kerberos sequence numbers).
    int count = settings.readConnections() + 1;
    try {
      for (int i = 0; i < count; i++) {
        Connector.Bound b = Connector.open(settings, health);
        opened.add(b.connection());
        dse = dse == null ? b.rootDse() : dse;
      }
    } catch (DirectoryException | RuntimeException e) {
      opened.forEach(LDAPConnection::close);
      throw e;
    }
    if (!kept.responseTimeout().equals(opening.responseTimeout())) {
      for (LDAPConnection c : opened) {
        com.unboundid.ldap.sdk.LDAPConnectionOptions o = c.getConnectionOptions().duplicate();
        o.setResponseTimeoutMillis(kept.responseTimeout().toMillis());
        c.setConnectionOptions(o);
      }
    }
    return new DirectorySession(opened.get(0), opened.subList(1, count),
        settings.url(), dse, kept.withoutPassword(), health, passedOver);
  }

  /**
   * Reads the audit went on without (an ancestor's descriptor, a group's members), each with
   * why: the report lists them as missing. Readers that can do without a read say so here.
   */
  public List<String> unread() {
    return health.unread();
  }

  /** Records a read the caller goes on without. */
  public void unread(String what, DirectoryException e) {
    health.unread(what, e);
  }

  /**
   * Reads another DC's root DSE, with this session's certificate checks and timeouts and no
   * credentials: over TLS for ldaps://, before StartTLS for ldap:// (the root DSE is public,
   * as when this session was opened).
   *
   * @throws DirectoryException when it cannot be reached or read
   */
  public RootDse probe(LdapUrl other) throws DirectoryException {
    LDAPConnection c = Connector.connect(other, probeSettings,
        Connector.tlsFactory(probeSettings.trust(), other));
    try {
      return RootDse.read(c);
    } catch (LDAPException e) {
      throw Connector.connectFailure(other, e);
    } finally {
      c.close();
    }
  }

  public RootDse rootDse() {
    return rootDse;
  }

  /** How wbaudit authenticated: never a secret, only the method and where credentials came from. */
  public String authentication() {
    return probeSettings.describeAuthentication();
  }

  /** What protects the connection from being read or altered on the way. */
  public String protection() {
    String tls = negotiated(connection);
    return probeSettings.kerberos() != null ? KerberosBind.describeProtection(url, tls)
        : (url.secureFromStart() ? "TLS (ldaps" : "TLS (StartTLS") + tls + ")";
  }

  /** "; protocol, cipher suite" as the handshake settled them, or nothing without TLS. */
  private static String negotiated(LDAPConnection c) {
    javax.net.ssl.SSLSession s = c.getSSLSession();
    return s == null ? "" : "; " + s.getProtocol() + ", " + s.getCipherSuite();
  }

  /**
   * The account bound as: with a simple bind its name as given; with Kerberos the DC's own
   * answer (Who Am I, {@code DOMAIN\account}), since the ticket may name no account wbaudit knew.
   */
  public String boundAs() {
    return boundAs;
  }

  private static String whoAmI(LDAPConnection c, ConnectionSettings settings) {
    if (settings.kerberos() == null) {
      return settings.bindName();
    }
    try {
      com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult r =
          (com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult) c.processExtendedOperation(
              new com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest());
      String id = r.getAuthorizationID();
      if (r.getResultCode() == ResultCode.SUCCESS && id != null
          && (id.startsWith("u:") || id.startsWith("dn:"))) {
        return id.substring(id.indexOf(':') + 1);
      }
    } catch (LDAPException | ClassCastException e) {
      // fall back to the principal the credentials named
    }
    Kerberos k = settings.kerberos();
    if (k.principal() != null) {
      return k.principal();
    }
    try {
      return TicketCache.read(k.ticketCache()).defaultPrincipal();
    } catch (java.io.IOException | IllegalArgumentException e) {
      return settings.bindName(); // the bind just succeeded with this cache; it reads
    }
  }

  /** DCs tried before this one and why each was passed over; empty unless found through DNS. */
  public List<String> passedOver() {
    return passedOver;
  }

  public LdapUrl url() {
    return url;
  }

  /** The root DSE read again now: for highestCommittedUSN before and after an audit. */
  public RootDse freshRootDse() throws DirectoryException {
    health.check("the root DSE");
    try {
      return RootDse.read(connection);
    } catch (LDAPException e) {
      health.failed(e, "the root DSE");
      throw Entries.readFailure("the root DSE", e);
    }
  }

  /** One entry by DN, with the SD flags control; null when it does not exist. */
  SearchResultEntry readEntry(String dn, String... attributes) throws DirectoryException {
    return readEntry(dn, Filter.createPresenceFilter("objectClass"), attributes);
  }

  /** One entry by DN if it matches {@code filter}, with the SD flags control; else null. */
  SearchResultEntry readEntry(String dn, Filter filter, String... attributes) throws DirectoryException {
    health.check(dn);
    try {
      SearchRequest r = new SearchRequest(dn, SearchScope.BASE, filter, attributes);
      r.addControl(PagedSearch.SD_FLAGS);
      SearchResult result = connection.search(r);
      return result.getEntryCount() == 0 ? null : result.getSearchEntries().get(0);
    } catch (LDAPException e) {
      if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
        return null;
      }
      health.failed(e, dn);
      throw Entries.readFailure(dn, e);
    }
  }

  /**
   * A paged search. While the entries of one page are handled, the server is already producing
   * the next (the request goes out as soon as the previous page's cookie arrives), so the DC is
   * never idle waiting for wbaudit. At most two pages are in memory, whatever the number of
   * entries.
   *
   * @return how many entries were handled
   */
  long pagedSearch(String base, SearchScope scope, Filter filter, int pageSize,
      boolean withDescriptor, PagedSearch.EntryHandler handler, String... attributes)
      throws DirectoryException {
    return PagedSearch.pages(connection, new PagedSearch.SearchPart(base, scope), filter, pageSize, withDescriptor,
        page -> {
          for (SearchResultEntry entry : page) {
            handler.handle(entry);
          }
        }, attributes, health);
  }

  /** A paged search with these controls (besides paging) on each request. */
  long pagedSearch(String base, SearchScope scope, Filter filter, int pageSize, Control[] controls,
      PagedSearch.EntryHandler handler, String... attributes) throws DirectoryException {
    return PagedSearch.pages(connection, new PagedSearch.SearchPart(base, scope), filter, pageSize, controls,
        page -> {
          for (SearchResultEntry entry : page) {
            handler.handle(entry);
          }
        }, attributes, health);
  }

  /**
   * The same filter searched under each part, the parts shared out over the read connections.
   * Pages are handed to {@code handler} on the calling thread, one at a time, in the order they
   * arrive; at most two pages per connection wait in memory. A failure of any part stops them
   * all and is thrown once the entries read before it have been handled.
   *
   * @return how many entries were handled
   */
  long pagedSearch(List<PagedSearch.SearchPart> parts, Filter filter, int pageSize,
      boolean withDescriptor, PagedSearch.EntryHandler handler, String... attributes)
      throws DirectoryException {
    if (readers.size() == 1 || parts.size() == 1) {
      long n = 0;
      for (PagedSearch.SearchPart part : parts) {
        n += PagedSearch.pages(readers.get(0), part, filter, pageSize, withDescriptor, page -> {
          for (SearchResultEntry entry : page) {
            handler.handle(entry);
          }
        }, attributes, health);
      }
      return n;
    }
    return new SplitSearch(this, readers, parts).run(
        (c, part, pages) -> PagedSearch.pages(c, part, filter, pageSize, withDescriptor, pages,
            attributes, health),
        handler);
  }

  /**
   * The DNs of the children of {@code dn} that match {@code filter} and head no naming context
   * of their own, or null when there are more than {@code limit}.
   */
  List<String> children(String dn, Filter filter, int limit) throws DirectoryException {
    health.check("the children of " + dn);
    SearchRequest r = new SearchRequest(dn, SearchScope.ONE, filter, "instanceType");
    r.setSizeLimit(limit + 1);
    SearchResult result;
    try {
      result = connection.search(r);
    } catch (com.unboundid.ldap.sdk.LDAPSearchException e) {
      if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
        return null;
      }
      health.failed(e, "the children of " + dn);
      throw Entries.readFailure("the children of " + dn, e);
    }
    if (result.getEntryCount() > limit) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (SearchResultEntry e : result.getSearchEntries()) {
      // instanceType bit 1 marks the head of another naming context (DomainDnsZones, say),
      // which a subtree search of this domain does not enter either.
      if ((Entries.intOr(e, "instanceType", 0) & 1) == 0) {
        out.add(e.getDN());
      }
    }
    return out;
  }

  /** How many connections read users side by side. */
  int readerCount() {
    return readers.size();
  }

  @Override
  public void close() {
    if (!readers.contains(connection)) {
      connection.close();
    }
    readers.forEach(LDAPConnection::close);
  }
}
