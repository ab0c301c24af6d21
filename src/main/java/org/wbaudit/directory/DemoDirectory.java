package org.wbaudit.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.util.ObjectPair;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * An embedded directory that looks, over LDAP, like a small AD domain: the layout the live-audit
 * tests build on a Samba DC, exported with its real descriptors (resource demo/corp.ldif, made by
 * scripts/demo-directory.py). It listens on loopback with LDAPS and a certificate made for the
 * occasion, so the demo exercises the same path as a real audit: TLS, bind, paged search.
 *
 * <p>What a real DC computes (tokenGroups, the computed lockout flag) is stored in the data. The
 * bind password is random and never shown.
 */
public final class DemoDirectory implements AutoCloseable {
  public static final String BASE = "DC=corp,DC=example,DC=test";
  public static final String SYNC_DN = "CN=svc-sync,CN=Users," + BASE;
  static final String RESOURCE = "/demo/corp.ldif";
  /** Added on top of the export: the forest's topology and the sync anchors (see the file). */
  static final String FOREST_RESOURCE = "/demo/forest.ldif";

  private final InMemoryDirectoryServer server;
  private final File keyStore;
  private final char[] keyPin;
  private final char[] password;
  private final boolean tls;
  /** A child domain's server shares its parent's key store and leaves it to the parent. */
  private final boolean ownsKeyStore;
  private final String base;

  private DemoDirectory(InMemoryDirectoryServer server, File keyStore, char[] keyPin,
      char[] password, boolean tls, boolean ownsKeyStore, String base) {
    this.server = server;
    this.keyStore = keyStore;
    this.keyPin = keyPin;
    this.password = password;
    this.tls = tls;
    this.ownsKeyStore = ownsKeyStore;
    this.base = base;
  }

  /**
   * A second domain of this demo forest (DC=label under this domain), served by its own
   * in-memory DC with this one's certificate and sync account: its domain object carries this
   * domain's descriptor and a password policy with a minimum age and a history, so its checks
   * have something to find. For tests of a forest with two domains; close it before this one.
   */
  public DemoDirectory startChildDomain(String label) throws IOException {
    String childBase = "DC=" + label + "," + BASE;
    try {
      SSLUtil serverSsl = new SSLUtil(new KeyStoreKeyManager(keyStore, keyPin, "JKS", null), null);
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(childBase);
      config.setSchema(null);
      config.setListenerConfigs(InMemoryListenerConfig.createLDAPSConfig("ldaps",
          InetAddress.getLoopbackAddress(), 0, serverSsl.createSSLServerSocketFactory(), null));
      config.addAdditionalBindCredentials(SYNC_DN, new String(password));
      Entry dse = rootDse();
      dse.setAttribute("defaultNamingContext", childBase);
      dse.setAttribute("dnsHostName", "dc1." + label + ".corp.example.test");
      config.setRootDSEEntry(dse);
      InMemoryDirectoryServer child = new InMemoryDirectoryServer(config);
      Entry parentDomain = server.getEntry(BASE);
      Entry domain = new Entry(childBase);
      domain.addAttribute("objectClass", "top", "domain", "domainDNS");
      domain.addAttribute("objectSid", org.wbaudit.sd.Sid.parse("S-1-5-21-1111-2222-3333").toBytes());
      domain.addAttribute("nTSecurityDescriptor", parentDomain.getAttributeValueBytes("nTSecurityDescriptor"));
      domain.addAttribute("minPwdAge", "-864000000000"); // one day
      domain.addAttribute("pwdHistoryLength", "24");
      domain.addAttribute("minPwdLength", "7");
      domain.addAttribute("pwdProperties", "1");
      domain.addAttribute("lockoutThreshold", "0");
      child.add(domain);
      child.startListening();
      return new DemoDirectory(child, keyStore, keyPin, password.clone(), true, false, childBase);
    } catch (LDAPException | java.security.GeneralSecurityException e) {
      throw new IOException("cannot start the demo's child domain: " + e.getMessage(), e);
    }
  }

  /** The LDAPS URL this directory listens on. */
  public LdapUrl url() {
    return new LdapUrl(InetAddress.getLoopbackAddress().getHostAddress(), server.getListenPort(), tls);
  }

  /** The naming context this directory serves. */
  public String base() {
    return base;
  }

  /** Starts the directory on a free loopback port, with LDAPS. */
  public static DemoDirectory start() throws IOException {
    return start(true);
  }

  /**
   * Starts the directory speaking plain LDAP without StartTLS: an AD-looking server that cannot
   * protect a bind, for the test that wbaudit refuses to bind to it.
   */
  public static DemoDirectory startWithoutTls() throws IOException {
    return start(false);
  }

  /**
   * Starts the directory with a certificate that names only {@code dnsName}, not the loopback
   * address it listens on: for the test that a certificate for another host is refused.
   */
  public static DemoDirectory startWithCertificateFor(String dnsName) throws IOException {
    return start(true, "--subject-alternative-name-dns", dnsName);
  }

  private static DemoDirectory start(boolean tls) throws IOException {
    return start(tls, "--subject-alternative-name-ip-address",
        InetAddress.getLoopbackAddress().getHostAddress(),
        "--subject-alternative-name-dns", "localhost");
  }

  private static DemoDirectory start(boolean tls, String... names) throws IOException {
    try {
      ObjectPair<File, char[]> cert = loopbackCertificate(names);
      SSLUtil serverSsl = new SSLUtil(
          new KeyStoreKeyManager(cert.getFirst(), cert.getSecond(), "JKS", null), null);
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
      config.setSchema(null); // AD's schema is not the in-memory server's: store what we give it
      config.setListenerConfigs(tls
          ? InMemoryListenerConfig.createLDAPSConfig("ldaps", InetAddress.getLoopbackAddress(), 0,
              serverSsl.createSSLServerSocketFactory(), null)
          : InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
      byte[] secret = new byte[18];
      new SecureRandom().nextBytes(secret);
      char[] password = Base64.getEncoder().encodeToString(secret).toCharArray();
      config.addAdditionalBindCredentials(SYNC_DN, new String(password));
      config.setRootDSEEntry(rootDse());
      InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
      try (InputStream in = DemoDirectory.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IOException(RESOURCE + " is missing from the build");
        }
        LDIFReader reader = new LDIFReader(in);
        List<Entry> entries = new ArrayList<>();
        for (Entry e = reader.readEntry(); e != null; e = reader.readEntry()) {
          entries.add(e);
        }
        // Parents before children, whatever order the export wrote.
        entries.sort(Comparator.comparingInt(DemoDirectory::depth));
        for (Entry e : entries) {
          server.add(e);
        }
      }
      try (InputStream in = DemoDirectory.class.getResourceAsStream(FOREST_RESOURCE)) {
        if (in == null) {
          throw new IOException(FOREST_RESOURCE + " is missing from the build");
        }
        server.applyChangesFromLDIF(new LDIFReader(in));
      }
      server.startListening();
      return new DemoDirectory(server, cert.getFirst(), cert.getSecond(), password, tls, true, BASE);
    } catch (LDAPException | LDIFException | java.security.GeneralSecurityException e) {
      throw new IOException("cannot start the demo directory: " + e.getMessage(), e);
    }
  }

  /**
   * A self-signed certificate naming the loopback address the demo listens on, in a temporary
   * JKS key store (JKS, because its certificates can be read without the store's password, so
   * the same file serves as the client's trust store).
   */
  private static ObjectPair<File, char[]> loopbackCertificate(String... names) throws IOException {
    File store = File.createTempFile("wbaudit-demo", ".jks");
    store.delete();
    store.deleteOnExit();
    byte[] secret = new byte[12];
    new SecureRandom().nextBytes(secret);
    char[] pin = Base64.getEncoder().encodeToString(secret).toCharArray();
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("generate-self-signed-certificate", "--keystore",
        store.getPath(), "--keystore-password", new String(pin), "--keystore-type", "JKS",
        "--alias", "server-cert", "--subject-dn", "CN=dc1.corp.example.test", "--days-valid", "2"));
    args.addAll(List.of(names));
    com.unboundid.ldap.sdk.ResultCode rc = com.unboundid.util.ssl.cert.ManageCertificates.main(
        null, log, log, args.toArray(String[]::new));
    if (rc != com.unboundid.ldap.sdk.ResultCode.SUCCESS) {
      throw new IOException("cannot make the demo's certificate: " + log);
    }
    return new ObjectPair<>(store, pin);
  }

  private static int depth(Entry e) {
    try {
      return e.getParsedDN().getRDNs().length;
    } catch (LDAPException x) {
      return Integer.MAX_VALUE; // the server will refuse it with a message
    }
  }

  /** The root DSE of a Samba 4.17 DC: AD capabilities, and no policy-hints control. */
  private static Entry rootDse() {
    Entry e = new Entry("");
    e.addAttribute("objectClass", "top");
    e.addAttribute("supportedCapabilities", Oids.CAPABILITY_ACTIVE_DIRECTORY,
        "1.2.840.113556.1.4.1670", "1.2.840.113556.1.4.1791", "1.2.840.113556.1.4.1935");
    e.addAttribute("supportedControl", "1.2.840.113556.1.4.319", SdFlagsControl.OID,
        "1.2.840.113556.1.4.805", "1.2.840.113556.1.4.473", "1.2.840.113556.1.4.1413");
    e.addAttribute("domainControllerFunctionality", "4");
    e.addAttribute("defaultNamingContext", BASE);
    e.addAttribute("rootDomainNamingContext", BASE);
    e.addAttribute("configurationNamingContext", "CN=Configuration," + BASE);
    e.addAttribute("schemaNamingContext", "CN=Schema,CN=Configuration," + BASE);
    e.addAttribute("dnsHostName", "dc1.corp.example.test");
    e.addAttribute("highestCommittedUSN", "4242");
    return e;
  }

  /** Settings to audit this directory as the sync account, verifying its certificate. */
  public ConnectionSettings settings() {
    return new ConnectionSettings(
        new LdapUrl(InetAddress.getLoopbackAddress().getHostAddress(), server.getListenPort(), tls),
        SYNC_DN, password.clone(), new TrustPolicy(keyStore.toPath(), false),
        Duration.ofSeconds(5), Duration.ofSeconds(30), 2);
  }

  /** The server itself, for tests that add or break entries. */
  public InMemoryDirectoryServer server() {
    return server;
  }

  @Override
  public void close() {
    server.shutDown(true);
    Arrays.fill(password, '\0');
    if (ownsKeyStore) {
      Arrays.fill(keyPin, '\0');
      keyStore.delete();
    }
  }


  /** Names the users, for tests. */
  public List<String> userDns() throws LDAPException {
    return server.search(BASE, com.unboundid.ldap.sdk.SearchScope.SUB,
        "(&(objectCategory=person)(objectClass=user))").getSearchEntries().stream()
        .map(Entry::getDN).toList();
  }
}
