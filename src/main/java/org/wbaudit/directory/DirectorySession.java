package org.wbaudit.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A bound, TLS-protected LDAP connection to one domain controller. Reads only: no method here
 * writes to the directory.
 *
 * <p>Opening follows the order a cautious client should: connect, read the root DSE (public, no
 * credentials) to learn whether this is an AD DC at all, secure the channel (LDAPS, or StartTLS
 * over ldap://, never a clear-text bind), and only then send the password.
 */
public final class DirectorySession implements AutoCloseable {
  /** Asking for owner, group and DACL is what lets a non-admin account read descriptors. */
  static final Control SD_FLAGS = new SdFlagsControl(SdFlagsControl.OWNER_GROUP_DACL, false);

  private final LDAPConnection connection;
  /** Connections that read users side by side; the first is {@link #connection}. */
  private final List<LDAPConnection> readers;
  private final LdapUrl url;
  private final RootDse rootDse;
  /** The settings without the password (wiped): to read other DCs' root DSEs the same way. */
  private final ConnectionSettings probeSettings;

  private DirectorySession(List<LDAPConnection> readers, LdapUrl url, RootDse rootDse,
      ConnectionSettings probeSettings) {
    this.connection = readers.get(0);
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
    List<LDAPConnection> opened = new ArrayList<>();
    RootDse dse = null;
    try {
      for (int i = 0; i < settings.readConnections(); i++) {
        Bound b = openOne(settings);
        opened.add(b.connection());
        dse = dse == null ? b.rootDse() : dse;
      }
    } catch (DirectoryException | RuntimeException e) {
      opened.forEach(LDAPConnection::close);
      throw e;
    }
    return new DirectorySession(opened, settings.url(), dse, new ConnectionSettings(
        settings.url(), settings.bindName(), new char[0], settings.trust(),
        settings.connectTimeout(), settings.responseTimeout(), 1));
  }

  /**
   * Reads another DC's root DSE, with this session's certificate checks and timeouts and no
   * credentials: over TLS for ldaps://, before StartTLS for ldap:// (the root DSE is public,
   * as when this session was opened).
   *
   * @throws DirectoryException when it cannot be reached or read
   */
  public RootDse probe(LdapUrl other) throws DirectoryException {
    LDAPConnection c = connect(other, probeSettings, tlsFactory(probeSettings.trust(), other));
    try {
      return readRootDse(c);
    } catch (LDAPException e) {
      throw connectFailure(other, e);
    } finally {
      c.close();
    }
  }

  private record Bound(LDAPConnection connection, RootDse rootDse) {}

  private static Bound openOne(ConnectionSettings settings) throws DirectoryException {
    LdapUrl url = settings.url();
    SSLSocketFactory tls = tlsFactory(settings.trust(), url);
    LDAPConnection c = connect(url, settings, tls);
    try {
      RootDse dse;
      try {
        dse = readRootDse(c);
      } catch (LDAPException e) {
        throw connectFailure(url, e);
      }
      if (!dse.isActiveDirectory()) {
        throw new DirectoryException(DirectoryException.Kind.NOT_ACTIVE_DIRECTORY,
            url + " is an LDAP server but not an Active Directory domain controller: its root DSE"
                + " lacks the AD capability (" + Oids.CAPABILITY_ACTIVE_DIRECTORY + "), a"
                + " domainControllerFunctionality or a defaultNamingContext", null, null);
      }
      if (!url.secureFromStart()) {
        startTls(c, tls, url);
      }
      bind(c, settings, url);
      return new Bound(c, dse);
    } catch (DirectoryException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private static SSLSocketFactory tlsFactory(TrustPolicy trust, LdapUrl url)
      throws DirectoryException {
    try {
      return sslUtil(trust, url.host()).createSSLSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new DirectoryException(DirectoryException.Kind.TLS,
          "cannot set up TLS for " + url + ": " + e.getMessage(), null, e);
    }
  }

  private static LDAPConnection connect(LdapUrl url, ConnectionSettings settings,
      SSLSocketFactory tls) throws DirectoryException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
    options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
    // Asynchronous mode lets the next page be requested while this one is handled; a large
    // receive buffer lets the DC hand over a page without waiting for wbaudit to read it.
    options.setUseSynchronousMode(false);
    options.setReceiveBufferSize(4 * 1024 * 1024);
    try {
      return url.secureFromStart()
          ? new LDAPConnection(tls, options, url.host(), url.port())
          : new LDAPConnection(options, url.host(), url.port());
    } catch (LDAPException e) {
      throw connectFailure(url, e);
    }
  }

  private static SSLUtil sslUtil(TrustPolicy trust, String host) throws DirectoryException {
    TrustManager tm;
    if (trust.trustAll()) {
      tm = new TrustAllTrustManager();
    } else if (trust.trustStore() != null) {
      String name = trust.trustStore().getFileName().toString().toLowerCase(Locale.ROOT);
      try {
        tm = name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")
            ? new PEMFileTrustManager(trust.trustStore().toFile())
            : new TrustStoreTrustManager(trust.trustStore().toFile());
      } catch (Exception e) {
        throw new DirectoryException(DirectoryException.Kind.SETTINGS,
            "cannot read trust store " + trust.trustStore() + ": " + e.getMessage(), null, e);
      }
    } else {
      tm = JVMDefaultTrustManager.getInstance();
    }
    // The host name is checked inside the handshake, so a mismatch fails it the same way for
    // ldaps:// and StartTLS; the LDAP SDK connects by address and would leave the check out.
    return new SSLUtil(trust.trustAll() ? tm : HostnameCheck.verifying((X509TrustManager) tm, host));
  }

  private static void startTls(LDAPConnection c, SSLSocketFactory tls, LdapUrl url)
      throws DirectoryException {
    try {
      ExtendedResult r = c.processExtendedOperation(new StartTLSExtendedRequest(tls));
      if (r.getResultCode() != ResultCode.SUCCESS) {
        throw new DirectoryException(DirectoryException.Kind.TLS,
            url + " refused StartTLS (" + describe(r.getResultCode()) + "); wbaudit never binds"
                + " in clear text: enable TLS on the server or use ldaps://",
            describe(r.getResultCode()), null);
      }
    } catch (LDAPException e) {
      if (isTls(e)) {
        throw tlsFailure(url, e);
      }
      throw new DirectoryException(DirectoryException.Kind.TLS,
          url + " refused StartTLS (" + describe(e.getResultCode()) + ": "
              + nonEmpty(e.getDiagnosticMessage(), e.getMessage())
              + "); wbaudit never binds in clear text: enable TLS on the server or use ldaps://",
          describe(e.getResultCode()), e);
    }
  }

  private static void bind(LDAPConnection c, ConnectionSettings settings, LdapUrl url)
      throws DirectoryException {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(settings.password()));
    byte[] password = new byte[encoded.remaining()];
    encoded.get(password);
    Arrays.fill(encoded.array(), (byte) 0);
    try {
      c.bind(new SimpleBindRequest(settings.bindName(), password));
    } catch (LDAPException e) {
      if (isTls(e)) {
        throw tlsFailure(url, e);
      }
      throw new DirectoryException(DirectoryException.Kind.BIND,
          "bind as " + settings.bindName() + " to " + url + " refused: "
              + describe(e.getResultCode())
              + (e.getDiagnosticMessage() != null ? " (" + e.getDiagnosticMessage() + ")" : ""),
          describe(e.getResultCode()), e);
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  private static DirectoryException connectFailure(LdapUrl url, LDAPException e) {
    if (isTls(e)) {
      return tlsFailure(url, e);
    }
    return new DirectoryException(DirectoryException.Kind.CONNECT,
        "cannot connect to " + url + ": " + nonEmpty(e.getDiagnosticMessage(), e.getMessage()),
        describe(e.getResultCode()), e);
  }

  private static DirectoryException tlsFailure(LdapUrl url, LDAPException e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String hint = root.getMessage() != null && root.getMessage().contains("does not match")
        ? " (use a name or address the certificate lists in --url)"
        : " (check the certificate, or give its CA with --trust-store)";
    return new DirectoryException(DirectoryException.Kind.TLS,
        "TLS with " + url + " failed: " + root.getMessage() + hint,
        describe(e.getResultCode()), e);
  }

  private static boolean isTls(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException || t instanceof java.security.cert.CertificateException) {
        return true;
      }
    }
    return false;
  }

  static String describe(ResultCode rc) {
    return rc.getName() + " (" + rc.intValue() + ")";
  }

  private static String nonEmpty(String a, String b) {
    return a != null && !a.isEmpty() ? a : b;
  }

  static RootDse readRootDse(LDAPConnection c) throws LDAPException {
    SearchResultEntry e = c.getEntry("", "supportedControl", "supportedCapabilities",
        "domainControllerFunctionality", "defaultNamingContext", "configurationNamingContext",
        "schemaNamingContext", "rootDomainNamingContext", "dnsHostName", "serverName",
        "highestCommittedUSN");
    if (e == null) {
      return new RootDse(List.of(), List.of(), -1, null, null, null, null, null, null, -1);
    }
    String[] controls = e.getAttributeValues("supportedControl");
    String[] capabilities = e.getAttributeValues("supportedCapabilities");
    return new RootDse(
        controls == null ? List.of() : Arrays.stream(controls).distinct().toList(),
        capabilities == null ? List.of() : Arrays.asList(capabilities),
        intOr(e, "domainControllerFunctionality", -1),
        e.getAttributeValue("defaultNamingContext"),
        e.getAttributeValue("configurationNamingContext"),
        e.getAttributeValue("schemaNamingContext"),
        e.getAttributeValue("rootDomainNamingContext"),
        e.getAttributeValue("dnsHostName"),
        e.getAttributeValue("serverName"),
        longOr(e, "highestCommittedUSN", -1));
  }

  static int intOr(SearchResultEntry e, String attr, int dflt) {
    Long v = longValue(e, attr);
    return v == null ? dflt : v.intValue();
  }

  static long longOr(SearchResultEntry e, String attr, long dflt) {
    Long v = longValue(e, attr);
    return v == null ? dflt : v;
  }

  private static Long longValue(SearchResultEntry e, String attr) {
    String v = e.getAttributeValue(attr);
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException x) {
      return null;
    }
  }

  public RootDse rootDse() {
    return rootDse;
  }

  public LdapUrl url() {
    return url;
  }

  /** The root DSE read again now: for highestCommittedUSN before and after an audit. */
  public RootDse freshRootDse() throws DirectoryException {
    try {
      return readRootDse(connection);
    } catch (LDAPException e) {
      throw readFailure("the root DSE", e);
    }
  }

  /** One entry by DN, with the SD flags control; null when it does not exist. */
  SearchResultEntry readEntry(String dn, String... attributes) throws DirectoryException {
    try {
      SearchRequest r = new SearchRequest(dn, SearchScope.BASE, Filter.createPresenceFilter("objectClass"), attributes);
      r.addControl(SD_FLAGS);
      SearchResult result = connection.search(r);
      return result.getEntryCount() == 0 ? null : result.getSearchEntries().get(0);
    } catch (LDAPException e) {
      if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
        return null;
      }
      throw readFailure(dn, e);
    }
  }

  /** Handles one entry of a paged search. */
  interface EntryHandler {
    void handle(SearchResultEntry entry) throws DirectoryException;
  }

  /** Handles one whole page of a paged search. */
  interface PageHandler {
    void handle(List<SearchResultEntry> page) throws DirectoryException;
  }

  /** One search of a search split into parts: a base and how deep under it. */
  record SearchPart(String base, SearchScope scope) {}

  /**
   * A paged search. While the entries of one page are handled, the server is already producing
   * the next (the request goes out as soon as the previous page's cookie arrives), so the DC is
   * never idle waiting for wbaudit. At most two pages are in memory, whatever the number of
   * entries.
   *
   * @return how many entries were handled
   */
  long pagedSearch(String base, SearchScope scope, Filter filter, int pageSize,
      boolean withDescriptor, EntryHandler handler, String... attributes)
      throws DirectoryException {
    return pages(connection, new SearchPart(base, scope), filter, pageSize, withDescriptor,
        page -> {
          for (SearchResultEntry entry : page) {
            handler.handle(entry);
          }
        }, attributes);
  }

  /**
   * The same filter searched under each part, the parts shared out over the read connections.
   * Pages are handed to {@code handler} on the calling thread, one at a time, in the order they
   * arrive; at most two pages per connection wait in memory. A failure of any part stops them
   * all and is thrown once the entries read before it have been handled.
   *
   * @return how many entries were handled
   */
  long pagedSearch(List<SearchPart> parts, Filter filter, int pageSize, boolean withDescriptor,
      EntryHandler handler, String... attributes) throws DirectoryException {
    if (readers.size() == 1 || parts.size() == 1) {
      long n = 0;
      for (SearchPart part : parts) {
        n += pagedSearch(part.base(), part.scope(), filter, pageSize, withDescriptor, handler,
            attributes);
      }
      return n;
    }
    return new SplitSearch(this, readers, parts).run(
        (c, part, pages) -> pages(c, part, filter, pageSize, withDescriptor, pages, attributes),
        handler);
  }

  /** Runs one part's paged search on one connection; what {@link SplitSearch} calls. */
  interface PartSearch {
    long run(LDAPConnection c, SearchPart part, PageHandler pages) throws DirectoryException;
  }

  private long pages(LDAPConnection c, SearchPart part, Filter filter, int pageSize,
      boolean withDescriptor, PageHandler handler, String[] attributes)
      throws DirectoryException {
    String what = "a search under " + part.base();
    long handled = 0;
    PageFetch current = fetch(c, part, filter, pageSize, withDescriptor, null, attributes, what, 0);
    while (current != null) {
      SearchResult result = current.await(what, handled);
      ASN1OctetString cookie;
      try {
        SimplePagedResultsControl paged = SimplePagedResultsControl.get(result);
        cookie = paged == null ? null : paged.getCookie();
      } catch (LDAPException e) {
        throw readFailure("the paging cookie of " + what, e);
      }
      PageFetch next = cookie != null && cookie.getValueLength() > 0
          ? fetch(c, part, filter, pageSize, withDescriptor, cookie, attributes, what,
              handled + current.entries.size())
          : null;
      try {
        if (!current.entries.isEmpty()) {
          handler.handle(current.entries);
        }
        handled += current.entries.size();
      } catch (DirectoryException | RuntimeException e) {
        if (next != null) {
          abandon(c, next);
        }
        throw e;
      }
      current = next;
    }
    return handled;
  }

  private static PageFetch fetch(LDAPConnection c, SearchPart part, Filter filter, int pageSize,
      boolean withDescriptor, ASN1OctetString cookie, String[] attributes, String what,
      long before) throws DirectoryException {
    PageFetch page = new PageFetch();
    SearchRequest r = new SearchRequest(page, part.base(), part.scope(), filter, attributes);
    r.addControl(new SimplePagedResultsControl(pageSize, cookie, false));
    if (withDescriptor) {
      r.addControl(SD_FLAGS);
    }
    try {
      page.id = c.asyncSearch(r);
    } catch (LDAPException e) {
      throw readFailure(what + " after " + before + " entries", e);
    }
    return page;
  }

  private static void abandon(LDAPConnection c, PageFetch page) {
    try {
      c.abandon(page.id);
    } catch (LDAPException ignored) {
      // The search failed anyway; the abandon is a courtesy to the server.
    }
  }

  /**
   * The DNs of the children of {@code dn} that match {@code filter} and head no naming context
   * of their own, or null when there are more than {@code limit}.
   */
  List<String> children(String dn, Filter filter, int limit) throws DirectoryException {
    SearchRequest r = new SearchRequest(dn, SearchScope.ONE, filter, "instanceType");
    r.setSizeLimit(limit + 1);
    SearchResult result;
    try {
      result = connection.search(r);
    } catch (com.unboundid.ldap.sdk.LDAPSearchException e) {
      if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
        return null;
      }
      throw readFailure("the children of " + dn, e);
    }
    if (result.getEntryCount() > limit) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (SearchResultEntry e : result.getSearchEntries()) {
      // instanceType bit 1 marks the head of another naming context (DomainDnsZones, say),
      // which a subtree search of this domain does not enter either.
      if ((intOr(e, "instanceType", 0) & 1) == 0) {
        out.add(e.getDN());
      }
    }
    return out;
  }

  /** One page arriving: entries are collected by the SDK's reader thread. */
  private static final class PageFetch implements AsyncSearchResultListener {
    private static final long serialVersionUID = 1L;
    final List<SearchResultEntry> entries = new ArrayList<>();
    private final CompletableFuture<SearchResult> done = new CompletableFuture<>();
    AsyncRequestID id;

    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
      entries.add(entry);
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {
      // Referrals lead to other servers; a domain's users are all here.
    }

    @Override
    public void searchResultReceived(AsyncRequestID requestId, SearchResult result) {
      done.complete(result);
    }

    /** The page's final result; its entries are then safe to read on this thread. */
    SearchResult await(String what, long before) throws DirectoryException {
      SearchResult r;
      try {
        r = done.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DirectoryException(DirectoryException.Kind.READ, what + " was interrupted", null, e);
      } catch (ExecutionException e) {
        throw new DirectoryException(DirectoryException.Kind.READ, what + " failed: " + e.getCause(), null, e);
      }
      if (r.getResultCode() != ResultCode.SUCCESS) {
        throw readFailure(what + " after " + before + " entries",
            new LDAPException(r.getResultCode(), r.getDiagnosticMessage()));
      }
      return r;
    }
  }

  static DirectoryException readFailure(String what, LDAPException e) {
    return new DirectoryException(DirectoryException.Kind.READ,
        "reading " + what + " failed: " + describe(e.getResultCode())
            + (e.getDiagnosticMessage() != null ? " (" + e.getDiagnosticMessage() + ")" : ""),
        describe(e.getResultCode()), e);
  }

  /** Values of an attribute as byte arrays; empty when absent. */
  static List<byte[]> bytes(SearchResultEntry e, String attr) {
    Attribute a = e.getAttribute(attr);
    return a == null ? List.of() : new ArrayList<>(Arrays.asList(a.getValueByteArrays()));
  }

  /** How many connections read users side by side. */
  int readerCount() {
    return readers.size();
  }

  @Override
  public void close() {
    readers.forEach(LDAPConnection::close);
  }
}
