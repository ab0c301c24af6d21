package org.wbaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wbaudit.directory.DemoDirectory;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.rules.ConnectorPatterns;
import org.wbaudit.rules.RuleCatalog;

/** Connector discovery and --principal auto on the embedded directory. */
class ConnectorDiscoveryTest {
  static final String MSOL = "CN=MSOL_0123456789ab,CN=Users," + DemoDirectory.BASE;

  /** 100 ns intervals since 1601 for an instant: what lastLogonTimestamp holds. */
  static String fileTime(Instant t) {
    return Long.toString((t.getEpochSecond() + 11_644_473_600L) * 10_000_000L);
  }

  /** The grant Microsoft's cmdlet writes, for svc-sync on OU=Legal (the export has no OU descriptors). */
  static void grantOnLegal(DemoDirectory demo) throws Exception {
    org.wbaudit.sd.Sid domain = org.wbaudit.sd.Sid.parse("S-1-5-21-1007261621-4066899675-27792043");
    org.wbaudit.sd.SecurityDescriptor sd = org.wbaudit.sd.Sddl.parse("O:DAG:DAD:(OA;CIIO;CR;"
        + "00299570-246d-11d0-a768-00aa006e0529;bf967aba-0de6-11d0-a285-00aa003049e2;"
        + domain.withRid(1102) + ")(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;DA)(A;;RPLCLORC;;;AU)", domain);
    demo.server().modify("OU=Legal," + DemoDirectory.BASE, new com.unboundid.ldap.sdk.Modification(
        com.unboundid.ldap.sdk.ModificationType.REPLACE, "nTSecurityDescriptor", sd.toBytes()));
  }

  static void plantMsol(DemoDirectory demo, Instant lastLogon) throws Exception {
    Entry e = new Entry(MSOL);
    e.addAttribute("objectClass", "top", "person", "organizationalPerson", "user");
    e.addAttribute("objectCategory", "person");
    e.addAttribute("sAMAccountName", "MSOL_0123456789ab");
    e.addAttribute("objectSid", org.wbaudit.sd.Sid.parse("S-1-5-21-1007261621-4066899675-27792043-4242").toBytes());
    e.addAttribute("description", "Account created by Microsoft Azure Active Directory Connect with"
        + " installation identifier 0123456789abcdef0123456789abcdef running on computer AADC01"
        + " configured to synchronize to tenant contoso.onmicrosoft.com.");
    e.addAttribute("lastLogonTimestamp", fileTime(lastLogon));
    e.addAttribute("userAccountControl", "66048");
    demo.server().add(e);
    Entry lookalike = new Entry("CN=MSOL_lookalike,CN=Users," + DemoDirectory.BASE);
    lookalike.addAttribute("objectClass", "top", "person", "organizationalPerson", "user");
    lookalike.addAttribute("sAMAccountName", "MSOL_lookalike");
    lookalike.addAttribute("description", "not an installer's account");
    demo.server().add(lookalike);
  }

  @Test
  void findsTheNamedAccountAndEveryResetGrantHolderButNotALookalike() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      plantMsol(demo, Instant.parse("2026-11-28T10:00:00Z"));
      grantOnLegal(demo);
      ConnectorDiscovery.Result r;
      try (DirectorySession s = DirectorySession.open(demo.settings())) {
        r = ConnectorDiscovery.discover(s, ConnectorPatterns.builtIn());
      }
      ConnectorDiscovery.Connector msol = r.connectors().stream()
          .filter(c -> MSOL.equals(c.dn())).findFirst().orElseThrow();
      assertEquals(List.of("entra-connect-sync"), msol.kinds());
      assertTrue(msol.evidence().stream().anyMatch(e -> e.contains("0123456789abcdef0123456789abcdef")),
          msol.evidence().toString());
      assertEquals(Instant.parse("2026-11-28T10:00:00Z"), msol.lastLogon());
      assertTrue(r.connectors().stream().noneMatch(c -> "MSOL_lookalike".equals(c.samAccountName())),
          "a name alone, without the installer's pattern, is no evidence");
      ConnectorDiscovery.Connector sync = r.connectors().stream()
          .filter(c -> DemoDirectory.SYNC_DN.equals(c.dn())).findFirst().orElseThrow();
      assertTrue(sync.kinds().contains(ConnectorDiscovery.GRANT_HOLDER), sync.toString());
      assertEquals(List.of(new ConnectorDiscovery.GrantLocation("OU=Legal," + DemoDirectory.BASE,
          "user", false)), sync.resetGrants());
    }
  }

  /** Reset Password for {@code sid} on OU=Sales's users, beside svc-sync's on OU=Legal. */
  static void grantOnSales(DemoDirectory demo, org.wbaudit.sd.Sid sid) throws Exception {
    org.wbaudit.sd.Sid domain = org.wbaudit.sd.Sid.parse("S-1-5-21-1007261621-4066899675-27792043");
    org.wbaudit.sd.SecurityDescriptor sd = org.wbaudit.sd.Sddl.parse("O:DAG:DAD:(OA;CIIO;CR;"
        + "00299570-246d-11d0-a768-00aa006e0529;bf967aba-0de6-11d0-a285-00aa003049e2;" + sid + ")"
        + "(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;DA)(A;;RPLCLORC;;;AU)", domain);
    demo.server().modify("OU=Sales," + DemoDirectory.BASE, new com.unboundid.ldap.sdk.Modification(
        com.unboundid.ldap.sdk.ModificationType.REPLACE, "nTSecurityDescriptor", sd.toBytes()));
  }

  static DemoAuditTest.Collected auto(DemoDirectory demo) throws Exception {
    DemoAuditTest.Collected c = new DemoAuditTest.Collected();
    try (DirectorySession s = DirectorySession.open(demo.settings())) {
      new Auditor(RuleCatalog.builtIn(), Clock.systemUTC(), "test")
          .run(s, new Auditor.Options("auto", DemoDirectory.SYNC_DN, 100, Auditor.Progress.NONE), c);
    }
    return c;
  }

  /**
   * The attack of #24: an account named MSOL_ and twelve hex digits, with the installer's
   * description and a fresh logon, but no grant, is planted beside the real connector, which
   * holds Reset Password. It used to win (named, logged on last); the account that can reset wins.
   */
  @Test
  void principalAutoChoosesTheAccountThatCanResetNotAPlantedNameThatLoggedOnLast() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      plantMsol(demo, Instant.now());
      grantOnLegal(demo);
      DemoAuditTest.Collected c = auto(demo);
      assertEquals(DemoDirectory.SYNC_DN, c.header.principalDn(), "the planted account holds no grant");
      assertTrue(c.header.principalChoice().why().contains("holds Reset Password"), c.header.principalChoice().why());
      assertTrue(c.header.principalChoice().candidates().stream().anyMatch(x -> x.contains("MSOL_0123456789ab")),
          c.header.principalChoice().candidates().toString());
    }
  }

  @Test
  void principalAutoAuditsAsTheNamedConnectorThatHoldsTheGrantsAndMatchesNamingIt() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      plantMsol(demo, Instant.parse("2026-11-28T10:00:00Z"));
      grantOnLegal(demo);
      grantOnSales(demo, org.wbaudit.sd.Sid.parse("S-1-5-21-1007261621-4066899675-27792043-4242"));
      DemoAuditTest.Collected byAuto = auto(demo);
      DemoAuditTest.Collected named = new DemoAuditTest.Collected();
      try (DirectorySession s = DirectorySession.open(demo.settings())) {
        new Auditor(RuleCatalog.builtIn(), Clock.systemUTC(), "test")
            .run(s, new Auditor.Options(MSOL, DemoDirectory.SYNC_DN, 100, Auditor.Progress.NONE), named);
      }
      assertEquals(MSOL, byAuto.header.principalDn(), "both hold grants: the one named as the installer names it");
      assertTrue(byAuto.header.principalChoice().candidates().stream().anyMatch(x -> x.contains("svc-sync")),
          byAuto.header.principalChoice().candidates().toString());
      assertNull(named.header.principalChoice());
      for (ObjectResult byName : named.objects) {
        ObjectResult o = byAuto.objects.stream().filter(x -> x.dn().equals(byName.dn())).findFirst().orElseThrow();
        assertEquals(byName.rights(), o.rights(), byName.dn());
        assertEquals(byName.ready(), o.ready(), byName.dn());
      }
    }
  }

  @Test
  void twoPlausibleConnectorAccountsAreRefusedAndListed() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      // No grant anywhere (before writeback is set up): two accounts named as the installer names
      // them are equally plausible, whatever their logons.
      plantMsol(demo, Instant.now());
      Entry second = new Entry("CN=MSOL_ba9876543210,CN=Users," + DemoDirectory.BASE);
      second.addAttribute("objectClass", "top", "person", "organizationalPerson", "user");
      second.addAttribute("objectCategory", "person");
      second.addAttribute("sAMAccountName", "MSOL_ba9876543210");
      second.addAttribute("objectSid", org.wbaudit.sd.Sid.parse("S-1-5-21-1007261621-4066899675-27792043-4243").toBytes());
      second.addAttribute("description", "Account created by Microsoft Azure Active Directory Connect with"
          + " installation identifier ba9876543210ba9876543210ba987654 running on computer AADC02"
          + " configured to synchronize to tenant contoso.onmicrosoft.com.");
      second.addAttribute("userAccountControl", "66048");
      demo.server().add(second);
      org.wbaudit.directory.DirectoryException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.wbaudit.directory.DirectoryException.class, () -> auto(demo));
      assertEquals(org.wbaudit.directory.DirectoryException.Kind.SETTINGS, e.kind(), "exit 2");
      assertTrue(e.getMessage().contains("MSOL_0123456789ab") && e.getMessage().contains("MSOL_ba9876543210")
          && e.getMessage().contains("--principal NAME") && e.getMessage().contains("--sync-config"), e.getMessage());
      // The way out: name one.
      DemoAuditTest.Collected named = new DemoAuditTest.Collected();
      try (DirectorySession s = DirectorySession.open(demo.settings())) {
        new Auditor(RuleCatalog.builtIn(), Clock.systemUTC(), "test")
            .run(s, new Auditor.Options(MSOL, DemoDirectory.SYNC_DN, 100, Auditor.Progress.NONE), named);
      }
      assertEquals(MSOL, named.header.principalDn());
    }
  }

  @Test
  void withNoConnectorAccountAutoStopsWithAClearError() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start();
        DirectorySession s = DirectorySession.open(demo.settings())) {
      org.wbaudit.directory.DirectoryException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.wbaudit.directory.DirectoryException.class, () -> new Auditor(RuleCatalog.builtIn(),
              Clock.systemUTC(), "test").run(s, new Auditor.Options("auto", DemoDirectory.SYNC_DN, 100,
                  Auditor.Progress.NONE), new DemoAuditTest.Collected()));
      assertEquals(org.wbaudit.directory.DirectoryException.Kind.NOT_FOUND, e.kind());
      assertTrue(e.getMessage().contains("--principal auto: no connector account found"), e.getMessage());
    }
  }
}
