package org.wbaudit.directory;

import com.unboundid.ldap.sdk.GSSAPIBindRequest;
import com.unboundid.ldap.sdk.GSSAPIBindRequestProperties;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SASLQualityOfProtection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.util.StaticUtils;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Kerberos bind: SASL GSSAPI with the service principal {@code ldap/<DC host name>}.
 * Over {@code ldap://} the connection must be sealed (quality of protection auth-conf: every
 * message after the bind is encrypted and integrity-protected), as Microsoft's tools and the
 * sync engine talk to AD; over {@code ldaps://} TLS already seals it, and AD refuses a second
 * layer inside TLS, so the bind asks only for authentication there.
 *
 * <p>What can go wrong is mostly outside LDAP (no ticket, a KDC that does not answer, clocks
 * apart, a service name the KDC does not know), and Java's Kerberos reports it only as text in
 * a chain of causes. Each case a user can act on becomes one line saying what to do; nothing of
 * a ticket, key or password is ever in it.
 */
final class KerberosBind {
  private KerberosBind() {}

  /** Kerberos tolerates this much difference between clocks unless configured otherwise. */
  private static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);

  /**
   * The qualities of protection a bind over this URL may settle on, preferred first: sealing
   * only over ldap://; inside TLS none, though the others are allowed so that Java asks the GSS
   * context for integrity (DCs want the capability even when no layer is then chosen).
   */
  static List<SASLQualityOfProtection> protection(LdapUrl url) {
    return url.secureFromStart()
        ? List.of(SASLQualityOfProtection.AUTH, SASLQualityOfProtection.AUTH_INT, SASLQualityOfProtection.AUTH_CONF)
        : List.of(SASLQualityOfProtection.AUTH_CONF);
  }

  /**
   * How the report names what protects the connection.
   *
   * @param tls "; protocol, cipher suite" of the TLS session, or empty
   */
  static String describeProtection(LdapUrl url, String tls) {
    return url.secureFromStart() ? "TLS (ldaps" + tls + "), Kerberos authentication"
        : "Kerberos sealing (SASL GSSAPI, auth-conf)";
  }

  static void bind(LDAPConnection c, ConnectionSettings settings, Instant now)
      throws DirectoryException {
    Kerberos k = settings.kerberos();
    LdapUrl url = settings.url();
    String host = settings.serverName() != null ? settings.serverName() : url.host();
    checkCredentials(k, now);
    ServerFacts facts = serverFacts(c, url);
    if (!facts.mechanisms().contains("GSSAPI")) {
      throw new DirectoryException(DirectoryException.Kind.BIND, url + " does not offer Kerberos"
          + " (SASL GSSAPI is not among its supportedSASLMechanisms: " + facts.mechanisms() + ")",
          null, null);
    }
    byte[] password = k.source() == Kerberos.Source.PASSWORD ? Connector.utf8(settings.password()) : null;
    try {
      GSSAPIBindRequestProperties p = new GSSAPIBindRequestProperties(k.principal(), password);
      p.setServicePrincipalProtocol(Kerberos.SERVICE);
      p.setSASLClientServerName(host);
      p.setAllowedQoP(protection(url));
      if (url.secureFromStart()) {
        // Bind the authentication to this TLS session (RFC 5929 tls-server-end-point), as AD's
        // LDAP channel binding enforcement asks: a relayed bind then fails.
        p.setChannelBindingType(com.unboundid.ldap.sdk.GSSAPIChannelBindingType.TLS_SERVER_END_POINT);
      }
      p.setUseTicketCache(k.source() == Kerberos.Source.TICKET_CACHE);
      p.setRequireCachedCredentials(k.source() == Kerberos.Source.TICKET_CACHE);
      p.setTicketCachePath(k.ticketCache() == null ? null : k.ticketCache().toString());
      p.setRenewTGT(false);
      p.setUseKeyTab(k.source() == Kerberos.Source.KEYTAB);
      p.setKeyTabPath(k.keytab() == null ? null : k.keytab().toString());
      if (k.krb5Conf() != null) {
        useKrb5Conf(k.krb5Conf().toString());
        p.setRefreshKrb5Config(true);
      }
      c.bind(new GSSAPIBindRequest(p));
    } catch (LDAPException e) {
      throw failure(e, k, url, host, facts.time(), now);
    } finally {
      if (password != null) {
        Arrays.fill(password, (byte) 0);
      }
    }
  }

  /**
   * Java's Kerberos reads its configuration from one system property for the whole process:
   * there is no per-connection setting. A run uses one configuration (the command line's, or
   * one shared by every forest of a configuration file), so setting it is safe.
   */
  private static synchronized void useKrb5Conf(String path) {
    if (!path.equals(System.getProperty("java.security.krb5.conf"))) {
      System.setProperty("java.security.krb5.conf", path);
    }
  }

  /** Refuses before any network traffic what is sure to fail, with what to do instead. */
  static void checkCredentials(Kerberos k, Instant now) throws DirectoryException {
    switch (k.source()) {
      case TICKET_CACHE -> {
        if (!Files.exists(k.ticketCache())) {
          throw error("no Kerberos ticket: the ticket cache " + k.ticketCache() + " does not exist;"
              + " run kinit " + (k.principal() != null ? k.principal() : "<account>@<REALM>")
              + ", or give --keytab FILE with --bind-dn <account>@<REALM>");
        }
        TicketCache cache;
        try {
          cache = TicketCache.read(k.ticketCache());
        } catch (IOException | IllegalArgumentException e) {
          throw error("cannot read the ticket cache " + k.ticketCache() + ": " + e.getMessage());
        }
        if (k.principal() != null && !k.principal().equalsIgnoreCase(cache.defaultPrincipal())) {
          throw error("the ticket cache " + k.ticketCache() + " holds tickets for "
              + cache.defaultPrincipal() + ", not " + k.principal() + ": run kinit "
              + k.principal() + ", or leave out --bind-dn");
        }
        Instant end = cache.tgtEnd();
        if (end == null) {
          throw error("no Kerberos ticket: the ticket cache " + k.ticketCache() + " holds no"
              + " ticket-granting ticket for " + cache.defaultPrincipal() + "; run kinit "
              + cache.defaultPrincipal() + ", or give --keytab FILE");
        }
        if (!end.isAfter(now)) {
          throw error("the Kerberos ticket of " + cache.defaultPrincipal() + " in " + k.ticketCache()
              + " expired at " + end + "; run kinit " + cache.defaultPrincipal()
              + " again, or give --keytab FILE for runs nobody attends");
        }
      }
      case KEYTAB -> {
        if (!Files.isRegularFile(k.keytab()) || !Files.isReadable(k.keytab())) {
          throw error("--keytab " + k.keytab() + ": " + (Files.exists(k.keytab())
              ? "not a readable file" : "no such file"));
        }
      }
      case PASSWORD -> { }
    }
  }

  private record ServerFacts(List<String> mechanisms, Instant time) {}

  /** The root DSE's SASL mechanisms and clock: public, read before binding. */
  private static ServerFacts serverFacts(LDAPConnection c, LdapUrl url) throws DirectoryException {
    try {
      SearchResultEntry e = c.getEntry("", "supportedSASLMechanisms", "currentTime");
      if (e == null) {
        return new ServerFacts(List.of(), null);
      }
      String[] mechs = e.getAttributeValues("supportedSASLMechanisms");
      Instant time = null;
      String t = e.getAttributeValue("currentTime");
      if (t != null) {
        try {
          time = StaticUtils.decodeGeneralizedTime(t).toInstant();
        } catch (java.text.ParseException ignored) {
          time = null; // only used to say how far apart the clocks are
        }
      }
      return new ServerFacts(mechs == null ? List.of() : List.of(mechs), time);
    } catch (LDAPException e) {
      throw Connector.connectFailure(url, e);
    }
  }

  /** One line for each failure a user can act on; the library's text for the rest. */
  static DirectoryException failure(LDAPException e, Kerberos k, LdapUrl url, String host,
      Instant serverTime, Instant now) {
    String chain = chain(e);
    String lower = chain.toLowerCase(Locale.ROOT);
    String who = k.principal() != null ? k.principal() : "the ticket cache's principal";
    String realm = k.principal() != null && k.principal().contains("@")
        ? k.principal().substring(k.principal().lastIndexOf('@') + 1) : "the realm";
    String message;
    // With a ticket cache, Java does not always say the KDC's KRB_AP_ERR_SKEW plainly (it can
    // fail decoding the error: "Empty nameStrings not allowed"); the DC's own clock, read before
    // the bind, tells the cause whatever Java says.
    boolean clocksApart = serverTime != null
        && Duration.between(serverTime, now).abs().compareTo(DEFAULT_SKEW) > 0;
    if (lower.contains("clock skew too great") || clocksApart) {
      message = "the clocks of this host and the Kerberos KDC are too far apart (" + skew(serverTime, now)
          + "; Kerberos allows " + DEFAULT_SKEW.toMinutes() + " minutes): correct this host's time"
          + (lower.contains("clock skew too great") ? "" : " (Kerberos said: " + firstKerberosCause(chain) + ")");
    } else if (lower.contains("server not found in kerberos database")
        || lower.contains("unknown_server") || lower.contains("s_principal_unknown")) {
      message = "the KDC knows no service principal " + Kerberos.SERVICE + "/" + host
          + ": wbaudit asks for ldap/<the host name in --url>; when --url holds an address or an"
          + " alias, give the DC's own host name with --dc-hostname";
    } else if (lower.contains("client not found in kerberos database")) {
      message = "the KDC knows no principal " + who + ": check --bind-dn (account@REALM)";
    } else if (lower.contains("pre-authentication information was invalid")
        || lower.contains("integrity check on decrypted field failed")) {
      message = k.source() == Kerberos.Source.KEYTAB
          ? "the KDC refused the key in --keytab " + k.keytab() + " for " + who
              + " (a stale keytab: the account's password changed since it was exported)"
          : "the KDC refused the password of " + who;
    } else if (lower.contains("ticket expired") || lower.contains("krb_ap_err_tkt_expired")) {
      message = "the Kerberos ticket of " + who + " has expired; run kinit again, or give --keytab";
    } else if (lower.contains("cannot locate kdc") || lower.contains("cannot contact any kdc")
        || lower.contains("receive timed out") || lower.contains("port unreachable")
        || lower.contains("connection refused") || lower.contains("unknownhostexception")
        || lower.contains("no route to host")) {
      message = "no Kerberos KDC for " + realm + " answered (" + firstKerberosCause(chain) + "):"
          + " check the realm's kdc entries in " + (k.krb5Conf() != null ? k.krb5Conf()
              : "the system's krb5.conf (or give --krb5-conf)") + " and that port 88 is reachable";
    } else if (url.secureFromStart() && lower.contains("sign or seal are required")) {
      message = url + " takes Kerberos inside TLS only with a SASL layer, which AD forbids there"
          + " (Samba's default \"ldap server require strong auth = yes\"): use ldap:// (sealed by"
          + " Kerberos) for this DC, or --auth simple over ldaps://";
    } else if (lower.contains("protection layer") || lower.contains("quality of protection")
        || lower.contains("qop") || lower.contains("confidentiality")) {
      message = url + " refused to seal the connection (SASL GSSAPI auth-conf); wbaudit never reads"
          + " the directory over an unprotected connection: use ldaps:// or allow sealing on the DC";
    } else if (lower.contains("unable to obtain password") || lower.contains("no valid credentials")
        || lower.contains("unable to obtain principal name")) {
      message = k.source() == Kerberos.Source.TICKET_CACHE
          ? "no usable Kerberos ticket in " + k.ticketCache() + ": run kinit, or give --keytab FILE"
          : "no Kerberos credentials for " + who + " (" + firstKerberosCause(chain) + ")";
    } else {
      message = "Kerberos bind to " + url + " as " + who + " failed: " + firstKerberosCause(chain);
    }
    return new DirectoryException(DirectoryException.Kind.BIND, message,
        LdapResult.of(e.getResultCode()), e);
  }

  private static String skew(Instant serverTime, Instant now) {
    if (serverTime == null) {
      return "the DC did not say its time";
    }
    long seconds = Duration.between(serverTime, now).getSeconds();
    return "this host's clock is " + Math.abs(seconds) + " s " + (seconds > 0 ? "ahead of" : "behind")
        + " the DC's";
  }

  /** The messages of the whole cause chain, outermost first. */
  private static String chain(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
      if (t instanceof LDAPException l && l.getDiagnosticMessage() != null) {
        b.append(l.getDiagnosticMessage()).append(" | ");
      }
    }
    return b.toString();
  }

  /** The innermost message: Java's Kerberos puts the KDC's own words deepest. */
  private static String firstKerberosCause(String chain) {
    String[] parts = chain.split(" \\| ");
    String last = parts[parts.length - 1];
    int colon = last.indexOf(": ");
    return colon < 0 ? last : last.substring(colon + 2);
  }

  private static DirectoryException error(String message) {
    return new DirectoryException(DirectoryException.Kind.BIND, message, null, null);
  }
}
