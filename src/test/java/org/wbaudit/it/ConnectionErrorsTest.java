package org.wbaudit.it;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every way a connection goes wrong: a clear message, exit 3 (or 2), no stack trace, no report. */
@Tag("integration")
class ConnectionErrorsTest {
  static Run audit(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "audit";
    System.arraycopy(args, 0, all, 1, args.length);
    return Run.wbaudit(Map.of("PW", "x"), all);
  }

  static void assertNoStackTrace(Run r) {
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception:"), r.err());
  }

  @Test
  void wrongPasswordNamesTheLdapResult() throws Exception {
    Layout layout = Layout.shared();
    Run r = audit("--url", layout.dc().ldapsUrl(), "--bind-dn", "nobody-in-particular@corp.example.test",
        "--password-env", "PW", "--trust-store", layout.dc().caFile.toString());
    assertEquals(3, r.exitCode(), r.err());
    assertTrue(r.err().contains("refused: invalid credentials (49)"), r.err());
    assertFalse(r.err().contains("PW=") || r.err().contains(" x "), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void unreachableHost() {
    String down = "ldaps://" + Addresses.closedEndpoint();
    Run r = audit("--url", down, "--bind-dn", "a@b", "--password-env", "PW",
        "--connect-timeout", "3");
    assertEquals(3, r.exitCode(), r.err());
    assertTrue(r.err().contains("cannot connect to " + down), r.err());
  }

  @Test
  void certificateFromAnUnknownCaIsRefused() {
    Layout layout = Layout.shared();
    Run r = audit("--url", layout.dc().ldapsUrl(), "--bind-dn", layout.syncUpn(), "--password-file",
        layout.syncPasswordFile().toString());
    assertEquals(3, r.exitCode(), r.err());
    assertTrue(r.err().contains("TLS with " + layout.dc().ldapsUrl() + " failed"), r.err());
    assertTrue(r.err().contains("--trust-store"), r.err());
  }

  @Test
  void trustAllIsExplicitAndWarns() {
    Layout layout = Layout.shared();
    Run r = audit("--url", layout.dc().ldapsUrl(), "--bind-dn", layout.syncUpn(), "--password-file",
        layout.syncPasswordFile().toString(), "--trust-all", "--fail-on", "critical");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("WARNING: --trust-all"), r.err());
  }

  @Test
  void notAnActiveDirectoryServer() {
    Slapd slapd = Slapd.shared();
    Run r = audit("--url", slapd.url(), "--bind-dn", "cn=admin,dc=example,dc=test", "--password-env", "PW");
    assertEquals(3, r.exitCode(), r.err());
    assertTrue(r.err().contains("is an LDAP server but not an Active Directory domain controller"), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void unknownPrincipalIsAUsageError() {
    Layout layout = Layout.shared();
    Run r = audit("--url", layout.dc().ldapsUrl(), "--bind-dn", layout.syncUpn(), "--password-file",
        layout.syncPasswordFile().toString(), "--trust-store", layout.dc().caFile.toString(),
        "--principal", "no-such-account");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("no account named no-such-account"), r.err());
  }

  @Test
  void badOptionsAreUsageErrors() throws Exception {
    assertEquals(2, audit("--url", "http://x", "--bind-dn", "a", "--password-env", "PW").exitCode());
    Run missingVar = audit("--url", "ldaps://127.0.0.9", "--bind-dn", "a", "--password-env", "NOPE");
    assertEquals(2, missingVar.exitCode());
    assertTrue(missingVar.err().contains("NOPE is not set"), missingVar.err());
    Run noSource = audit("--url", "ldaps://127.0.0.9", "--bind-dn", "a");
    assertEquals(2, noSource.exitCode());
    assertTrue(noSource.err().contains("no password"), noSource.err());
    Path empty = Files.createTempFile("wbaudit", ".pw");
    Run emptyFile = audit("--url", "ldaps://127.0.0.9", "--bind-dn", "a", "--password-file", empty.toString());
    assertEquals(2, emptyFile.exitCode());
    assertTrue(emptyFile.err().contains("is empty"), emptyFile.err());
    Run both = audit("--url", "ldaps://127.0.0.9", "--bind-dn", "a", "--password-env", "PW",
        "--password-file", empty.toString());
    assertEquals(2, both.exitCode());
    Run failOn = audit("--url", "ldaps://127.0.0.9", "--bind-dn", "a", "--password-env", "PW",
        "--fail-on", "urgent");
    assertEquals(2, failOn.exitCode());
    assertTrue(failOn.err().contains("unknown severity 'urgent'"), failOn.err());
    Run cleartext = audit("--url", "ldap://127.0.0.9", "--bind-dn", "a", "--password", "x");
    assertEquals(2, cleartext.exitCode(), "there is no --password option: passwords never go on the command line");
  }

  @Test
  void aReportFileIsNotLeftBehindWhenTheAuditCannotStart() throws Exception {
    Path dir = Files.createTempDirectory("wbaudit-out");
    Path out = dir.resolve("report.json");
    Run r = audit("--url", "ldaps://" + Addresses.closedEndpoint(), "--bind-dn", "a@b",
        "--password-env", "PW", "--connect-timeout", "2", "--output", out.toString());
    assertEquals(3, r.exitCode());
    assertFalse(Files.exists(out));
    try (var files = Files.list(dir)) {
      assertNull(files.findFirst().orElse(null), "no partial file either");
    }
  }
}
