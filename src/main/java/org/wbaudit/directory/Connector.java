package org.wbaudit.directory;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SimpleBindRequest;
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
import java.util.Arrays;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Opens one LDAP connection to a DC the way a cautious client should: connect, read the root DSE
 * (public, no credentials) to learn whether this is an AD DC at all, secure the channel (LDAPS,
 * or StartTLS over ldap://, never a clear-text bind), and only then send the password. Every
 * failure becomes a {@link DirectoryException} that says which step failed, keeps the server's
 * result code, and never holds the password.
 */
final class Connector {
  private Connector() {}

  record Bound(LDAPConnection connection, RootDse rootDse) {}

  static Bound open(ConnectionSettings settings, ConnectionHealth health) throws DirectoryException {
    LdapUrl url = settings.url();
    SSLSocketFactory tls = tlsFactory(settings.trust(), url, settings.hostName());
    LDAPConnection c = connect(url, settings, tls, health);
    try {
      RootDse dse;
      try {
        dse = RootDse.read(c);
      } catch (LDAPException e) {
        throw connectFailure(url, e);
      }
      if (!dse.isActiveDirectory()) {
        throw new DirectoryException(DirectoryException.Kind.NOT_ACTIVE_DIRECTORY,
            url + " is an LDAP server but not an Active Directory domain controller: its root DSE"
                + " lacks the AD capability (" + Oids.CAPABILITY_ACTIVE_DIRECTORY + "), a"
                + " domainControllerFunctionality or a defaultNamingContext", null, null);
      }
      if (settings.kerberos() != null) {
        // Over ldap:// the Kerberos layer seals the connection; no certificate is needed.
        KerberosBind.bind(c, settings, java.time.Instant.now());
        return new Bound(c, dse);
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

  static SSLSocketFactory tlsFactory(TrustPolicy trust, LdapUrl url)
      throws DirectoryException {
    return tlsFactory(trust, url, url.host());
  }

  /** @param hostName the name the certificate must carry (the URL's host unless told otherwise) */
  static SSLSocketFactory tlsFactory(TrustPolicy trust, LdapUrl url, String hostName)
      throws DirectoryException {
    try {
      return new CipherPreference(sslUtil(trust, hostName).createSSLContext());
    } catch (GeneralSecurityException e) {
      throw new DirectoryException(DirectoryException.Kind.TLS,
          "cannot set up TLS for " + url + ": " + e.getMessage(), null, e);
    }
  }

  static LDAPConnection connect(LdapUrl url, ConnectionSettings settings,
      SSLSocketFactory tls) throws DirectoryException {
    return connect(url, settings, tls, null);
  }

  /** @param health told when the connection goes unexpectedly; null for a one-off probe */
  static LDAPConnection connect(LdapUrl url, ConnectionSettings settings,
      SSLSocketFactory tls, ConnectionHealth health) throws DirectoryException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    if (health != null) {
      options.setDisconnectHandler(health);
    }
    options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
    options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
    // Asynchronous mode lets the next page be requested while this one is handled; a large
    // receive buffer lets the DC hand over a page without waiting for wbaudit to read it.
    options.setUseSynchronousMode(false);
    options.setReceiveBufferSize(4 * 1024 * 1024);
    // A name the system cannot resolve (a DC listed in the configuration partition, one found
    // through --dns-server) is looked up at the DNS server the user named; TLS still checks the name.
    String address = url.host();
    if (settings.dns() != null && settings.dns().isSpecific() && !Dns.systemResolves(url.host())) {
      address = settings.dns().address(url.host());
    }
    try {
      return url.secureFromStart()
          ? new LDAPConnection(tls, options, address, url.port())
          : new LDAPConnection(options, address, url.port());
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
            url + " refused StartTLS (" + LdapResult.of(r.getResultCode()) + "); wbaudit never binds"
                + " in clear text: enable TLS on the server or use ldaps://",
            LdapResult.of(r.getResultCode()), null);
      }
    } catch (LDAPException e) {
      if (isTls(e)) {
        throw tlsFailure(url, e);
      }
      throw new DirectoryException(DirectoryException.Kind.TLS,
          url + " refused StartTLS (" + LdapResult.of(e.getResultCode()) + ": "
              + nonEmpty(e.getDiagnosticMessage(), e.getMessage())
              + "); wbaudit never binds in clear text: enable TLS on the server or use ldaps://",
          LdapResult.of(e.getResultCode()), e);
    }
  }

  private static void bind(LDAPConnection c, ConnectionSettings settings, LdapUrl url)
      throws DirectoryException {
    byte[] password = utf8(settings.password());
    try {
      c.bind(new SimpleBindRequest(settings.bindName(), password));
    } catch (LDAPException e) {
      if (isTls(e)) {
        throw tlsFailure(url, e);
      }
      throw new DirectoryException(DirectoryException.Kind.BIND,
          "bind as " + settings.bindName() + " to " + url + " refused: "
              + LdapResult.of(e.getResultCode())
              + (e.getDiagnosticMessage() != null ? " (" + e.getDiagnosticMessage() + ")" : ""),
          LdapResult.of(e.getResultCode()), e);
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  /** The password's UTF-8 bytes, the encoder's buffer wiped; the caller wipes the result. */
  static byte[] utf8(char[] chars) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] out = new byte[encoded.remaining()];
    encoded.get(out);
    Arrays.fill(encoded.array(), (byte) 0);
    return out;
  }

  static DirectoryException connectFailure(LdapUrl url, LDAPException e) {
    if (isTls(e)) {
      return tlsFailure(url, e);
    }
    return new DirectoryException(DirectoryException.Kind.CONNECT,
        "cannot connect to " + url + ": " + nonEmpty(e.getDiagnosticMessage(), e.getMessage()),
        LdapResult.of(e.getResultCode()), e);
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
        LdapResult.of(e.getResultCode()), e);
  }

  private static boolean isTls(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException || t instanceof java.security.cert.CertificateException) {
        return true;
      }
    }
    return false;
  }

  private static String nonEmpty(String a, String b) {
    return a != null && !a.isEmpty() ? a : b;
  }
}
