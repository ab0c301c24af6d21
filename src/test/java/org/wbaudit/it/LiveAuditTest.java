package org.wbaudit.it;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The live audit against a real Samba AD DC, as a non-admin sync account, over verified TLS.
 * Every Reset Password verdict is checked against the DC itself.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveAuditTest {
  Layout layout;
  SambaDc dc;

  @BeforeAll
  void setUp() throws Exception {
    layout = Layout.shared();
    dc = layout.dc();
    lockOut(layout.dn("hr-locked"));
  }

  /** Failed binds until the DC locks the account (threshold 5). */
  void lockOut(String dn) throws Exception {
    for (int i = 0; i < 6; i++) {
      try (LDAPConnection c = new LDAPConnection(
          new SSLUtil(new TrustAllTrustManager()).createSSLSocketFactory(), dc.ip, 636)) {
        c.bind(dn, "wrong-password-" + i);
      } catch (LDAPException expected) {
        // each refusal counts towards the lockout
      }
    }
  }

  String[] connection(String... more) {
    return connectionTo(dc.ldapsUrl(), more);
  }

  String[] connectionTo(String url, String... more) {
    List<String> a = new ArrayList<>(List.of("--url", url, "--bind-dn", layout.syncUpn(),
        "--password-file", layout.syncPasswordFile().toString(), "--trust-store", dc.caFile.toString(),
        "--format", "json"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  Run audit() {
    Run r = Run.audit(connection());
    assertNotNull(r.report(), () -> "no report; exit " + r.exitCode() + "\n" + r.err());
    assertEquals("", org.wbaudit.report.ReportSchema.violations(r.report()),
        "the report of a real DC must conform to reports/wbaudit-report.schema.json");
    return r;
  }

  static Boolean granted(JsonNode object, String right) {
    JsonNode g = object.get("rights").get(right).get("granted");
    return g.isNull() ? null : g.asBoolean();
  }

  @Test
  void everyResetVerdictIsWhatTheDomainControllerDecides() throws Exception {
    Run r = audit();
    List<String> disagreements = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    int granted = 0;
    int refused = 0;
    try (ResetOracle oracle = new ResetOracle(dc, layout.syncUpn(), Layout.SYNC_PASSWORD)) {
      for (JsonNode o : org.wbaudit.report.ReportJson.objects(r.report())) {
        Boolean verdict = granted(o, "resetPassword");
        String dn = o.get("dn").asText();
        String password = dn.equalsIgnoreCase(layout.syncDn()) ? Layout.SYNC_PASSWORD : Layout.USER_PASSWORD;
        ResultCode rc = oracle.reset(dn, password);
        if (rc != ResultCode.SUCCESS && rc != ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
          disagreements.add(dn + ": the DC answered " + rc + ", neither yes nor no");
        } else if (verdict == null) {
          // wbaudit cannot see what decides it (an unreadable descriptor): the DC still answers;
          // say what it said, so the report's "unknown" is shown to hide a real answer.
          unknown.add(dn + ": wbaudit says unknown ("
              + o.get("rights").get("resetPassword").get("reason").asText() + "), the DC says " + rc);
        } else if ((rc == ResultCode.SUCCESS) != verdict) {
          disagreements.add(dn + ": wbaudit says " + verdict + " ("
              + o.get("rights").get("resetPassword").get("reason").asText() + "), the DC says " + rc);
        } else if (verdict) {
          granted++;
        } else {
          refused++;
        }
      }
    }
    System.out.println("LiveAuditTest: users whose Reset Password wbaudit could not decide, put to the DC:\n  "
        + String.join("\n  ", unknown));
    assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
    assertTrue(granted >= 8, "the layout should give at least 8 resets, got " + granted);
    assertTrue(refused >= 10, "the layout should refuse at least 10 resets, got " + refused);
    assertTrue(unknown.stream().anyMatch(u -> u.startsWith(layout.dn("hr-unreadable") + ":")),
        "hr-unreadable's descriptor is hidden from the sync account, and still put to the DC: " + unknown);
  }

  /**
   * Change Password, put to the DC: the sync account changes each layout user's password from the
   * one it knows to the same one (history and minimum age are off in the test domain), as a
   * writeback change would; the DC refuses it exactly where no ACE grants Change Password (the
   * layout's denies for the sync account, AdminSDHolder's DACL on sales-admin). A refusal for
   * another reason is not an answer about the right: only the locked-out user may get one.
   */
  @Test
  void everyChangeVerdictIsWhatTheDomainControllerDecides() throws Exception {
    Run r = audit();
    List<String> disagreements = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> otherReasons = new ArrayList<>();
    int granted = 0;
    int refused = 0;
    try (ResetOracle oracle = new ResetOracle(dc, layout.syncUpn(), Layout.SYNC_PASSWORD)) {
      for (Map.Entry<String, String> user : layout.users().entrySet()) {
        JsonNode o = r.object(user.getValue());
        assertNotNull(o, user.getKey() + " is missing from the report");
        Boolean verdict = granted(o, "changePassword");
        ResetOracle.Answer a = oracle.change(user.getValue(), Layout.USER_PASSWORD, Layout.USER_PASSWORD);
        Boolean dcSays = a.changeRight();
        if (dcSays == null) {
          otherReasons.add(user.getKey());
          if (!user.getKey().equals("hr-locked") || !a.diagnostic().contains("account locked out")) {
            disagreements.add(user.getKey() + ": the DC answered " + a + ", neither yes nor no");
          }
        } else if (verdict == null) {
          unknown.add(user.getKey() + ": the DC says " + a);
        } else if (dcSays != verdict) {
          disagreements.add(user.getKey() + ": wbaudit says " + verdict + " ("
              + o.get("rights").get("changePassword").get("reason").asText() + "), the DC says " + a);
        } else if (verdict) {
          granted++;
        } else {
          refused++;
        }
      }
    }
    System.out.println("LiveAuditTest: users whose Change Password wbaudit could not decide, put to the DC:\n  "
        + String.join("\n  ", unknown));
    assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
    assertEquals(List.of("hr-locked"), otherReasons, "the DC refuses a locked-out account's change whatever the right");
    assertTrue(granted >= 15, "Everyone may change a password by default: " + granted);
    assertTrue(refused >= 3, "hr-deny-change, hr-denied-generic and sales-admin refuse it: " + refused);
    assertTrue(unknown.stream().anyMatch(u -> u.startsWith("hr-unreadable:")), unknown.toString());
  }

  @Test
  void explainGivesEachLayoutUserTheAuditsVerdicts() throws Exception {
    Run r = audit();
    int explained = 0;
    for (String dn : layout.users().values()) {
      JsonNode o = r.object(dn);
      if (o == null || !o.get("descriptor").asText().equals("read")) {
        continue;
      }
      String[] conn = connection();
      List<String> args = new ArrayList<>(List.of("explain"));
      args.addAll(List.of(conn).subList(0, conn.length - 2)); // without --format json
      args.addAll(List.of("--user", dn, "--format", "json"));
      Run e = Run.wbaudit(Map.of(), args.toArray(String[]::new));
      assertEquals(0, e.exitCode(), e.err());
      JsonNode x = new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.out());
      for (String right : List.of("resetPassword", "changePassword", "writeLockoutTime", "writePwdLastSet")) {
        assertEquals(o.get("rights").get(right).get("granted"), x.get("rights").get(right).get("granted"),
            dn + " " + right);
      }
      explained++;
    }
    assertTrue(explained >= 20, "explained " + explained);
  }

  @Test
  void everyWritePropertyVerdictIsWhatTheDomainControllerDecides() throws Exception {
    Run r = audit();
    List<String> disagreements = new ArrayList<>();
    int granted = 0;
    try (ResetOracle oracle = new ResetOracle(dc, layout.syncUpn(), Layout.SYNC_PASSWORD)) {
      for (JsonNode o : org.wbaudit.report.ReportJson.objects(r.report())) {
        String dn = o.get("dn").asText();
        for (String[] w : new String[][] {{"writeLockoutTime", "lockoutTime", "0"},
            {"writePwdLastSet", "pwdLastSet", "-1"}}) {
          Boolean verdict = granted(o, w[0]);
          if (verdict == null) {
            continue;
          }
          ResultCode rc = oracle.write(dn, w[1], w[2]);
          if (rc != ResultCode.SUCCESS && rc != ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
            disagreements.add(dn + " " + w[1] + ": the DC answered " + rc);
          } else if ((rc == ResultCode.SUCCESS) != verdict) {
            disagreements.add(dn + " " + w[1] + ": wbaudit says " + verdict + ", the DC says " + rc);
          }
          granted += verdict ? 1 : 0;
        }
      }
    }
    assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
    assertTrue(granted >= 6, "the Sales OU grants both writes to its users: " + granted);
  }

  @Test
  void eachCaseOfTheLayoutComesOutAsDesigned() {
    Run r = audit();
    Map<String, Boolean> expected = new java.util.LinkedHashMap<>();
    expected.put("sales1", true);
    expected.put("sales-deep", true);
    expected.put("sales-protected", false);
    expected.put("sales-admin", false);
    expected.put("sales-inet", false);
    expected.put("fin1", true);
    expected.put("legal-none", false);
    expected.put("legal-genericall", true);
    expected.put("legal-genericwrite", false);
    expected.put("legal-wp-on-reset", false);
    expected.put("legal-cr-all", true);
    expected.put("legal-self", false);
    expected.put("legal-io", false);
    expected.put("legal-owned", false);
    expected.put("hr1", true);
    expected.put("hr-denied", false);
    expected.put("hr-denied-via-group", false);
    expected.put("hr-denied-generic", false);
    expected.put("hr-deny-change", true);
    expected.forEach((user, want) -> {
      JsonNode o = r.object(layout.dn(user));
      assertNotNull(o, user + " is missing from the report");
      assertEquals(want, granted(o, "resetPassword"), () -> user + ": " + o.get("rights").get("resetPassword"));
    });
    assertEquals("denied", r.object(layout.dn("hr-denied")).get("rights").get("resetPassword").get("outcome").asText());
    // Reasons speak names from the schema and the Extended-Rights container, not GUIDs.
    String reason = r.object(layout.dn("sales1")).get("rights").get("resetPassword").get("reason").asText();
    assertTrue(reason.contains("Force Change Password") && reason.contains("svc-sync")
        && reason.contains("(inherited)"), reason);
    String viaGroup = r.object(layout.dn("fin1")).get("rights").get("resetPassword").get("reason").asText();
    assertTrue(viaGroup.contains("G-Outer"), viaGroup);
    assertTrue(r.hasFinding("RESET_PASSWORD_NOT_GRANTED", layout.dn("legal-none")));
    assertFalse(r.hasFinding("RESET_PASSWORD_NOT_GRANTED", layout.dn("sales1")));
    // The OU grants lockoutTime and pwdLastSet too, as the writeback cmdlet does.
    assertEquals(true, granted(r.object(layout.dn("sales1")), "writeLockoutTime"));
    assertEquals(true, granted(r.object(layout.dn("sales1")), "writePwdLastSet"));
    assertEquals(false, granted(r.object(layout.dn("hr1")), "writeLockoutTime"));
  }

  @Test
  void flagsProtectedDisabledLockedAndUnreadableUsers() {
    Run r = audit();
    assertTrue(r.hasFinding("INHERITANCE_DISABLED", layout.dn("sales-protected")));
    // adminCount=1 and AdminSDHolder's DACL, but in no protected group: protected no longer.
    assertTrue(r.hasFinding("ADMIN_COUNT_STALE", layout.dn("sales-admin")));
    assertTrue(r.hasFinding("INHERITANCE_DISABLED", layout.dn("sales-admin")));
    assertTrue(r.hasFinding("ACCOUNT_DISABLED", layout.dn("hr-disabled")));
    assertTrue(r.hasFinding("ACCOUNT_LOCKED_OUT", layout.dn("hr-locked")));
    assertFalse(r.hasFinding("ACCOUNT_LOCKED_OUT", layout.dn("hr1")));
    JsonNode unreadable = r.object(layout.dn("hr-unreadable"));
    assertEquals("unreadable", unreadable.get("descriptor").asText());
    assertNull(granted(unreadable, "resetPassword"));
    assertTrue(r.hasFinding("DESCRIPTOR_UNREADABLE", layout.dn("hr-unreadable")));
    JsonNode summary = r.report().get("summary");
    assertTrue(summary.get("rights").get("resetPassword").get("unknown").asLong() >= 1);
  }

  @Test
  void reportsTheDcTheTokenAndTheSummary() {
    Run r = audit();
    assertEquals(1, r.exitCode(), r.err());
    JsonNode report = r.report();
    assertEquals("2.2", report.get("schemaVersion").asText());
    assertTrue(r.hasFinding("POLICY_HINTS_CONTROL_MISSING", null), "Samba 4.17 lacks 2066");
    assertFalse(report.get("dc").get("policyHints2066").asBoolean());
    // Samba's GnuTLS takes the client's order: the suite Java decrypts cheapest (CipherPreference).
    assertEquals("TLS (ldaps; TLSv1.3, TLS_CHACHA20_POLY1305_SHA256)",
        report.get("dc").get("protection").asText());
    JsonNode principal = report.get("principal");
    assertEquals(layout.syncSid(), principal.get("sid").asText());
    assertEquals("tokenGroups", principal.get("tokenMethod").asText());
    List<String> names = new ArrayList<>();
    principal.get("token").forEach(t -> names.add(t.get("name").asText()));
    assertTrue(names.containsAll(List.of("G-Helpdesk", "G-Outer", "Domain Users", "Everyone",
        "Authenticated Users", "BUILTIN\\Pre-Windows 2000 Compatible Access")), names::toString);
    JsonNode summary = report.get("summary");
    assertTrue(summary.get("complete").asBoolean());
    assertTrue(summary.get("usersRead").asLong() >= 25);
    assertEquals(summary.get("usersRead").asLong(), org.wbaudit.report.ReportJson.objects(report).size());
    assertNull(r.object("CN=SALESPC,OU=Sales," + layout.base()), "computers are not users");
    assertEquals("granted", report.get("domain").get("unexpirePassword").asText());
    assertFalse(r.hasFinding("PASSWORD_POLICY_BLOCKS_RESET", null), "the test domain has age 0, history 0");
    // Samba stamps inherited ACEs as soon as a grant is set: every OU grant of the layout (at
    // several depths, for several classes, next to denies) has reached its users, so the
    // inheritance computation must find nothing missing on a real DC.
    assertFalse(r.hasFinding("GRANT_NOT_PROPAGATED", null), "a propagated domain has no missing grant");
  }

  @Test
  void readingSideBySideReadsEveryUserOnceAsOneSearchWould() throws Exception {
    java.util.Set<String> expected = new java.util.HashSet<>();
    try (LDAPConnection c = new LDAPConnection(
        new SSLUtil(new TrustAllTrustManager()).createSSLSocketFactory(), dc.ip, 636,
        layout.syncUpn(), Layout.SYNC_PASSWORD)) {
      c.search(layout.base(), com.unboundid.ldap.sdk.SearchScope.SUB,
          "(&(objectCategory=person)(objectClass=user))", "1.1")
          .getSearchEntries().forEach(e -> expected.add(e.getDN()));
    }
    for (String readers : List.of("1", "3")) {
      Run r = Run.audit(connection("--read-connections", readers));
      assertNotNull(r.report(), r.err());
      List<String> dns = new ArrayList<>();
      org.wbaudit.report.ReportJson.objects(r.report()).forEach(o -> dns.add(o.get("dn").asText()));
      assertEquals(dns.size(), new java.util.HashSet<>(dns).size(), "a user twice with " + readers);
      assertEquals(expected, new java.util.HashSet<>(dns), "read with " + readers + " connections");
    }
  }

  @Test
  void theAuditWritesNothing() throws Exception {
    audit(); // a first bind may stamp logon data; measure a settled second run
    long before = usn();
    Run r = audit();
    long after = usn();
    assertEquals(before, after, "highestCommittedUSN moved during a read-only audit");
    JsonNode s = r.report().get("summary");
    assertEquals(s.get("highestCommittedUsnBefore").asLong(), s.get("highestCommittedUsnAfter").asLong());
  }

  long usn() throws Exception {
    try (LDAPConnection c = new LDAPConnection(
        new SSLUtil(new TrustAllTrustManager()).createSSLSocketFactory(), dc.ip, 636)) {
      return Long.parseLong(c.getRootDSE().getAttributeValue("highestCommittedUSN"));
    }
  }

  @Test
  void startTlsOverLdapGivesTheSameVerdicts() {
    Run ldaps = audit();
    Run startTls = Run.audit(connectionTo(dc.ldapUrl()));
    assertNotNull(startTls.report(), startTls.err());
    Map<String, String> viaLdaps = perUser(ldaps);
    assertTrue(viaLdaps.size() >= 25, viaLdaps.keySet().toString());
    assertEquals(viaLdaps, perUser(startTls), "each user's verdicts, readiness and blockers");
  }

  /** Per DN: every right's verdict, readiness and blockers. */
  static Map<String, String> perUser(Run r) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (JsonNode o : org.wbaudit.report.ReportJson.objects(r.report())) {
      out.put(o.get("dn").asText().toLowerCase(java.util.Locale.ROOT),
          o.get("rights") + " ready=" + o.get("ready") + " blockers=" + o.get("blockers"));
    }
    return out;
  }

  @Test
  void auditsAnotherPrincipalWhenAskedTo() throws Exception {
    java.nio.file.Path adminPw = java.nio.file.Files.createTempFile("wbaudit-admin", ".pw");
    java.nio.file.Files.writeString(adminPw, SambaDc.ADMIN_PASSWORD);
    Run asAdmin = Run.audit("--url", dc.ldapsUrl(), "--bind-dn", "Administrator@" + SambaDc.REALM.toLowerCase(),
        "--password-file", adminPw.toString(), "--trust-store", dc.caFile.toString(),
        "--principal", "svc-sync");
    Run asSync = audit();
    assertNotNull(asAdmin.report(), asAdmin.err());
    assertEquals(layout.syncSid(), asAdmin.report().get("principal").get("sid").asText());
    assertEquals(granted(asSync.object(layout.dn("fin1")), "resetPassword"),
        granted(asAdmin.object(layout.dn("fin1")), "resetPassword"));
    // The administrator can read hr-unreadable's descriptor, so the verdict is known there.
    assertNotNull(granted(asAdmin.object(layout.dn("hr-unreadable")), "resetPassword"));
  }

  @Test
  void textFormatSummarisesForPeople() {
    String[] args = connection();
    args[args.length - 1] = "text";
    List<String> all = new ArrayList<>(List.of("audit"));
    all.addAll(List.of(args));
    Run r = Run.wbaudit(Map.of(), all.toArray(String[]::new));
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.out().contains("Users read: "), r.out());
    assertTrue(r.out().contains("RESET_PASSWORD_NOT_GRANTED"), r.out());
  }

  @Test
  void failOnCriticalPassesTheSameDomain() {
    Run r = Run.audit(connection("--fail-on", "critical"));
    assertEquals(0, r.exitCode(), r.err());
  }

  @Test
  void passwordFromTheEnvironment() {
    List<String> a = new ArrayList<>(List.of("audit", "--url", dc.ldapsUrl(), "--bind-dn",
        layout.syncUpn(), "--password-env", "SYNC_PW", "--trust-store", dc.caFile.toString(),
        "--fail-on", "critical"));
    Run r = Run.wbaudit(Map.of("SYNC_PW", Layout.SYNC_PASSWORD), a.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    assertFalse(r.out().contains(Layout.SYNC_PASSWORD) || r.err().contains(Layout.SYNC_PASSWORD));
  }
}
