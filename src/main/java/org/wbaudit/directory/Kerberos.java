package org.wbaudit.directory;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to bind with Kerberos (SASL GSSAPI): where the credentials come from, and which Kerberos
 * configuration names the realm and its KDCs. Holds no secret: a password stays in
 * {@link ConnectionSettings#password()}, a keytab and a ticket cache are named by path only.
 *
 * @param source where the credentials come from
 * @param principal {@code user@REALM}; null with a ticket cache (the cache names it)
 * @param ticketCache the cache to read ({@code KRB5CCNAME} or the default); null unless the
 *     source is {@link Source#TICKET_CACHE}
 * @param keytab null unless the source is {@link Source#KEYTAB}
 * @param krb5Conf the Kerberos configuration to use; null for the system's
 */
public record Kerberos(Source source, String principal, Path ticketCache, Path keytab, Path krb5Conf) {
  /** Credentials, in wbaudit's order of preference when more than one could serve. */
  public enum Source {
    /** A ticket the user got with kinit. */
    TICKET_CACHE,
    /** A keytab: how a scheduled run authenticates without a password. */
    KEYTAB,
    /** A password from the environment, a file or the prompt. */
    PASSWORD
  }

  public Kerberos {
    Objects.requireNonNull(source, "source");
    if (source == Source.TICKET_CACHE) {
      Objects.requireNonNull(ticketCache, "ticketCache");
    } else {
      Objects.requireNonNull(principal, "principal");
    }
    if (source == Source.KEYTAB) {
      Objects.requireNonNull(keytab, "keytab");
    }
  }

  /** The service's protocol part: AD registers {@code ldap/<host>} for every DC. */
  public static final String SERVICE = "ldap";

  /**
   * Refuses, before any traffic, credentials that are sure to fail (no cache, no ticket-granting
   * ticket, an expired one, a missing keytab), saying what to do instead.
   */
  public void check(java.time.Instant now) throws DirectoryException {
    KerberosBind.checkCredentials(this, now);
  }

  /** What the report and the logs say of this binding: never a secret, only where it came from. */
  public String describe() {
    return switch (source) {
      case TICKET_CACHE -> "Kerberos, ticket cache " + ticketCache;
      case KEYTAB -> "Kerberos, keytab " + keytab + " as " + principal;
      case PASSWORD -> "Kerberos, password of " + principal;
    };
  }
}
