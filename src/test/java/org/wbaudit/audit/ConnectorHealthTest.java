package org.wbaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wbaudit.directory.DemoDirectory;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.rules.RuleId;

/** The connector account's password expiry and its reach beyond writeback, on the embedded directory. */
class ConnectorHealthTest {
  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  static String fileTime(Instant t) {
    return Long.toString((t.getEpochSecond() + 11_644_473_600L) * 10_000_000L);
  }

  /** maxPwdAge as AD stores it: a negative count of 100 ns. */
  static String interval(Duration d) {
    return Long.toString(-d.getSeconds() * 10_000_000L);
  }

  static DemoAuditTest.Collected audit(DemoDirectory demo) throws Exception {
    DemoAuditTest.Collected sink = new DemoAuditTest.Collected();
    try (DirectorySession s = DirectorySession.open(demo.settings())) {
      new Auditor(RuleCatalog.builtIn(), Clock.fixed(NOW, ZoneOffset.UTC), "test").run(s,
          new Auditor.Options(null, DemoDirectory.SYNC_DN, 100, Auditor.Progress.NONE), sink);
    }
    return sink;
  }

  static List<Finding> rule(DemoAuditTest.Collected c, String rule) {
    return c.findings.stream().filter(f -> f.rule().equals(rule)).toList();
  }

  static void password(DemoDirectory demo, Duration age, Duration maxAge, int uac) throws Exception {
    demo.server().modify(DemoDirectory.SYNC_DN,
        new Modification(ModificationType.REPLACE, "pwdLastSet", fileTime(NOW.minus(age))),
        new Modification(ModificationType.REPLACE, "userAccountControl", Integer.toString(uac)));
    demo.server().modify(DemoDirectory.BASE,
        new Modification(ModificationType.REPLACE, "maxPwdAge", interval(maxAge)));
  }

  @Test
  void aPasswordPastTheDomainsMaximumAgeHasExpired() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      password(demo, Duration.ofDays(100), Duration.ofDays(42), 512);
      DemoAuditTest.Collected c = audit(demo);
      List<Finding> expired = rule(c, RuleId.CONNECTOR_PASSWORD_EXPIRED);
      assertEquals(1, expired.size());
      assertEquals(42L, expired.get(0).details().get("maxPwdAgeDays"));
      assertEquals(NOW.minus(Duration.ofDays(58)).toString(), expired.get(0).details().get("expires"));
      assertEquals(List.of(), rule(c, RuleId.CONNECTOR_PASSWORD_EXPIRING));
      assertTrue(c.summary.readiness().everyone().stream()
          .anyMatch(b -> b.rule().equals(RuleId.CONNECTOR_PASSWORD_EXPIRED)), "it stops everyone");
    }
  }

  @Test
  void aPasswordExpiringWithinTheWarningPeriodIsSaid() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      password(demo, Duration.ofDays(35), Duration.ofDays(42), 512);
      DemoAuditTest.Collected c = audit(demo);
      assertEquals(1, rule(c, RuleId.CONNECTOR_PASSWORD_EXPIRING).size());
      assertEquals(List.of(), rule(c, RuleId.CONNECTOR_PASSWORD_EXPIRED));
      assertEquals(NOW.plus(Duration.ofDays(7)).toString(), c.summary.connector().passwordExpires());
    }
  }

  @Test
  void aPasswordThatNeverExpiresOrIsFreshGivesNoFinding() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      password(demo, Duration.ofDays(100), Duration.ofDays(42), 512 | 0x10000);
      DemoAuditTest.Collected never = audit(demo);
      assertEquals(List.of(), rule(never, RuleId.CONNECTOR_PASSWORD_EXPIRED));
      assertTrue(never.summary.connector().passwordExpiry().startsWith("never"));
      password(demo, Duration.ofDays(1), Duration.ofDays(42), 512);
      DemoAuditTest.Collected fresh = audit(demo);
      assertEquals(List.of(), rule(fresh, RuleId.CONNECTOR_PASSWORD_EXPIRED));
      assertEquals(List.of(), rule(fresh, RuleId.CONNECTOR_PASSWORD_EXPIRING));
    }
  }

  @Test
  void aUserWhoseDaclGivesTheConnectorFullControlMakesItOverprivileged() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      password(demo, Duration.ofDays(1), Duration.ofDays(42), 512);
      DemoAuditTest.Collected c = audit(demo);
      // legal-genericall's DACL gives svc-sync GA: full control, so WRITE_DAC and WRITE_OWNER.
      List<Finding> over = rule(c, RuleId.CONNECTOR_OVERPRIVILEGED);
      assertEquals(1, over.size());
      @SuppressWarnings("unchecked")
      Map<String, Long> users = (Map<String, Long>) over.get(0).details().get("users");
      assertEquals(Map.of("fullControl", 1L, "writeDac", 1L, "writeOwner", 1L), users);
      @SuppressWarnings("unchecked")
      List<String> aces = (List<String>) over.get(0).details().get("aces");
      assertTrue(aces.stream().anyMatch(a -> a.contains("WD") && a.contains("WO") && a.endsWith("-1102)")),
          aces.toString());
      assertEquals(Map.of("getChanges", false, "getChangesAll", false),
          c.summary.connector().replicationRights());
    }
  }
}
