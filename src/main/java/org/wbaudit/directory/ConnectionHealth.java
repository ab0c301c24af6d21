package org.wbaudit.directory;

import com.unboundid.ldap.sdk.DisconnectHandler;
import com.unboundid.ldap.sdk.DisconnectType;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a session's DC still answers, and what could not be read. The first timeout or
 * connection loss marks the session broken: every later request fails at once, so that one
 * deadline (--timeout) bounds the whole run's waiting on a stalled DC however many reads the
 * audit has left, and a connection reset in the middle of a page ends that page at once. Reads
 * the audit can do without (an ancestor's descriptor, a group's members) are listed here when
 * they fail, so that the report says what it is missing instead of swallowing them.
 */
final class ConnectionHealth implements DisconnectHandler {
  private volatile String broken;
  /** Something waiting for the server, to be failed at once when the connection goes. */
  interface Waiting {
    void fail(String why);
  }

  private final Set<Waiting> waiting = ConcurrentHashMap.newKeySet();
  private final List<String> unread = new ArrayList<>();

  /** @throws DirectoryException when the session is broken, without sending anything */
  void check(String what) throws DirectoryException {
    String why = broken;
    if (why != null) {
      throw new DirectoryException(DirectoryException.Kind.READ, "reading " + what
          + " was not tried: " + why + " (the audit gave up on this DC)", null, null);
    }
  }

  /** Marks the session broken when {@code e} says the DC stopped answering or went away. */
  void failed(LDAPException e, String what) {
    ResultCode rc = e.getResultCode();
    if (rc == ResultCode.TIMEOUT) {
      broken("the DC did not answer " + what + " within the --timeout");
    } else if (rc == ResultCode.SERVER_DOWN || rc == ResultCode.CONNECT_ERROR
        || rc == ResultCode.DECODING_ERROR) {
      broken("the connection to the DC was lost while reading " + what);
    }
  }

  void broken(String why) {
    if (broken == null) {
      broken = why;
    }
    for (Waiting w : waiting) {
      w.fail(why);
    }
  }

  void waiting(Waiting page) {
    waiting.add(page);
    if (broken != null) {
      page.fail(broken);
    }
  }

  void done(Waiting page) {
    waiting.remove(page);
  }

  @Override
  public void handleDisconnect(LDAPConnection connection, String host, int port,
      DisconnectType type, String message, Throwable cause) {
    if (!DisconnectType.isExpected(type)) {
      broken("the connection to " + host + ":" + port + " was closed (" + type.getDescription()
          + (message != null ? ": " + message : "") + ")");
    }
  }

  /** Records a read the audit went on without. */
  synchronized void unread(String what, DirectoryException e) {
    if (unread.size() < 100) {
      unread.add(what + ": " + e.getMessage());
    } else if (unread.size() == 100) {
      unread.add("… and more reads that failed the same way");
    }
  }

  synchronized List<String> unread() {
    return List.copyOf(unread);
  }
}
