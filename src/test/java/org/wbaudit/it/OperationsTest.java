package org.wbaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.ResultCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.wbaudit.report.ReportJson;

/**
 * Every writeback operation, and what it needs beyond the user's DACL, on a Samba DC of its own
 * (the test changes the SAM server object and Pre-Windows 2000 Compatible Access; its SAMR
 * service runs so that the SAM calls writeback makes can be made too). The users of
 * operations.py each exercise one requirement; the DC's own answers are put beside wbaudit's.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsTest {
  static final String SYNC_PASSWORD = "Ops!Passw0rd1";
  static final String USER_PASSWORD = "User!Passw0rd1";
  static final String REALM = "OPS.EXAMPLE.TEST";
  static final List<String> OPERATIONS = List.of("selfServiceReset", "adminReset", "change", "unlock");
  SambaDc dc;
  JsonNode fixture;
  Path syncPw;

  @BeforeAll
  void plant() throws Exception {
    // The rpc service adds SAMR (and the endpoint mapper) on the DC's own address.
    dc = SambaDc.start("OPS", REALM, List.of("server services = ldap, cldap, kdc, drepl, kcc, rpc"));
    String out = dc.python("samba/operations.py", SYNC_PASSWORD, USER_PASSWORD);
    fixture = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    syncPw = Files.createTempFile("wbaudit-ops", ".pw");
    Files.writeString(syncPw, SYNC_PASSWORD + "\n");
  }

  @AfterAll
  void stop() {
    if (dc != null) {
      dc.stop();
    }
  }

  Run audit() {
    Run r = Run.audit("--url", dc.ldapsUrl(), "--bind-dn", "svc-ops@" + REALM.toLowerCase(),
        "--password-file", syncPw.toString(), "--trust-store", dc.caFile.toString(), "--format", "json");
    assertNotNull(r.report(), r.err());
    assertEquals("", org.wbaudit.report.ReportSchema.violations(r.report()));
    return r;
  }

  String dn(String user) {
    return fixture.get("users").get(user).asText();
  }

  /** An operation's verdict of a user: "true", "false" or "null", then its blockers. */
  static String verdict(Run r, String dn, String operation) {
    JsonNode v = r.object(dn).get("operations").get(operation);
    return v.get("ready") + " " + v.get("blockers");
  }

  @Test
  void eachOperationIsReadyOrBlockedAsItsRequirementsSay() {
    Run r = audit();
    assertEquals(List.of("true []", "true []", "true []", "true []"), verdicts(r, "ops-plain"));
    assertEquals(List.of("true []", "true []", "false [\"CHANGE_PASSWORD_NOT_GRANTED\"]", "true []"),
        verdicts(r, "ops-cant-change"), "\"User cannot change password\" stops the change only");
    assertEquals(List.of("false [\"ADMIN_COUNT_STALE\"]", "false [\"ADMIN_COUNT_STALE\"]",
        "false [\"ADMIN_COUNT_STALE\"]", "true []"), verdicts(r, "ops-stale-admin"), "adminCount=1 stops password operations, not an unlock");
    assertEquals(List.of("false [\"SAM_USER_READ_NOT_GRANTED\"]", "false [\"SAM_USER_READ_NOT_GRANTED\"]",
        "false [\"SAM_USER_READ_NOT_GRANTED\"]", "false [\"SAM_USER_READ_NOT_GRANTED\"]"), verdicts(r, "ops-noread"));
    assertEquals(List.of("true []", "true []", "true []", "true []"), verdicts(r, "ops-never-expires"));
    assertTrue(r.hasFinding("PASSWORD_NEVER_EXPIRES_MUST_CHANGE_IGNORED", dn("ops-never-expires")));
    assertEquals(List.of("true []", "true []", "true []", "true []"), verdicts(r, "ops-rnd"), "R&D (EMEA) is a fine name");
    // The top-level verdict is the self-service reset's.
    assertEquals("true", r.object(dn("ops-cant-change")).get("ready").toString());
  }

  List<String> verdicts(Run r, String user) {
    List<String> out = new ArrayList<>();
    OPERATIONS.forEach(op -> out.add(verdict(r, dn(user), op)));
    return out;
  }

  @Test
  void eachReservedCharacterInTheOuPathBlocksNamingTheContainer() {
    Run r = audit();
    int checked = 0;
    for (var e : iterable(fixture.get("reserved").fields())) {
      JsonNode place = e.getValue();
      assertTrue(place.has("user"), "Samba refused the OU for " + e.getKey() + ": " + place);
      String user = place.get("user").asText();
      for (String op : OPERATIONS) {
        assertEquals("false [\"DN_RESERVED_CHARACTER\"]", verdict(r, user, op), e.getKey() + " " + op);
      }
      JsonNode f = null;
      for (JsonNode x : r.findings()) {
        if (x.get("rule").asText().equals("DN_RESERVED_CHARACTER") && x.get("dn").asText().equalsIgnoreCase(user)) {
          f = x;
        }
      }
      assertNotNull(f, e.getKey());
      String ou = place.get("ou").asText();
      String rdn = f.get("details").get("rdn").asText();
      assertTrue(ou.toLowerCase().startsWith(rdn.toLowerCase()) || sameRdn(ou, rdn),
          e.getKey() + ": the finding names " + rdn + ", the OU is " + ou);
      checked++;
    }
    assertEquals(14, checked, "one OU per character Microsoft lists");
  }

  /** The OU's RDN and the finding's, compared as the DC compares them (escapes may differ: \\; or \\3B). */
  static boolean sameRdn(String ou, String rdn) {
    try {
      return new com.unboundid.ldap.sdk.RDN(rdn).equals(new com.unboundid.ldap.sdk.DN(ou).getRDN());
    } catch (com.unboundid.ldap.sdk.LDAPException e) {
      return false;
    }
  }

  static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }

  /** The DC's own answer: a change as the user itself, and a reset as the sync account. */
  @Test
  void theDcRefusesTheChangeOfAUserWhoCannotChangeItsPasswordAndAllowsTheReset() throws Exception {
    Run r = audit();
    assertEquals("false", r.object(dn("ops-cant-change")).get("operations").get("change").get("ready").toString());
    try (ResetOracle asUser = new ResetOracle(dc, "ops-cant-change@" + REALM.toLowerCase(), USER_PASSWORD)) {
      ResetOracle.Answer a = asUser.change(dn("ops-cant-change"), USER_PASSWORD, USER_PASSWORD);
      assertEquals(Boolean.FALSE, a.changeRight(), "the user's own change is refused: " + a);
    }
    try (ResetOracle asUser = new ResetOracle(dc, "ops-plain@" + REALM.toLowerCase(), USER_PASSWORD)) {
      assertEquals(Boolean.TRUE, asUser.change(dn("ops-plain"), USER_PASSWORD, USER_PASSWORD).changeRight());
    }
    try (ResetOracle sync = new ResetOracle(dc, "svc-ops@" + REALM.toLowerCase(), SYNC_PASSWORD)) {
      assertEquals(Boolean.FALSE, sync.change(dn("ops-cant-change"), USER_PASSWORD, USER_PASSWORD).changeRight(),
          "and the sync account's change too");
      assertEquals(ResultCode.SUCCESS, sync.reset(dn("ops-cant-change"), USER_PASSWORD), "while its reset works");
    }
  }

  JsonNode samr(String user) throws Exception {
    String out = dc.python("samba/samr_lookup.py", dc.ip, "svc-ops", SYNC_PASSWORD, user);
    return new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
  }

  static long count(Run r, String rule) {
    return r.findings().stream().filter(f -> f.get("rule").asText().equals(rule)).count();
  }

  /**
   * The SAM server object, then Pre-Windows 2000 Compatible Access, taken away and put back: each
   * finding appears once while the grant is gone, stops every user (the SAM server) or each user's
   * reads (Pre-Windows 2000), and goes when it is back. Samba 4.17's SAMR service does not check
   * the SAM server object's DACL, nor the user's for these reads (its calls succeed throughout):
   * the DC cannot be the oracle here, and the test says so rather than pretend; Windows checks
   * both, as Microsoft's troubleshooting page documents (access denied, ADSync 6329).
   */
  @Test
  void theSamServerObjectAndPreWindows2000FindingsComeAndGoWithTheGrants() throws Exception {
    Run before = audit();
    assertEquals(0, count(before, "SAM_SERVER_NOT_READABLE"));
    assertEquals(0, count(before, "PRE_WINDOWS_2000_WITHOUT_AUTHENTICATED_USERS"));
    JsonNode sam = before.report().get("forests").get(0).get("samAccess");
    assertEquals("granted", sam.get("objects").get("CN=Server,CN=System," + fixture.get("base").asText()).asText());
    assertTrue(sam.get("preWindows2000").get("authenticatedUsers").asBoolean(), sam.toString());
    assertTrue(samr("ops-plain").get("read").asBoolean(), "the SAM calls work as they should");

    String original = dc.python("samba/sam_access.py", "strip-server").strip();
    try {
      Run stripped = audit();
      assertEquals(1, count(stripped, "SAM_SERVER_NOT_READABLE"), "said once");
      for (String op : OPERATIONS) {
        assertTrue(stripped.report().get("summary").get("readiness").get("operations").get(op).get("everyone")
            .toString().contains("SAM_SERVER_NOT_READABLE"), op + " is stopped for everyone");
      }
      JsonNode call = samr("ops-plain");
      System.out.println("OperationsTest: with CN=Server,CN=System closed to the sync account, Samba's SAMR answers "
          + call + " (Samba 4.17 does not check this DACL; Windows does)");
      assertTrue(call.get("connected").asBoolean(), "Samba's SAMR departs from Windows here: " + call);
    } finally {
      dc.python("samba/sam_access.py", "set-server", original.lines().reduce((a, b) -> b).orElseThrow());
    }
    assertEquals(0, count(audit(), "SAM_SERVER_NOT_READABLE"), "gone when the grant is back");

    dc.python("samba/sam_access.py", "remove-au");
    try {
      Run without = audit();
      assertEquals(1, count(without, "PRE_WINDOWS_2000_WITHOUT_AUTHENTICATED_USERS"), "said once");
      // Samba's defaults give the reads of users' account restrictions to Pre-Windows 2000
      // Compatible Access alone: every user in scope is now stopped by the SAM reads.
      long inScope = without.report().get("summary").get("readiness").get("inScope").asLong();
      long stopped = ReportJson.objects(without.report()).stream().filter(o -> o.get("inScope").asBoolean(false)
          && o.get("blockers").toString().contains("SAM_USER_READ_NOT_GRANTED")).count();
      assertEquals(inScope, stopped);
      assertEquals(0, without.report().get("summary").get("readiness").get("ready").asLong());
      System.out.println("OperationsTest: without Authenticated Users in Pre-Windows 2000 Compatible Access, Samba's SAMR answers "
          + samr("ops-plain"));
    } finally {
      dc.python("samba/sam_access.py", "add-au");
    }
    Run after = audit();
    assertEquals(0, count(after, "PRE_WINDOWS_2000_WITHOUT_AUTHENTICATED_USERS"));
    assertEquals(1, count(after, "SAM_USER_READ_NOT_GRANTED"), "only ops-noread, as before");
    assertEquals(before.report().get("summary").get("readiness").get("ready"),
        after.report().get("summary").get("readiness").get("ready"));
  }
}
