package org.wbaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wbaudit.directory.DemoDirectory;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.rules.Readiness;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.rules.RuleId;

/**
 * The sync scope and the readiness verdicts, on the embedded directory: who is in scope is
 * exactly what the default rules and the admin's choice say, out-of-scope users make no
 * findings and no counts, and each in-scope user's readiness follows the catalogue.
 */
class SyncScopeTest {
  static final String HR = "OU=HR," + DemoDirectory.BASE;
  static final String SALES = "OU=Sales," + DemoDirectory.BASE;

  static DemoAuditTest.Collected audit(DemoDirectory demo, SyncScope.Settings scope) throws Exception {
    DemoAuditTest.Collected sink = new DemoAuditTest.Collected();
    try (DirectorySession s = DirectorySession.open(demo.settings())) {
      new Auditor(RuleCatalog.builtIn(), Clock.systemUTC(), "test").run(s,
          new Auditor.Options(null, DemoDirectory.SYNC_DN, 100, Auditor.Progress.NONE).withScope(scope), sink);
    }
    return sink;
  }

  static Set<String> names(List<ObjectResult> objects, boolean inScope) {
    return objects.stream().filter(o -> o.inScope() == inScope).map(ObjectResult::samAccountName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void theDefaultRulesLeaveOutCriticalObjectsAndTheConnectorAccountItself() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      DemoAuditTest.Collected c = audit(demo, SyncScope.Settings.ALL);
      assertEquals(Set.of("Administrator", "Guest", "krbtgt", "dns-vm", "svc-sync"), names(c.objects, false));
      for (ObjectResult o : c.objects) {
        if (!o.inScope()) {
          assertTrue(o.scopeReason() != null && !o.scopeReason().isBlank(), o.dn());
          assertNull(o.ready(), o.dn());
          // Findings about the audited account itself (its health, its reach) are not about a user.
          assertTrue(c.findings.stream().filter(f -> RuleCatalog.builtIn().get(f.rule()).scope().equals("user"))
              .noneMatch(f -> o.dn().equals(f.dn())), "no finding about an out-of-scope user: " + o.dn());
        }
      }
      AuditSummary.Readiness r = c.summary.readiness();
      assertEquals(24, r.inScope());
      assertEquals(5, r.outOfScope());
      assertEquals(r.inScope(), r.ready() + r.notReady() + r.unknown());
      assertEquals(r.inScope(), c.summary.rights().get("resetPassword").granted()
          + c.summary.rights().get("resetPassword").notGranted()
          + c.summary.rights().get("resetPassword").unknown(), "right counts are about the scope");
    }
  }

  @Test
  void eachUsersReadinessFollowsTheCatalogue() throws Exception {
    RuleCatalog catalog = RuleCatalog.builtIn();
    try (DemoDirectory demo = DemoDirectory.start()) {
      DemoAuditTest.Collected c = audit(demo, SyncScope.Settings.ALL);
      org.wbaudit.rules.Operations operations = org.wbaudit.rules.Operations.builtIn();
      long[] ready = new long[operations.all().size()];
      for (ObjectResult o : c.objects) {
        if (!Boolean.TRUE.equals(o.inScope())) {
          assertTrue(o.operations() == null && o.ready() == null, o.dn());
          continue;
        }
        for (int i = 0; i < operations.all().size(); i++) {
          org.wbaudit.rules.Operations.Operation op = operations.all().get(i);
          Map<String, Readiness> effects = new java.util.HashMap<>();
          c.findings.stream().filter(f -> o.dn().equals(f.dn())).forEach(f -> {
            Object right = f.details().get("right");
            Readiness r = catalog.get(f.rule()).readinessFor(op, right == null ? null : right.toString());
            if (r != Readiness.NONE) {
              effects.merge(f.rule(), r, (a, b) -> a == Readiness.BLOCKS || b == Readiness.BLOCKS ? Readiness.BLOCKS : a);
            }
          });
          ObjectResult.OperationVerdict v = o.operations().get(op.id());
          assertEquals(effects.keySet(), Set.copyOf(v.blockers()), o.dn() + " " + op.id());
          Boolean expected = effects.isEmpty() ? Boolean.TRUE
              : effects.containsValue(Readiness.BLOCKS) ? Boolean.FALSE : null;
          assertEquals(expected, v.ready(), o.dn() + " " + op.id() + " " + v.blockers());
          ready[i] += Boolean.TRUE.equals(v.ready()) ? 1 : 0;
        }
        // The top-level verdict is the self-service reset's.
        assertEquals(o.operations().get("selfServiceReset").ready(), o.ready(), o.dn());
        assertEquals(o.operations().get("selfServiceReset").blockers(), o.blockers(), o.dn());
        // Change Password stops the change only.
        assertTrue(!o.blockers().contains(RuleId.CHANGE_PASSWORD_NOT_GRANTED), o.dn());
      }
      assertEquals(ready[0], c.summary.readiness().ready());
      for (int i = 0; i < operations.all().size(); i++) {
        assertEquals(ready[i], c.summary.readiness().operations().get(operations.all().get(i).id()).ready(),
            operations.all().get(i).id());
      }
      // hr-deny-change: the deny ACE for the sync account stops the change, and only the change.
      ObjectResult denyChange = c.objects.stream().filter(o -> o.samAccountName().equals("hr-deny-change"))
          .findFirst().orElseThrow();
      assertEquals(Boolean.TRUE, denyChange.rights().get("resetPassword").granted());
      assertTrue(!denyChange.blockers().contains(RuleId.CHANGE_PASSWORD_NOT_GRANTED), denyChange.blockers().toString());
      assertEquals(Boolean.FALSE, denyChange.operations().get("change").ready());
      assertEquals(List.of(RuleId.CHANGE_PASSWORD_NOT_GRANTED), denyChange.operations().get("change").blockers());
      assertTrue(c.summary.readiness().everyone().stream()
          .anyMatch(b -> b.rule().equals(RuleId.POLICY_HINTS_CONTROL_MISSING) && b.usersAffected() == 24),
          "a DC without the control stops everyone, once: " + c.summary.readiness().everyone());
      assertTrue(c.objects.stream().noneMatch(o -> o.blockers().contains(RuleId.POLICY_HINTS_CONTROL_MISSING)),
          "and is not copied into each user's blockers");
    }
  }

  @Test
  void anOuScopeAndAnExcludedOuDecideWhoCounts() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      DemoAuditTest.Collected all = audit(demo, SyncScope.Settings.ALL);
      DemoAuditTest.Collected hr = audit(demo, new SyncScope.Settings(List.of(HR), List.of(), null));
      // The HR users of the demo's layout (layout.py), written out: none of them is left out by
      // a default rule.
      Set<String> expected = new TreeSet<>(List.of("hr1", "hr-denied", "hr-denied-via-group",
          "hr-deny-change", "hr-denied-generic", "hr-disabled", "hr-locked", "hr-unreadable"));
      assertEquals(expected, names(hr.objects, true));
      assertEquals(expected, all.objects.stream().filter(o -> o.inScope() && o.dn().endsWith("," + HR))
          .map(ObjectResult::samAccountName).collect(Collectors.toCollection(TreeSet::new)),
          "and the unscoped audit has them in scope too");
      assertTrue(hr.findings.stream().filter(f -> f.dn() != null && f.dn().contains(",OU="))
          .allMatch(f -> f.dn().endsWith("," + HR)), "findings only about users in scope");
      DemoAuditTest.Collected notSales = audit(demo, new SyncScope.Settings(List.of(), List.of(SALES), null));
      assertTrue(names(notSales.objects, true).stream().noneMatch(n -> n.startsWith("sales")));
      assertTrue(notSales.objects.stream().filter(o -> o.dn().endsWith("," + SALES))
          .allMatch(o -> o.scopeReason().contains("excluded OU")));
    }
  }

  @Test
  void aScopeGroupTakesDirectMembersOnlyAndABlockedUserOutsideItNoLongerCounts() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      String pilot = "CN=G-Pilot,CN=Users," + DemoDirectory.BASE;
      String nested = "CN=G-Nested,CN=Users," + DemoDirectory.BASE;
      for (String g : List.of(pilot, nested)) {
        Entry e = new Entry(g);
        e.addAttribute("objectClass", "top", "group");
        demo.server().add(e);
      }
      // The embedded directory computes no memberOf: set it as a DC would show it.
      demo.server().modify("CN=sales1," + SALES,
          new Modification(ModificationType.ADD, "memberOf", pilot));
      demo.server().modify("CN=hr-denied," + HR,
          new Modification(ModificationType.ADD, "memberOf", nested));
      demo.server().modify(nested, new Modification(ModificationType.ADD, "memberOf", pilot));
      DemoAuditTest.Collected c = audit(demo, new SyncScope.Settings(List.of(), List.of(), pilot));
      assertEquals(Set.of("sales1"), names(c.objects, true));
      ObjectResult hrDenied = c.objects.stream().filter(o -> o.samAccountName().equals("hr-denied"))
          .findFirst().orElseThrow();
      assertTrue(hrDenied.scopeReason().contains("nested groups"), hrDenied.scopeReason());
      // hr-denied cannot be reset (a deny), but it is out of scope: no high finding about a user.
      assertEquals(0, c.findings.stream().filter(f -> f.rule().equals(RuleId.RESET_PASSWORD_NOT_GRANTED)).count());
      assertEquals(1, c.summary.readiness().inScope());
    }
  }

  @Test
  void aScopeThatNamesNothingIsAnErrorNotAnEmptyScope() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      DirectoryException e = assertThrows(DirectoryException.class, () -> audit(demo,
          new SyncScope.Settings(List.of("OU=Nowhere," + DemoDirectory.BASE), List.of(), null)));
      assertEquals(DirectoryException.Kind.NOT_FOUND, e.kind());
      assertTrue(e.getMessage().contains("OU=Nowhere"), e.getMessage());
    }
  }
}
