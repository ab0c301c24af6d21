package org.wbaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wbaudit.directory.DemoDirectory;
import org.wbaudit.rules.RuleId;
import org.wbaudit.rules.Severity;

/** The audited account's own state, on the embedded directory (which binds it whatever its flags). */
class ConnectorStateCheckTest {
  static List<Finding> about(DemoAuditTest.Collected c, String rule) {
    return c.findings.stream().filter(f -> f.rule().equals(rule)).toList();
  }

  @Test
  void aHealthyConnectorAccountGivesNeitherFinding() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      DemoAuditTest.Collected c = new DemoAuditTest.Collected();
      DemoAuditTest.audit(demo, 100, c);
      assertEquals(List.of(), about(c, RuleId.CONNECTOR_DISABLED));
      assertEquals(List.of(), about(c, RuleId.CONNECTOR_LOCKED_OUT));
    }
  }

  @Test
  void aDisabledAndLockedOutConnectorAccountIsReportedOnceEach() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      demo.server().modify(DemoDirectory.SYNC_DN,
          new Modification(ModificationType.REPLACE, "userAccountControl", "514"),
          new Modification(ModificationType.REPLACE, "lockoutTime", "133000000000000000"),
          // What a DC computes for a locked-out account (UF_LOCKOUT).
          new Modification(ModificationType.REPLACE, "msDS-User-Account-Control-Computed", "16"));
      DemoAuditTest.Collected c = new DemoAuditTest.Collected();
      DemoAuditTest.audit(demo, 100, c);
      List<Finding> disabled = about(c, RuleId.CONNECTOR_DISABLED);
      List<Finding> locked = about(c, RuleId.CONNECTOR_LOCKED_OUT);
      assertEquals(1, disabled.size(), "CONNECTOR_DISABLED findings");
      assertEquals(1, locked.size(), "CONNECTOR_LOCKED_OUT findings");
      assertEquals(DemoDirectory.SYNC_DN, disabled.get(0).dn());
      assertEquals(Severity.HIGH, disabled.get(0).severity());
      assertEquals(514, disabled.get(0).details().get("userAccountControl"));
      assertTrue(locked.get(0).message().contains("svc-sync"), locked.get(0).message());
      assertEquals(1L, c.summary.findingsByRule().get(RuleId.CONNECTOR_DISABLED));
    }
  }
}
