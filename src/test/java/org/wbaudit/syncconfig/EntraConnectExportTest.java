package org.wbaudit.syncconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.wbaudit.Samples;
import org.wbaudit.rules.ScopeRules;

/**
 * Microsoft's published export of a real Entra Connect server (read where it lies, beside the
 * checkout), and the variants written here for what it lacks (writeback on, staging, group
 * filtering, a partition's own account, two forests, custom rules).
 */
class EntraConnectExportTest {
  static final Path VARIANT = Path.of("src/test/resources/syncconfig/two-forests");
  static final ScopeRules DEFAULTS = ScopeRules.builtIn();

  /** A user's attributes for a decision; memberOf and the rest absent unless given. */
  static Function<String, List<String>> user(Map<String, List<String>> attrs) {
    Map<String, List<String>> lower = new HashMap<>();
    attrs.forEach((k, v) -> lower.put(k.toLowerCase(), v));
    return a -> lower.getOrDefault(a.toLowerCase(), List.of());
  }

  static ConnectorScope scope(SyncEngine e, String forest) {
    return new ConnectorScope(e, e.connectorFor(forest), DEFAULTS::nameOfTerm, Set.of());
  }

  @Test
  void microsoftsExportReadsAsItsNotesSay() {
    SyncEngine e = EntraConnectExport.read(Samples.entraConnectExport());
    assertEquals(SyncEngine.Kind.ENTRA_CONNECT_SYNC, e.kind());
    assertEquals("CONTOSO-SYNC01", e.server());
    assertEquals("1.1.130.0", e.version());
    assertEquals(false, e.writebackEnabled());
    assertEquals(false, e.passwordHashSync());
    assertEquals(false, e.stagingMode());
    assertFalse(e.groupFiltering());
    assertEquals(List.of("contoso.com"), e.forests());
    SyncEngine.AdConnector c = e.connectorFor("contoso.com");
    assertEquals(new SyncEngine.Account("MSOL_d1edb676ca03", "contoso.com"), c.account());
    assertNull(c.group());
    assertEquals(false, c.passwordHashSync());
    SyncEngine.Partition p = c.partition("DC=contoso,DC=com");
    assertTrue(p.selected());
    assertEquals(List.of("OU=CORP,DC=contoso,DC=com"), p.inclusions());
    assertEquals(List.of("DC=contoso,DC=com"), p.exclusions());
    assertTrue(p.reads("user") && p.reads("inetOrgPerson"));
    assertEquals("CONTOSO", p.netbiosName());
    assertNull(p.account());
  }

  /**
   * Each inbound rule of the export is either evaluated (its operators known, its cloudFiltered
   * expression parsed, every term of the standard one tied to an entry of rules/sync-scope.json)
   * or named as not evaluable: here, all of them are evaluable.
   */
  @Test
  void everyRuleOfMicrosoftsExportIsEvaluatedAndTheDefaultTermsAreOurs() {
    SyncEngine e = EntraConnectExport.read(Samples.entraConnectExport());
    List<SyncEngine.SyncRule> rules = e.connectorFor("contoso.com").rules();
    assertEquals(List.of("In from AD - User Join", "In from AD - InetOrgPerson Join",
            "In from AD - User AccountEnabled", "In from AD - InetOrgPerson AccountEnabled",
            "In from AD - User Common", "In from AD - User Exchange", "In from AD - Group Join"),
        rules.stream().map(SyncEngine.SyncRule::name).toList(), "the AD connector's inbound rules, by precedence");
    for (SyncEngine.SyncRule r : rules) {
      r.scope().forEach(all -> all.forEach(c -> assertTrue(c.operator() != SyncEngine.Operator.UNKNOWN, r.name() + ": " + c)));
      if (r.cloudFiltered() != null) {
        assertNull(r.cloudFiltered().problem(), r.name() + ": " + r.cloudFiltered().problem());
      }
    }
    SyncEngine.SyncRule join = rules.get(0);
    assertTrue(join.provisions() && join.standard());
    List<String> terms = join.cloudFiltered().terms();
    assertEquals(10, terms.size(), terms.toString());
    for (String t : terms) {
      assertNotNull(DEFAULTS.nameOfTerm(Expression.normalise(t)), "no entry of sync-scope.json for " + t);
    }
    // And every entry of sync-scope.json is a term of the shipped expression.
    for (ScopeRules.Rule r : DEFAULTS.rules()) {
      assertTrue(terms.stream().anyMatch(t -> Expression.normalise(t).equals(Expression.normalise(r.expression()))),
          r.id() + "'s expression is not in the export's: " + r.expression());
    }
  }

  @Test
  void microsoftsScopeTakesOuCorpAndNeitherTheRootNorTheFilteredAccounts() {
    SyncEngine e = EntraConnectExport.read(Samples.entraConnectExport());
    ConnectorScope s = scope(e, "contoso.com");
    Map<String, List<String>> plain = Map.of("sAMAccountName", List.of("ann"), "userAccountControl", List.of("512"));
    ConnectorScope.Placement ann = s.decide("CN=ann,OU=Staff,OU=CORP,DC=contoso,DC=com", "user", user(plain));
    assertEquals(true, ann.inScope(), ann.reason());
    assertTrue(ann.reason().contains("OU=CORP,DC=contoso,DC=com") && ann.reason().contains("In from AD - User Join"), ann.reason());
    ConnectorScope.Placement root = s.decide("CN=bob,CN=Users,DC=contoso,DC=com", "user", user(plain));
    assertEquals(false, root.inScope());
    assertTrue(root.reason().contains("excluded container DC=contoso,DC=com"), root.reason());
    ConnectorScope.Placement msol = s.decide("CN=MSOL_x,OU=CORP,DC=contoso,DC=com", "user",
        user(Map.of("sAMAccountName", List.of("MSOL_0123456789ab"))));
    assertEquals(false, msol.inScope());
    assertTrue(msol.reason().contains("[entra-connect-account]"), msol.reason());
    ConnectorScope.Placement critical = s.decide("CN=c,OU=CORP,DC=contoso,DC=com", "user",
        user(Map.of("sAMAccountName", List.of("c"), "isCriticalSystemObject", List.of("TRUE"))));
    assertEquals(false, critical.inScope());
    assertTrue(critical.reason().contains("isCriticalSystemObject NOTEQUAL TRUE"), "not provisioned: " + critical.reason());
    ConnectorScope.Placement notCritical = s.decide("CN=c,OU=CORP,DC=contoso,DC=com", "user",
        user(Map.of("sAMAccountName", List.of("c"), "isCriticalSystemObject", List.of("FALSE"))));
    assertEquals(false, notCritical.inScope(), "provisioned, then filtered: IsPresent([isCriticalSystemObject])");
    assertTrue(notCritical.reason().contains("[critical-system-object]"), notCritical.reason());
    ConnectorScope.Placement disabled = s.decide("CN=d,OU=CORP,DC=contoso,DC=com", "user",
        user(Map.of("sAMAccountName", List.of("d"), "userAccountControl", List.of("514"))));
    assertEquals(true, disabled.inScope(), "AccountEnabled is a join rule: a disabled user is still synchronized");
    ConnectorScope.Placement inet = s.decide("CN=i,OU=CORP,DC=contoso,DC=com", "inetOrgPerson", user(plain));
    assertEquals(true, inet.inScope(), inet.reason());
    ConnectorScope.Placement conflict = s.decide("CN=ann\\0ACNF:0f3c1a2b-0000-4000-8000-000000000001,OU=CORP,DC=contoso,DC=com",
        "user", user(plain));
    assertEquals(false, conflict.inScope());
    assertTrue(conflict.reason().contains("[conflict-object]"), conflict.reason());
  }

  @Test
  void theVariantReadsTwoForestsWritebackStagingGroupFilteringAndAPartitionsOwnAccount() {
    SyncEngine e = EntraConnectExport.read(VARIANT);
    assertEquals("SYNC-STAGING", e.server());
    assertEquals("2.4.27.0", e.version());
    assertEquals(true, e.writebackEnabled());
    assertEquals(true, e.stagingMode());
    assertEquals(true, e.passwordHashSync());
    assertTrue(e.groupFiltering());
    assertEquals(List.of("corp.example.test", "fabrikam.example.test"), e.forests());
    SyncEngine.AdConnector corp = e.connectorFor("CORP.example.test");
    assertEquals(new SyncEngine.Account("svc-sync", "CORP"), corp.account());
    assertEquals("CN=G-Pilot,OU=Groups,DC=corp,DC=example,DC=test", corp.group().dn());
    assertEquals(0, corp.group().nestedLevels());
    SyncEngine.Partition emea = corp.partition("DC=emea,DC=corp,DC=example,DC=test");
    assertEquals(new SyncEngine.Account("svc-sync-emea", "EMEA"), corp.accountFor(emea));
    assertFalse(corp.partition("DC=lab,DC=corp,DC=example,DC=test").selected());
    assertEquals(new SyncEngine.Account("MSOL_0123456789ab", "fabrikam.example.test"),
        e.connectorFor("fabrikam.example.test").account());
    // Only the corp connector's inbound rules, by precedence; the outbound one is not read.
    assertEquals(List.of("In from AD - User Old (custom, disabled)", "In from AD - User NoSync (custom)",
            "In from AD - User Research (custom)", "In from AD - User Join", "In from AD - InetOrgPerson Join",
            "In from AD - User AccountEnabled", "In from AD - Contact Join (custom)"),
        corp.rules().stream().map(SyncEngine.SyncRule::name).toList());
    assertTrue(corp.attributes().containsAll(List.of("memberOf", "description", "department", "info",
        "isCriticalSystemObject", "adminDescription")), corp.attributes().toString());
  }

  @Test
  void theVariantsScopeNearestContainerGroupCustomRulesAndAnUnevaluableExpression() {
    SyncEngine e = EntraConnectExport.read(VARIANT);
    ConnectorScope s = scope(e, "corp.example.test");
    String pilot = "CN=G-Pilot,OU=Groups,DC=corp,DC=example,DC=test";
    Map<String, List<String>> member = Map.of("sAMAccountName", List.of("u"), "memberOf", List.of(pilot));
    assertEquals(true, s.decide("CN=u,OU=Sales,DC=corp,DC=example,DC=test", "user", user(member)).inScope());
    ConnectorScope.Placement region = s.decide("CN=u,OU=Deep,OU=Region,OU=Sales,DC=corp,DC=example,DC=test", "user", user(member));
    assertEquals(false, region.inScope(), "the nearer exclusion decides");
    assertTrue(region.reason().contains("OU=Region,OU=Sales"), region.reason());
    ConnectorScope.Placement legal = s.decide("CN=u,OU=Legal,DC=corp,DC=example,DC=test", "user", user(member));
    assertEquals(false, legal.inScope(), "Legal is below the excluded root only");
    ConnectorScope.Placement notMember = s.decide("CN=u,OU=HR,DC=corp,DC=example,DC=test", "user",
        user(Map.of("sAMAccountName", List.of("u"), "memberOf", List.of("CN=G-Nested,OU=Groups,DC=corp,DC=example,DC=test"))));
    assertEquals(false, notMember.inScope());
    assertTrue(notMember.reason().contains("only direct members"), notMember.reason());
    ConnectorScope.Placement nosync = s.decide("CN=u,OU=HR,DC=corp,DC=example,DC=test", "user",
        user(Map.of("sAMAccountName", List.of("u"), "memberOf", List.of(pilot), "description", List.of("NOSYNC contractor"))));
    assertEquals(false, nosync.inScope());
    assertTrue(nosync.reason().contains("In from AD - User NoSync (custom)"), nosync.reason());
    ConnectorScope.Placement research = s.decide("CN=u,OU=HR,DC=corp,DC=example,DC=test", "user",
        user(Map.of("sAMAccountName", List.of("u"), "memberOf", List.of(pilot), "department", List.of("Research"))));
    assertNull(research.inScope(), "Word() is not evaluated: unknown, never a guess");
    assertEquals("In from AD - User Research (custom)", research.undecidedBy().name());
    assertTrue(research.reason().contains("Word()"), research.reason());
    // The NoSync rule comes first by precedence and decides before the unevaluable one.
    ConnectorScope.Placement both = s.decide("CN=u,OU=HR,DC=corp,DC=example,DC=test", "user",
        user(Map.of("sAMAccountName", List.of("u"), "memberOf", List.of(pilot), "department", List.of("Research"),
            "description", List.of("NOSYNC"))));
    assertEquals(false, both.inScope(), both.reason());
    ConnectorScope.Placement other = s.decide("CN=u,OU=Sales,DC=emea,DC=corp,DC=example,DC=test", "user",
        user(Map.of("sAMAccountName", List.of("u"), "memberOf", List.of(pilot))));
    assertEquals(true, other.inScope(), "the child partition has no OU filter: " + other.reason());
    ConnectorScope.Placement lab = s.decide("CN=u,DC=lab,DC=corp,DC=example,DC=test", "user", user(member));
    assertEquals(false, lab.inScope());
    assertTrue(lab.reason().contains("not a selected partition"), lab.reason());
    ConnectorScope.Placement computer = s.decide("CN=u,OU=Sales,DC=emea,DC=corp,DC=example,DC=test", "inetOrgPerson", user(member));
    assertEquals(false, computer.inScope(), "the emea partition reads no inetOrgPerson");
  }
}
