package org.wbaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wbaudit.directory.DomainInfo;
import org.wbaudit.directory.RootDse;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.sd.Sid;

class DomainChecksTest {
  final DemoAuditTest.Collected sink = new DemoAuditTest.Collected();
  final List<Finding> found = sink.findings;
  final Findings findings = new Findings(RuleCatalog.builtIn(), sink);

  static DomainInfo domain(Duration minAge, int history, int minLength, int properties) {
    return new DomainInfo("DC=corp,DC=example", Sid.parse("S-1-5-21-1-2-3"), null, minAge,
        history, minLength, properties, 0, null);
  }

  @Test
  void minimumAgeAndHistoryCanRejectAWrittenBackPassword() {
    DomainChecks.passwordPolicy(domain(Duration.ofDays(1), 24, 7, 1), findings);
    assertEquals(1, found.size());
    Finding f = found.get(0);
    assertEquals("PASSWORD_POLICY_BLOCKS_RESET", f.rule());
    assertTrue(f.message().contains("within 1 day(s)"), f.message());
    assertTrue(f.message().contains("last 24 passwords"), f.message());
    assertEquals(86400L, f.details().get("minPwdAgeSeconds"));
    assertEquals(true, f.details().get("complexity"));
  }

  @Test
  void historyAloneIsEnough() {
    DomainChecks.passwordPolicy(domain(Duration.ZERO, 5, 0, 0), findings);
    assertEquals(1, found.size());
    assertTrue(found.get(0).message().contains("last 5 passwords"));
  }

  @Test
  void complexityAndLengthAloneDoNotFire() {
    DomainChecks.passwordPolicy(domain(Duration.ZERO, 0, 14, 1), findings);
    assertTrue(found.isEmpty(), found.toString());
  }

  static RootDse dse(String... controls) {
    return new RootDse(List.of(controls), List.of("1.2.840.113556.1.4.800"), 7,
        "DC=corp,DC=example", null, null, null, "dc1.corp.example", null, 1);
  }

  @Test
  void eitherPolicyHintsOidSatisfiesTheCheck() {
    DomainChecks.policyHints("ldaps://dc1", dse("1.2.840.113556.1.4.2066"), findings);
    DomainChecks.policyHints("ldaps://dc1", dse("1.2.840.113556.1.4.2239"), findings);
    assertTrue(found.isEmpty());
    DomainChecks.policyHints("ldaps://dc1", dse("1.2.840.113556.1.4.319"), findings);
    assertEquals("POLICY_HINTS_CONTROL_MISSING", found.get(0).rule());
    assertTrue(found.get(0).message().contains("dc1.corp.example"));
  }
}
