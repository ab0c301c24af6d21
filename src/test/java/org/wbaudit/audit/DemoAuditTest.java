package org.wbaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wbaudit.directory.ConnectionSettings;
import org.wbaudit.directory.DemoDirectory;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.rules.RuleCatalog;

/**
 * The audit over real LDAP against the embedded directory: what a broken descriptor and a
 * connection lost part-way do to a run.
 */
class DemoAuditTest {
  /** Keeps everything the audit emits. */
  static final class Collected implements AuditSink {
    AuditHeader header;
    final List<ObjectResult> objects = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();
    AuditSummary summary;
    Runnable afterObject = () -> { };

    @Override
    public void begin(AuditHeader h) {
      header = h;
    }

    @Override
    public void object(ObjectResult r) {
      objects.add(r);
      afterObject.run();
    }

    @Override
    public void finding(Finding f) {
      findings.add(f);
    }

    @Override
    public void end(AuditSummary s) {
      summary = s;
    }
  }

  static AuditSummary audit(DemoDirectory demo, int pageSize, Collected sink) throws Exception {
    return audit(demo, pageSize, demo.settings().readConnections(), sink);
  }

  static AuditSummary audit(DemoDirectory demo, int pageSize, int readers, Collected sink)
      throws Exception {
    ConnectionSettings s = demo.settings().withReadConnections(readers);
    try (DirectorySession session = DirectorySession.open(s)) {
      return new Auditor(RuleCatalog.builtIn(), Clock.systemUTC(), "test").run(session,
          new Auditor.Options(null, DemoDirectory.SYNC_DN, pageSize, Auditor.Progress.NONE), sink);
    }
  }

  @Test
  void aMalformedDescriptorIsAFindingAndTheAuditGoesOn() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      Entry broken = new Entry("CN=broken,OU=Legal," + DemoDirectory.BASE);
      broken.addAttribute("objectClass", "top", "person", "organizationalPerson", "user");
      broken.addAttribute("objectCategory", "person");
      broken.addAttribute("sAMAccountName", "broken");
      // A header that promises a DACL at offset 20, then an ACL whose size runs past the end.
      broken.addAttribute("nTSecurityDescriptor", new byte[] {1, 0, 4, (byte) 0x84, 0, 0, 0, 0,
          0, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 2, 0, (byte) 0xff, 0, 1, 0, 0, 0});
      demo.server().add(broken);
      Collected sink = new Collected();
      AuditSummary summary = audit(demo, 100, sink);
      assertTrue(summary.complete());
      ObjectResult r = sink.objects.stream().filter(o -> o.dn().startsWith("CN=broken,")).findFirst().orElseThrow();
      assertEquals("malformed", r.descriptor());
      assertNull(r.rights().get("resetPassword").granted());
      Finding f = sink.findings.stream().filter(x -> x.rule().equals("DESCRIPTOR_MALFORMED")).findFirst().orElseThrow();
      assertTrue(f.message().contains("at byte 22: DACL: AclSize 255 runs past the end"), f.message());
      assertEquals(demo.userDns().size(), summary.usersRead(), "every other user was still audited");
    }
  }

  @Test
  void aConnectionLostPartWayMakesTheAuditSayItIsIncomplete() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      Collected sink = new Collected();
      sink.afterObject = () -> {
        if (sink.objects.size() == 5) {
          demo.server().shutDown(true); // the DC goes away after the fifth user
        }
      };
      AuditSummary summary = audit(demo, 2, 1, sink);
      assertFalse(summary.complete());
      assertEquals(6, summary.usersRead(), "the page in hand is finished, nothing after it");
      assertTrue(summary.missing().get(0).startsWith("users after the first 6"), summary.missing().toString());
      assertTrue(sink.summary == summary, "the sink is told the run ended, even part-way");
    }
  }

  @Test
  void aConnectionLostWhileReadingSideBySideMakesTheAuditSayItIsIncomplete() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      int all = demo.userDns().size();
      Collected sink = new Collected();
      sink.afterObject = () -> {
        if (sink.objects.size() == 5) {
          demo.server().shutDown(true);
        }
      };
      AuditSummary summary = audit(demo, 2, 3, sink);
      assertFalse(summary.complete());
      // Pages already received by the other connections are still handled; never all users.
      assertTrue(summary.usersRead() >= 5 && summary.usersRead() < all, summary.usersRead() + " of " + all);
      assertEquals(summary.usersRead(), sink.objects.size());
      assertTrue(summary.missing().get(0).startsWith("users after the first " + summary.usersRead()),
          summary.missing().toString());
    }
  }

  @Test
  void theDemoDomainHasEveryKindOfFinding() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      Collected sink = new Collected();
      AuditSummary summary = audit(demo, 7, sink);
      assertTrue(summary.complete());
      for (String rule : List.of("RESET_PASSWORD_NOT_GRANTED", "ADMIN_COUNT_SET", "INHERITANCE_DISABLED",
          "POLICY_HINTS_CONTROL_MISSING", "ACCOUNT_DISABLED", "ACCOUNT_LOCKED_OUT", "DESCRIPTOR_UNREADABLE")) {
        assertTrue(summary.findingsByRule().containsKey(rule), rule);
      }
      assertTrue(summary.distinctDescriptors() < summary.usersRead(), "descriptors are shared and cached");
      assertEquals("tokenGroups", sink.header.tokenMethod());
    }
  }

  @Test
  void withoutTokenGroupsTheTokenComesFromMemberOfAndSaysSo() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      demo.server().modify(DemoDirectory.SYNC_DN, new com.unboundid.ldap.sdk.Modification(
          com.unboundid.ldap.sdk.ModificationType.DELETE, "tokenGroups"));
      Collected sink = new Collected();
      AuditSummary summary = audit(demo, 50, sink);
      assertEquals("memberOf", sink.header.tokenMethod());
      List<String> names = sink.header.token().stream().map(AuditHeader.TokenEntry::name).toList();
      assertTrue(names.containsAll(List.of("G-Helpdesk", "G-Outer", "Domain Users",
          "BUILTIN\\Pre-Windows 2000 Compatible Access")), names.toString());
      // Same verdicts as with tokenGroups: fin1 is granted only through the nested group.
      ObjectResult fin1 = sink.objects.stream().filter(o -> o.dn().startsWith("CN=fin1,")).findFirst().orElseThrow();
      assertEquals(Boolean.TRUE, fin1.rights().get("resetPassword").granted());
      assertTrue(summary.complete());
    }
  }

  @Test
  void aServerWithoutStartTlsGetsNoBind() throws Exception {
    try (DemoDirectory demo = DemoDirectory.startWithoutTls()) {
      org.wbaudit.directory.DirectoryException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.wbaudit.directory.DirectoryException.class, () -> DirectorySession.open(demo.settings()));
      assertEquals(org.wbaudit.directory.DirectoryException.Kind.TLS, e.kind());
      assertTrue(e.getMessage().contains("refused StartTLS"), e.getMessage());
      assertTrue(e.getMessage().contains("never binds in clear text"), e.getMessage());
    }
  }
}
