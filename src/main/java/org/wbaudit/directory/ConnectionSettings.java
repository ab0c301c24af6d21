package org.wbaudit.directory;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where and how to connect and bind. The password is a char array so the caller can wipe it;
 * {@link #toString()} never shows it.
 *
 * @param url server
 * @param bindName DN or UPN for a simple bind
 * @param password never null
 * @param trust certificate checking
 * @param connectTimeout TCP connect limit
 * @param responseTimeout limit for each LDAP response
 * @param readConnections connections that read users side by side (1 to {@link #MAX_READERS}):
 *     a DC answers each connection on its own worker, so two connections read a large domain
 *     faster than one; all are opened and bound before the password is wiped
 * @param kerberos how to bind with Kerberos; null for a simple bind over TLS
 * @param serverName the DC's host name when {@code url} holds an address or an alias: the
 *     Kerberos service principal {@code ldap/<serverName>} and the name its certificate must
 *     carry; null to use the URL's host
 * @param dns where host names the system cannot resolve are looked up ({@code --dns-server});
 *     null for the system's resolver only
 */
public record ConnectionSettings(
    LdapUrl url,
    String bindName,
    char[] password,
    TrustPolicy trust,
    Duration connectTimeout,
    Duration responseTimeout,
    int readConnections,
    Kerberos kerberos,
    String serverName,
    Dns dns) {
  /** More would only queue on a DC's worker pool and hold more pages in memory. */
  public static final int MAX_READERS = 8;

  /** A simple bind over TLS to the URL's host. */
  public ConnectionSettings(LdapUrl url, String bindName, char[] password, TrustPolicy trust,
      Duration connectTimeout, Duration responseTimeout, int readConnections) {
    this(url, bindName, password, trust, connectTimeout, responseTimeout, readConnections, null,
        null, null);
  }

  public ConnectionSettings {
    Objects.requireNonNull(url, "url");
    if (kerberos == null) {
      Objects.requireNonNull(bindName, "bindName");
    }
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
    if (readConnections < 1 || readConnections > MAX_READERS) {
      throw new IllegalArgumentException(
          "read connections must be 1 to " + MAX_READERS + ", not " + readConnections);
    }
  }

  /** The same settings for another server (another DC of the forest), named by its URL. */
  public ConnectionSettings withUrl(LdapUrl other) {
    return new ConnectionSettings(other, bindName, password, trust, connectTimeout, responseTimeout,
        readConnections, kerberos, null, dns);
  }

  /** The same settings for a server reached at {@code other} that calls itself {@code name}. */
  public ConnectionSettings withServer(LdapUrl other, String name) {
    return new ConnectionSettings(other, bindName, password, trust, connectTimeout, responseTimeout,
        readConnections, kerberos, name, dns);
  }

  /** The same settings with another number of read connections. */
  public ConnectionSettings withReadConnections(int n) {
    return new ConnectionSettings(url, bindName, password, trust, connectTimeout, responseTimeout, n,
        kerberos, serverName, dns);
  }

  /** The same settings with other timeouts (the password array is shared, so wiped together). */
  public ConnectionSettings withTimeouts(Duration connect, Duration response) {
    return new ConnectionSettings(url, bindName, password, trust, connect, response, readConnections,
        kerberos, serverName, dns);
  }

  /** Without the password: to probe other DCs the same way (their root DSEs need none). */
  public ConnectionSettings withoutPassword() {
    return new ConnectionSettings(url, bindName, new char[0], trust, connectTimeout,
        responseTimeout, 1, kerberos, serverName, dns);
  }

  /** The host name the DC is checked against: its certificate, its Kerberos service name. */
  public String hostName() {
    return serverName != null ? serverName : url.host();
  }

  /** What authenticates wbaudit, as the report states it: never a secret. */
  public String describeAuthentication() {
    return kerberos != null ? kerberos.describe() : "simple bind as " + bindName + " over TLS";
  }

  /** Overwrites the password in memory. */
  public void wipePassword() {
    Arrays.fill(password, '\0');
  }

  @Override
  public String toString() {
    return "ConnectionSettings[url=" + url + ", bindName=" + bindName + ", password=(hidden), trust="
        + trust + ", readConnections=" + readConnections + ", kerberos=" + kerberos
        + ", serverName=" + serverName + "]";
  }
}
