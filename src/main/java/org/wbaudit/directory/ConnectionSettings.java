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
 */
public record ConnectionSettings(
    LdapUrl url,
    String bindName,
    char[] password,
    TrustPolicy trust,
    Duration connectTimeout,
    Duration responseTimeout,
    int readConnections) {
  /** More would only queue on a DC's worker pool and hold more pages in memory. */
  public static final int MAX_READERS = 8;

  public ConnectionSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(bindName, "bindName");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
    if (readConnections < 1 || readConnections > MAX_READERS) {
      throw new IllegalArgumentException(
          "read connections must be 1 to " + MAX_READERS + ", not " + readConnections);
    }
  }

  /** The same settings for another server (another DC of the forest). */
  public ConnectionSettings withUrl(LdapUrl other) {
    return new ConnectionSettings(other, bindName, password, trust, connectTimeout, responseTimeout,
        readConnections);
  }

  /** The same settings with another number of read connections. */
  public ConnectionSettings withReadConnections(int n) {
    return new ConnectionSettings(url, bindName, password, trust, connectTimeout, responseTimeout, n);
  }

  /** Overwrites the password in memory. */
  public void wipePassword() {
    Arrays.fill(password, '\0');
  }

  @Override
  public String toString() {
    return "ConnectionSettings[url=" + url + ", bindName=" + bindName + ", password=(hidden), trust="
        + trust + ", readConnections=" + readConnections + "]";
  }
}
