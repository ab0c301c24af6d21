package org.wbaudit.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import javax.security.auth.login.LoginException;
import org.junit.jupiter.api.Test;

/**
 * Java's Kerberos reports its failures as text deep in a chain of causes; each kind a user can
 * act on becomes one line. The texts here are those Java 17 and the LDAP SDK produce (the live
 * cases are provoked against Samba's KDC in it/KerberosTest; a DC that refuses sealing could not
 * be made there, so its text is checked here only).
 */
class KerberosBindTest {
  static final LdapUrl URL = new LdapUrl("10.0.0.5", 389, false);
  static final Kerberos PASSWORD = new Kerberos(Kerberos.Source.PASSWORD, "svc@CORP.EXAMPLE", null,
      null, null);
  static final Kerberos KEYTAB = new Kerberos(Kerberos.Source.KEYTAB, "svc@CORP.EXAMPLE", null,
      Path.of("/etc/wbaudit/svc.keytab"), null);

  static String said(Kerberos k, String innermost) {
    return said(k, innermost, Instant.parse("2026-11-29T12:10:00Z"));
  }

  /** What the failure says when the DC's clock read {@code serverTime} and ours 12:10:30. */
  static String said(Kerberos k, String innermost, Instant serverTime) {
    LDAPException e = new LDAPException(ResultCode.LOCAL_ERROR,
        "Unable to create a SASL client for GSSAPI authentication",
        new LoginException("Cannot get Kerberos credentials: " + innermost));
    DirectoryException d = KerberosBind.failure(e, k, URL, "dc1.corp.example",
        serverTime, Instant.parse("2026-11-29T12:10:30Z"));
    assertEquals(DirectoryException.Kind.BIND, d.kind(), "exit 3");
    assertTrue(!d.getMessage().contains("\n"), "one line: " + d.getMessage());
    return d.getMessage();
  }

  @Test
  void eachFailureSaysWhatToDo() {
    Instant behind = Instant.parse("2026-11-29T12:00:00Z");
    assertTrue(said(PASSWORD, "Clock skew too great (37)", behind).contains("this host's clock is 630 s ahead of"));
    // #24: with a ticket cache Java may not say the skew at all; the DC's clock does.
    String empty = said(PASSWORD, "Empty nameStrings not allowed", behind);
    assertTrue(empty.contains("clocks of this host and the Kerberos KDC are too far apart")
        && empty.contains("630 s ahead of") && empty.contains("(Kerberos said: ") && empty.contains("Empty nameStrings not allowed)"), empty);
    assertTrue(said(PASSWORD, "Empty nameStrings not allowed").contains("Empty nameStrings not allowed")
        && !said(PASSWORD, "Empty nameStrings not allowed").contains("clocks"), "30 s apart is no skew");
    assertTrue(said(PASSWORD, "Server not found in Kerberos database (7)")
        .contains("no service principal ldap/dc1.corp.example"));
    assertTrue(said(PASSWORD, "Client not found in Kerberos database (6)").contains("no principal svc@CORP.EXAMPLE"));
    assertTrue(said(PASSWORD, "Pre-authentication information was invalid (24)").contains("refused the password"));
    assertTrue(said(KEYTAB, "Pre-authentication information was invalid (24)").contains("stale keytab"));
    assertTrue(said(PASSWORD, "Receive timed out").contains("no Kerberos KDC for CORP.EXAMPLE answered"));
    assertTrue(said(PASSWORD, "No common protection layer between client and server")
        .contains("refused to seal the connection"));
    DirectoryException samba = KerberosBind.failure(new LDAPException(ResultCode.STRONG_AUTH_REQUIRED,
        "SASL:[GSSAPI]: Sign or Seal are required."), PASSWORD, new LdapUrl("dc1", 636, true), "dc1",
        null, Instant.now());
    assertTrue(samba.getMessage().contains("use ldap:// (sealed by Kerberos)"), samba.getMessage());
    assertTrue(said(PASSWORD, "Something new (99)").contains("Something new (99)"), "the library's words otherwise");
  }

  @Test
  void theCacheIsCheckedBeforeAnyTraffic() throws Exception {
    Path dir = Files.createTempDirectory("wbaudit-cc");
    Kerberos missing = new Kerberos(Kerberos.Source.TICKET_CACHE, null, dir.resolve("none"), null, null);
    DirectoryException none = assertThrows(DirectoryException.class, () -> missing.check(Instant.now()));
    assertTrue(none.getMessage().contains("run kinit"), none.getMessage());

    Path cache = dir.resolve("cc");
    Instant end = Instant.parse("2026-11-29T08:00:00Z");
    Files.write(cache, TicketCacheTest.cache(0x0504, TicketCacheTest.USER, TicketCacheTest.USER,
        TicketCacheTest.TGT, end));
    Kerberos k = new Kerberos(Kerberos.Source.TICKET_CACHE, null, cache, null, null);
    k.check(end.minusSeconds(1));
    DirectoryException expired = assertThrows(DirectoryException.class, () -> k.check(end));
    assertTrue(expired.getMessage().contains("expired at 2026-11-29T08:00:00Z"), expired.getMessage());
    Kerberos other = new Kerberos(Kerberos.Source.TICKET_CACHE, "someone@CORP.EXAMPLE", cache, null, null);
    DirectoryException whose = assertThrows(DirectoryException.class, () -> other.check(end.minusSeconds(1)));
    assertTrue(whose.getMessage().contains("holds tickets for " + TicketCacheTest.USER), whose.getMessage());
    Files.writeString(cache, "not a cache");
    DirectoryException garbage = assertThrows(DirectoryException.class, () -> k.check(end.minusSeconds(1)));
    assertTrue(garbage.getMessage().contains("cannot read the ticket cache"), garbage.getMessage());
  }
}
