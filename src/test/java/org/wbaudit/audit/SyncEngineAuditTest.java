package org.wbaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wbaudit.directory.DemoDirectory;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.rules.RuleId;
import org.wbaudit.syncconfig.EntraConnectExport;
import org.wbaudit.syncconfig.SyncEngine;

/**
 * The audit of the embedded demo domain (corp.example.test) on behalf of the sync engine whose
 * configuration is the variant export written for the tests: its account is the principal, its
 * partitions, OU filter and rules the scope.
 */
class SyncEngineAuditTest {
  static final String BASE = DemoDirectory.BASE;
  static final Path VARIANT = Path.of("src/test/resources/syncconfig/two-forests");

  @TempDir Path tmp;

  /** The variant without group filtering: the demo domain has no G-Pilot. */
  SyncEngine withoutGroupFiltering() throws Exception {
    Path dir = tmp.resolve("export");
    org.wbaudit.TestFiles.copy(VARIANT, dir);
    Path mv = dir.resolve("GlobalSettings/MV.xml");
    Files.writeString(mv, Files.readString(mv).replace(
        "Microsoft.OptionalFeature.GroupFiltering\" type=\"string\" use=\"SynchronizationGlobal\" dataType=\"String\">True",
        "Microsoft.OptionalFeature.GroupFiltering\" type=\"string\" use=\"SynchronizationGlobal\" dataType=\"String\">False"));
    SyncEngine e = EntraConnectExport.read(dir);
    assertNull(e.connectorFor("corp.example.test").group(), "group filtering is off in the copy");
    return e;
  }

  static DemoAuditTest.Collected audit(DemoDirectory demo, SyncEngine engine) throws Exception {
    DemoAuditTest.Collected c = new DemoAuditTest.Collected();
    try (DirectorySession session = DirectorySession.open(demo.settings())) {
      new Auditor(RuleCatalog.builtIn(), Clock.systemUTC(), "test").run(session,
          new Auditor.Options(null, DemoDirectory.SYNC_DN, 50, Auditor.Progress.NONE).withSyncEngine(engine), c);
    }
    return c;
  }

  @Test
  void theExportsAccountIsThePrincipalAndItsFilterAndRulesTheScope() throws Exception {
    SyncEngine engine = withoutGroupFiltering();
    try (DemoDirectory demo = DemoDirectory.start()) {
      // hr1 is filtered out by the custom NoSync rule; hr-denied is of department Research,
      // whose rule wbaudit cannot evaluate.
      demo.server().modify("CN=hr1,OU=HR," + BASE, new Modification(ModificationType.REPLACE, "description", "NOSYNC temp"));
      demo.server().modify("CN=hr-denied,OU=HR," + BASE, new Modification(ModificationType.REPLACE, "department", "Research"));
      DemoAuditTest.Collected c = audit(demo, engine);
      assertEquals(DemoDirectory.SYNC_DN, c.header.principalDn());
      assertEquals("sync-config", c.header.principalChoice().method());
      assertTrue(c.header.principalChoice().why().contains("CORP\\svc-sync"), c.header.principalChoice().why());
      assertEquals("sync-config", c.header.scope().get("source"));

      Map<String, Boolean> place = new TreeMap<>();
      c.objects.forEach(o -> place.put(o.samAccountName(), o.inScope()));
      // Written out from the variant: Sales and HR are included, Sales' Region excluded, the
      // rest of the domain below the excluded root.
      Map<String, Boolean> expected = new TreeMap<>();
      for (String in : List.of("sales1", "sales2", "sales-protected", "sales-admin", "sales-inet",
          "hr-denied-via-group", "hr-deny-change", "hr-denied-generic", "hr-disabled", "hr-locked", "hr-unreadable")) {
        expected.put(in, true);
      }
      for (String out : List.of("sales-deep", "hr1", "fin1", "legal-none", "legal-genericall", "legal-genericwrite",
          "legal-wp-on-reset", "legal-cr-all", "legal-ga-on-reset", "legal-self", "legal-io", "legal-owned",
          "Administrator", "Guest", "krbtgt", "dns-vm", "svc-sync")) {
        expected.put(out, false);
      }
      expected.put("hr-denied", null);
      assertEquals(expected, place);

      ObjectResult hr1 = c.objects.stream().filter(o -> o.samAccountName().equals("hr1")).findFirst().orElseThrow();
      assertTrue(hr1.scopeReason().contains("In from AD - User NoSync (custom)"), hr1.scopeReason());
      ObjectResult sales1 = c.objects.stream().filter(o -> o.samAccountName().equals("sales1")).findFirst().orElseThrow();
      assertTrue(sales1.scopeReason().contains("below the included container OU=Sales,") && sales1.scopeReason()
          .contains("provisioned by 'In from AD - User Join'"), sales1.scopeReason());
      assertEquals(11, c.summary.readiness().inScope());
      assertEquals(1, c.summary.readiness().scopeUnknown());
      assertEquals(17, c.summary.readiness().outOfScope());

      // Once per rule, with the users it leaves undecided; staging said once; writeback is on.
      List<Finding> notEvaluable = c.findings.stream().filter(f -> f.rule().equals(RuleId.SYNC_RULE_NOT_EVALUABLE)).toList();
      assertEquals(1, notEvaluable.size());
      assertEquals(1, notEvaluable.get(0).details().get("users"));
      assertEquals("In from AD - User Research (custom)", notEvaluable.get(0).details().get("syncRule"));
      assertEquals(1, c.findings.stream().filter(f -> f.rule().equals(RuleId.SYNC_STAGING_MODE)).count());
      assertTrue(c.findings.stream().noneMatch(f -> f.rule().equals(RuleId.WRITEBACK_NOT_ENABLED)));
      // Nothing is said about users out of scope or undecided.
      assertTrue(c.findings.stream().noneMatch(f -> f.dn() != null && (f.dn().contains("hr-denied,") || f.dn().contains("OU=Legal"))));
    }
  }

  @Test
  void writebackOffStopsEveryoneOnce() throws Exception {
    SyncEngine on = withoutGroupFiltering();
    SyncEngine off = new SyncEngine(on.kind(), on.source(), on.server(), on.version(), false, false,
        on.passwordHashSync(), on.groupFiltering(), on.optionalFeatures(), on.connectors());
    try (DemoDirectory demo = DemoDirectory.start()) {
      DemoAuditTest.Collected c = audit(demo, off);
      assertEquals(1, c.findings.stream().filter(f -> f.rule().equals(RuleId.WRITEBACK_NOT_ENABLED)).count());
      assertTrue(c.summary.readiness().everyone().stream().anyMatch(b -> b.rule().equals(RuleId.WRITEBACK_NOT_ENABLED)),
          c.summary.readiness().everyone().toString());
      assertTrue(c.objects.stream().noneMatch(o -> o.blockers().contains(RuleId.WRITEBACK_NOT_ENABLED)),
          "said once, not copied into each user");
      assertTrue(c.findings.stream().noneMatch(f -> f.rule().equals(RuleId.SYNC_STAGING_MODE)));
    }
  }

  @Test
  void aForestTheExportDoesNotReadIsRefusedNamingBoth() throws Exception {
    SyncEngine e = withoutGroupFiltering();
    SyncEngine other = new SyncEngine(e.kind(), e.source(), e.server(), e.version(), e.stagingMode(),
        e.writebackEnabled(), e.passwordHashSync(), e.groupFiltering(), e.optionalFeatures(),
        List.of(e.connectorFor("fabrikam.example.test")));
    try (DemoDirectory demo = DemoDirectory.start()) {
      DirectoryException x = assertThrows(DirectoryException.class, () -> audit(demo, other));
      assertEquals(DirectoryException.Kind.SETTINGS, x.kind());
      assertTrue(x.getMessage().contains("corp.example.test") && x.getMessage().contains("fabrikam.example.test"),
          x.getMessage());
    }
  }

  @Test
  void anAccountOfAnotherDomainIsRefusedNamingBoth() throws Exception {
    SyncEngine e = withoutGroupFiltering();
    SyncEngine.AdConnector c = e.connectorFor("corp.example.test");
    SyncEngine.AdConnector elsewhere = new SyncEngine.AdConnector(c.id(), c.name(), c.forest(),
        new SyncEngine.Account("svc-sync", "EMEA"), c.partitions(), c.group(), c.passwordHashSync(), c.rules());
    SyncEngine moved = new SyncEngine(e.kind(), e.source(), e.server(), e.version(), e.stagingMode(),
        e.writebackEnabled(), e.passwordHashSync(), e.groupFiltering(), e.optionalFeatures(), List.of(elsewhere));
    try (DemoDirectory demo = DemoDirectory.start()) {
      DirectoryException x = assertThrows(DirectoryException.class, () -> audit(demo, moved));
      assertTrue(x.getMessage().contains("EMEA\\svc-sync") && x.getMessage().contains("corp.example.test"), x.getMessage());
      assertNotNull(x.getMessage());
    }
  }
}
