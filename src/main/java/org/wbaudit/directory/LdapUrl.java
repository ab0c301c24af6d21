package org.wbaudit.directory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An {@code ldaps://host[:port]} or {@code ldap://host[:port]} URL. Over {@code ldap://} StartTLS
 * is required: credentials never cross the network in clear.
 *
 * @param secureFromStart true for ldaps (TLS from the first byte), false for StartTLS
 */
public record LdapUrl(String host, int port, boolean secureFromStart) {
  /**
   * @throws IllegalArgumentException naming what is wrong with the text
   */
  public static LdapUrl parse(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          text.endsWith("://") ? "no host in " + text : "not a URL: " + text);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean ldaps;
    if (scheme.equals("ldaps")) {
      ldaps = true;
    } else if (scheme.equals("ldap")) {
      ldaps = false;
    } else {
      throw new IllegalArgumentException(
          "expected ldaps://host[:port] or ldap://host[:port] (StartTLS), got: " + text);
    }
    if (uri.getRawUserInfo() != null) {
      // Never echo it: it may hold a password.
      throw new IllegalArgumentException("a user name or password in the URL is not accepted:"
          + " give --bind-dn, and the password from --password-env, --password-file or the prompt");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("no host in " + text);
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw new IllegalArgumentException("port " + uri.getPort() + " in " + text
          + " is not a TCP port (1 to 65535)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("search parameters in the URL are not supported: " + text);
    }
    if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
      throw new IllegalArgumentException("a base DN in the URL is not supported: " + text);
    }
    int port = uri.getPort() > 0 ? uri.getPort() : ldaps ? 636 : 389;
    return new LdapUrl(uri.getHost(), port, ldaps);
  }

  @Override
  public String toString() {
    return (secureFromStart ? "ldaps://" : "ldap://") + host + ":" + port;
  }
}
