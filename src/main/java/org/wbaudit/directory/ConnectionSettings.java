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
 */
public record ConnectionSettings(
    LdapUrl url,
    String bindName,
    char[] password,
    TrustPolicy trust,
    Duration connectTimeout,
    Duration responseTimeout) {
  public ConnectionSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(bindName, "bindName");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
  }

  /** Overwrites the password in memory. */
  public void wipePassword() {
    Arrays.fill(password, '\0');
  }

  @Override
  public String toString() {
    return "ConnectionSettings[url=" + url + ", bindName=" + bindName + ", password=(hidden), trust="
        + trust + "]";
  }
}
