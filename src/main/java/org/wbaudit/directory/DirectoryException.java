package org.wbaudit.directory;

/**
 * A failure talking to a directory server, with what was being done and, when the server
 * answered, its LDAP result code.
 */
public final class DirectoryException extends Exception {
  /** What failed. */
  public enum Kind {
    /** The URL or settings are unusable. */
    SETTINGS,
    /** No TCP connection. */
    CONNECT,
    /** TLS could not be set up (handshake, certificate, or no StartTLS). */
    TLS,
    /** The server answers LDAP but is not an AD domain controller. */
    NOT_ACTIVE_DIRECTORY,
    /** Bind refused. */
    BIND,
    /** A named object (such as the principal) does not exist. */
    NOT_FOUND,
    /** A read failed after a good bind. */
    READ
  }

  private final Kind kind;
  private final LdapResult result;

  /**
   * @param result the server's LDAP result, or null when there was none
   */
  public DirectoryException(Kind kind, String message, LdapResult result, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.result = result;
  }

  public Kind kind() {
    return kind;
  }

  /** The server's result code; null when the server never answered. */
  public LdapResult result() {
    return result;
  }
}
