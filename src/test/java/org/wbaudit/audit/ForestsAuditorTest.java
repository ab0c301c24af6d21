package org.wbaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wbaudit.directory.DemoDirectory;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.rules.RuleCatalog;

/** A run over the embedded directory: anchors, the forest's DCs and domains from its configuration. */
class ForestsAuditorTest {
  /** Collects a run. */
  static final class Collected implements RunSink {
    final List<Finding> findings = new ArrayList<>();
    final List<AuditHeader> headers = new ArrayList<>();
    RunSummary summary;

    @Override
    public void begin(String toolVersion, Instant startedAt) {}

    @Override
    public synchronized AuditSink forest(String name) {
      return new AuditSink() {
        @Override
        public void begin(AuditHeader header) {
          synchronized (Collected.this) {
            headers.add(header);
          }
        }

        @Override
        public void object(ObjectResult result) {}

        @Override
        public void finding(Finding finding) {
          synchronized (Collected.this) {
            findings.add(finding);
          }
        }

        @Override
        public void end(AuditSummary s) {}
      };
    }

    @Override
    public synchronized void finding(Finding finding) {
      findings.add(finding);
    }

    @Override
    public void end(RunSummary s) {
      summary = s;
    }

    List<Finding> of(String rule) {
      return findings.stream().filter(f -> f.rule().equals(rule)).toList();
    }
  }

  static Collected run(DemoDirectory demo) throws Exception {
    Collected sink = new Collected();
    try (DirectorySession s = DirectorySession.open(demo.settings())) {
      new ForestsAuditor(RuleCatalog.builtIn(), Clock.systemUTC(), "test", List.of(AnchorAttribute.values()))
          .run(List.of(new ForestsAuditor.Opened("corp", s,
              new Auditor.Options(null, DemoDirectory.SYNC_DN, 50, Auditor.Progress.NONE))), sink);
    }
    return sink;
  }

  @Test
  void theDemoForestHasItsPlantedAnchorsAndOneCheckedDc() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      Collected r = run(demo);
      List<Finding> dup = r.of("DUPLICATE_ANCHOR");
      assertEquals(2, dup.size(), dup.toString());
      Finding mail = dup.stream().filter(f -> f.details().get("attribute").equals("mail")).findFirst().orElseThrow();
      assertEquals("pat.jones@corp.example.test", mail.details().get("value"));
      assertEquals("high", mail.severity().label());
      Finding proxy = dup.stream().filter(f -> f.details().get("attribute").equals("proxyAddresses")).findFirst().orElseThrow();
      assertEquals("medium", proxy.severity().label(), "one of its holders is disabled");
      AuditHeader h = r.headers.get(0);
      assertEquals(List.of("mailNickname"), h.anchorsSkipped());
      assertEquals(1, h.controllers().size(), "the discovered DC is the connected one: " + h.controllers());
      assertTrue(h.otherDomains().isEmpty());
      assertTrue(r.of("DC_UNREACHABLE").isEmpty());
      assertEquals(2, r.summary.anchors().duplicates());
      assertTrue(r.summary.total().complete());
      // Protected users get the AdminSDHolder plan, explicit and with its warning; others an
      // inheritable grant on their container, scoped to their class.
      Remediation holder = r.summary.total().remediation().stream()
          .filter(x -> x.container().startsWith("CN=AdminSDHolder,CN=System,")).findFirst().orElseThrow();
      assertTrue(holder.note().contains("SDProp") && !holder.dsacls().contains("/I:S"), holder.toString());
      assertTrue(holder.sddl().stream().allMatch(a -> a.startsWith("(OA;;")), holder.sddl().toString());
      Remediation legal = r.summary.total().remediation().stream()
          .filter(x -> x.container().equals("OU=Legal," + DemoDirectory.BASE)).findFirst().orElseThrow();
      assertTrue(legal.sddl().stream().allMatch(a -> a.startsWith("(OA;CIIO;") && a.contains(";bf967aba-0de6-11d0-a285-00aa003049e2;")),
          legal.sddl().toString());
      assertTrue(legal.dsacls().contains("/I:S /G \"svc-sync@corp.example.test:"), legal.dsacls());
    }
  }

  @Test
  void aDiscoveredDcThatDoesNotResolveAndAChildDomainAreReported() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      String config = "CN=Configuration," + DemoDirectory.BASE;
      demo.server().add("dn: CN=EMEA,CN=Partitions," + config, "objectClass: crossRef",
          "nCName: DC=emea," + DemoDirectory.BASE, "dnsRoot: emea.corp.example.test", "systemFlags: 3");
      String server = "CN=DC9,CN=Servers,CN=Default-First-Site-Name,CN=Sites," + config;
      demo.server().add("dn: " + server, "objectClass: server",
          "dNSHostName: dc9.emea.corp.example.test.invalid");
      demo.server().add("dn: CN=NTDS Settings," + server, "objectClass: nTDSDSA",
          "msDS-HasDomainNCs: DC=emea," + DemoDirectory.BASE);
      Collected r = run(demo);
      List<Finding> unreachable = r.of("DC_UNREACHABLE");
      assertEquals(1, unreachable.size(), r.findings.toString());
      assertEquals("dc9.emea.corp.example.test.invalid", unreachable.get(0).details().get("dnsHostName"));
      assertTrue(unreachable.get(0).message().contains("cannot connect"), unreachable.get(0).message());
      AuditHeader.ControllerStatus dc9 = r.headers.get(0).controllers().get(1);
      assertFalse(dc9.reachable());
      assertNull(dc9.policyHints2066());
      List<Finding> notAudited = r.of("DOMAIN_NOT_AUDITED");
      assertEquals(1, notAudited.size());
      assertEquals("corp", notAudited.get(0).details().get("forest"));
      assertEquals("DC=emea," + DemoDirectory.BASE, notAudited.get(0).details().get("domain"));
      assertTrue(notAudited.get(0).details().get("reason").toString().contains("dcUrls"));
    }
  }

  @Test
  void theForestsOtherDomainIsCheckedThroughItsOwnDc() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start(); DemoDirectory emea = demo.startChildDomain("emea")) {
      String config = "CN=Configuration," + DemoDirectory.BASE;
      demo.server().add("dn: CN=EMEA,CN=Partitions," + config, "objectClass: crossRef",
          "nCName: " + emea.base(), "dnsRoot: emea.corp.example.test", "systemFlags: 3");
      Collected sink = new Collected();
      org.wbaudit.directory.ConnectionSettings settings = demo.settings();
      try (DirectorySession s = DirectorySession.open(settings);
          org.wbaudit.directory.DomainSessions others =
              org.wbaudit.directory.DomainSessions.open(s, settings, List.of(emea.url()))) {
        assertEquals(java.util.Set.of(emea.base().toLowerCase()), others.sessions().keySet(), others.errors().toString());
        Auditor.Options options = new Auditor.Options(null, DemoDirectory.SYNC_DN, 50,
            Auditor.Progress.NONE, null, List.of(), null, List.of(emea.url()), List.of(), others, null);
        new ForestsAuditor(RuleCatalog.builtIn(), Clock.systemUTC(), "test", List.of())
            .run(List.of(new ForestsAuditor.Opened("corp", s, options)), sink);
      }
      List<AuditHeader.DomainStatus> domains = sink.headers.get(0).domains();
      assertEquals(2, domains.size(), domains.toString());
      AuditHeader.DomainStatus child = domains.get(1);
      assertEquals(emea.base(), child.dn());
      assertNull(child.error());
      assertEquals(emea.url().toString(), child.dc());
      assertEquals(86_400, child.passwordPolicy().minPwdAgeSeconds());
      assertEquals(domains.get(0).unexpirePassword(), child.unexpirePassword(),
          "the same descriptor on both domain objects gives the same verdict");
      assertTrue(sink.of("PASSWORD_POLICY_BLOCKS_RESET").stream().anyMatch(f -> emea.base().equals(f.dn())),
          sink.findings.toString());
      assertTrue(sink.of("DOMAIN_NOT_AUDITED").isEmpty(), sink.of("DOMAIN_NOT_AUDITED").toString());
      // The child's DC, listed in dcUrls, was checked like any other.
      assertEquals(2, sink.headers.get(0).controllers().size());
    }
  }

  @Test
  void searchBasesLimitTheUsersReadAndAMissingOneIsAnError() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start();
        DirectorySession s = DirectorySession.open(demo.settings())) {
      String hr = "OU=HR," + DemoDirectory.BASE;
      String legal = "OU=Legal," + DemoDirectory.BASE;
      long expected = demo.userDns().stream().filter(dn -> dn.endsWith(hr) || dn.endsWith(legal)).count();
      List<String> read = new ArrayList<>();
      AuditSink collect = new AuditSink() {
        @Override
        public void begin(AuditHeader header) {}

        @Override
        public void object(ObjectResult result) {
          read.add(result.dn());
        }

        @Override
        public void finding(Finding finding) {}

        @Override
        public void end(AuditSummary summary) {}
      };
      Auditor auditor = new Auditor(RuleCatalog.builtIn(), Clock.systemUTC(), "test");
      AuditSummary summary = auditor.run(s, new Auditor.Options(null, DemoDirectory.SYNC_DN, 3,
          Auditor.Progress.NONE, null, List.of(), null, List.of(), List.of(hr, legal),
          org.wbaudit.directory.DomainSessions.NONE, null), collect);
      assertTrue(expected >= 4);
      assertEquals(expected, summary.usersRead());
      assertTrue(read.stream().allMatch(dn -> dn.endsWith(hr) || dn.endsWith(legal)), read.toString());
      org.wbaudit.directory.DirectoryException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.wbaudit.directory.DirectoryException.class, () -> auditor.run(s, new Auditor.Options(null,
              DemoDirectory.SYNC_DN, 3, Auditor.Progress.NONE, null, List.of(), null, List.of(),
              List.of("OU=Nowhere," + DemoDirectory.BASE), org.wbaudit.directory.DomainSessions.NONE, null), collect));
      assertEquals(org.wbaudit.directory.DirectoryException.Kind.NOT_FOUND, e.kind());
      assertTrue(e.getMessage().contains("search base OU=Nowhere"), e.getMessage());
    }
  }
}
