package org.wbaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kerberos against Samba's own KDC: a ticket from MIT's kinit, a keytab exported by samba-tool,
 * and a password each give, over ldap://389 sealed, the same verdicts as the LDAPS simple-bind
 * audit of the same DC; each failure a user can act on is provoked and its message and exit
 * code checked.
 */
@Tag("integration")
class KerberosTest {
  static Layout layout;
  static SambaDc dc;
  static Path work;
  static Path krb5Conf;
  /** The DC's own host name: the service principal is ldap/<it>. */
  static String dcHost;
  static String principal;
  /** The LDAPS simple-bind audit's verdicts: what every Kerberos audit must reproduce. */
  static Map<String, String> expected;

  @BeforeAll
  static void realm() throws Exception {
    layout = Layout.shared();
    dc = layout.dc();
    work = Files.createTempDirectory("wbaudit-krb");
    krb5Conf = work.resolve("krb5.conf");
    Files.writeString(krb5Conf, krb5Conf(dc.ip + ":88"));
    try (LDAPConnection c = new LDAPConnection(dc.ip, 389)) {
      dcHost = c.getRootDSE().getAttributeValue("dnsHostName");
    }
    principal = "svc-sync@" + SambaDc.REALM;
    Run ldaps = Run.audit("--url", dc.ldapsUrl(), "--bind-dn", layout.syncUpn(), "--password-file",
        layout.syncPasswordFile().toString(), "--trust-store", dc.caFile.toString(), "--format", "json");
    expected = verdicts(ldaps);
    assertTrue(expected.size() > 10, "the layout has users");
  }

  static String krb5Conf(String kdc) {
    return krb5Conf(SambaDc.REALM, kdc);
  }

  static String krb5Conf(String realm, String kdc) {
    return "[libdefaults]\n default_realm = " + realm + "\n dns_lookup_kdc = false\n"
        + " dns_lookup_realm = false\n rdns = false\n dns_canonicalize_hostname = false\n"
        + " kdc_timeout = 2s\n max_retries = 1\n udp_preference_limit = 1\n"
        + "[realms]\n " + realm + " = {\n  kdc = " + kdc + "\n }\n";
  }

  /** A fresh ticket cache holding a ticket-granting ticket for the sync account. */
  static Path kinit(String lifetime) throws Exception {
    Path cache = Files.createTempFile(work, "cc", "");
    Files.delete(cache);
    List<String> cmd = new ArrayList<>(List.of("kinit"));
    if (lifetime != null) {
      cmd.addAll(List.of("-l", lifetime));
    }
    cmd.add(principal);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("KRB5_CONFIG", krb5Conf.toString());
    pb.environment().put("KRB5CCNAME", "FILE:" + cache);
    Process k = pb.start();
    k.getOutputStream().write((Layout.SYNC_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
    k.getOutputStream().close();
    String out = new String(k.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(k.waitFor(60, TimeUnit.SECONDS), "kinit did not end");
    assertEquals(0, k.exitValue(), () -> "kinit failed: " + out);
    return cache;
  }

  static Run audit(Map<String, String> env, String... args) {
    return Run.audit(env, args);
  }

  /** Every in-scope object's verdicts, by DN: what two audits must agree on. */
  static Map<String, String> verdicts(Run r) {
    assertNotNull(r.report(), () -> "no report; exit " + r.exitCode() + "\n" + r.err());
    assertTrue(r.report().toString().contains("\"complete\":true")
        && !r.report().toString().contains("\"complete\":false"),
        () -> "an incomplete audit: " + r.err() + "\n" + r.report().path("forests"));
    Map<String, String> out = new TreeMap<>();
    for (JsonNode o : org.wbaudit.report.ReportJson.objects(r.report())) {
      // Each right's verdict (inlined from the report's verdicts), and the readiness it adds up to.
      for (String key : List.of("rights", "ready", "blockers")) {
        assertTrue(o.has(key), () -> "objects[] have no \"" + key + "\": " + o);
      }
      out.put(o.get("dn").asText().toLowerCase(), o.get("rights") + " ready=" + o.get("ready")
          + " blockers=" + o.get("blockers"));
    }
    assertTrue(out.size() >= 25, () -> "the layout's users are all there: " + out.keySet());
    return out;
  }

  /** Equal to the LDAPS audit's verdicts; on failure, only the objects that differ. */
  static void assertSameVerdicts(Map<String, String> actual) {
    if (!expected.equals(actual)) {
      StringBuilder b = new StringBuilder("verdicts differ from the LDAPS audit's:\n");
      java.util.Set<String> dns = new java.util.TreeSet<>(expected.keySet());
      dns.addAll(actual.keySet());
      for (String dn : dns) {
        if (!java.util.Objects.equals(expected.get(dn), actual.get(dn))) {
          b.append(dn).append("\n  ldaps:    ").append(expected.get(dn)).append("\n  kerberos: ")
              .append(actual.get(dn)).append('\n');
        }
      }
      org.junit.jupiter.api.Assertions.fail(b.toString());
    }
  }

  String[] kerberos(String... more) {
    List<String> a = new ArrayList<>(List.of("--url", "ldap://" + dc.ip + ":389", "--dc-hostname",
        dcHost, "--auth", "kerberos", "--krb5-conf", krb5Conf.toString(), "--format", "json"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void aTicketFromKinitAuditsAsTheLdapsSimpleBindDoes() throws Exception {
    Path cache = kinit(null);
    Run krb = audit(Map.of("KRB5CCNAME", "FILE:" + cache), kerberos());
    assertSameVerdicts(verdicts(krb));
    JsonNode dcNode = krb.report().get("dc");
    assertEquals("Kerberos sealing (SASL GSSAPI, auth-conf)", dcNode.get("protection").asText());
    assertTrue(dcNode.get("authentication").asText().contains("ticket cache " + cache), dcNode.toString());
    assertEquals(layout.syncSid(), krb.report().get("principal").get("sid").asText());
    assertEquals("", org.wbaudit.report.ReportSchema.violations(krb.report()));
  }

  /**
   * Inside TLS, AD takes GSSAPI without a SASL layer and refuses one; Samba by default
   * ("ldap server require strong auth = yes") demands a layer and refuses it inside TLS, so no
   * Kerberos bind over ldaps:// can succeed there: wbaudit says so and what to use. A Samba DC
   * set to allow_sasl_over_tls behaves as AD does, and the bind succeeds, TLS sealing it.
   */
  @Test
  void overLdapsKerberosOnlyAuthenticatesAndTlsSeals() throws Exception {
    Path cache = kinit(null);
    String[] args = kerberos("--trust-all"); // the test certificate names dc1.<realm>, not the DC's host
    args[1] = dc.ldapsUrl();
    Run refused = audit(Map.of("KRB5CCNAME", "FILE:" + cache), args);
    assertEquals(3, refused.exitCode(), refused.err());
    assertTrue(refused.err().contains("use ldap:// (sealed by Kerberos)"), refused.err());

    String realm = "LIKEAD.EXAMPLE.TEST";
    SambaDc likeAd = SambaDc.start("LIKEAD", realm, List.of("ldap server require strong auth = allow_sasl_over_tls"));
    try {
      Path conf = work.resolve("likead-krb5.conf");
      Files.writeString(conf, krb5Conf(realm, likeAd.ip + ":88"));
      String host;
      try (LDAPConnection c = new LDAPConnection(likeAd.ip, 389)) {
        host = c.getRootDSE().getAttributeValue("dnsHostName");
      }
      Run r = audit(Map.of("PW", SambaDc.ADMIN_PASSWORD), "--url", likeAd.ldapsUrl(), "--trust-all",
          "--dc-hostname", host, "--auth", "kerberos", "--krb5-conf", conf.toString(), "--bind-dn",
          "Administrator@" + realm, "--password-env", "PW", "--format", "json");
      assertNotNull(r.report(), r.err());
      assertTrue(r.exitCode() <= 1, r.err());
      assertEquals("TLS (ldaps; TLSv1.3, TLS_CHACHA20_POLY1305_SHA256), Kerberos authentication", r.report().get("dc").get("protection").asText());
      assertTrue(org.wbaudit.report.ReportJson.objects(r.report()).size() > 0);
    } finally {
      likeAd.stop();
    }
  }

  @Test
  void aKeytabAndAPasswordAuditAsTheTicketDoes() throws Exception {
    Path keytab = work.resolve("svc-sync.keytab");
    SambaDc.Result exported = SambaDc.run(Duration.ofMinutes(1), "samba-tool", "domain", "exportkeytab",
        keytab.toString(), "--principal", principal, "-s", dc.dir.resolve("etc/smb.conf").toString());
    assertEquals(0, exported.code(), exported.output());
    Run byKeytab = audit(Map.of(), kerberos("--bind-dn", principal, "--keytab", keytab.toString()));
    assertSameVerdicts(verdicts(byKeytab));
    assertTrue(byKeytab.report().get("dc").get("authentication").asText().contains("keytab " + keytab));
    Run byPassword = audit(Map.of(), kerberos("--bind-dn", principal, "--password-file",
        layout.syncPasswordFile().toString()));
    assertSameVerdicts(verdicts(byPassword));
    for (Run r : List.of(byKeytab, byPassword)) {
      assertTrue(!r.report().toString().contains(Layout.SYNC_PASSWORD) && !r.err().contains(Layout.SYNC_PASSWORD));
    }
  }

  @Test
  void theConnectionIsSealedAndAClearSimpleBindIsRefused() throws Exception {
    Path cache = kinit(null);
    try (FaultProxy proxy = new FaultProxy(dc.ip, 389)) {
      String[] args = kerberos();
      args[1] = "ldap://127.0.0.1:" + proxy.port();
      Run r = audit(Map.of("KRB5CCNAME", "FILE:" + cache), args);
      assertSameVerdicts(verdicts(r));
      String wire = new String(proxy.seen(), StandardCharsets.ISO_8859_1);
      assertTrue(wire.length() > 100_000, "the audit went through the proxy: " + wire.length() + " bytes");
      // The root DSE is read before binding, in clear, as every client does: the capture sees it.
      assertTrue(wire.contains("supportedSASLMechanisms"), "the capture shows clear text when there is some");
      // After the bind, nothing of the searches or their answers is readable.
      for (String dn : layout.users().values()) {
        String cn = dn.substring(3, dn.indexOf(','));
        assertTrue(!wire.contains(cn), () -> "the user name " + cn + " crossed the wire in clear");
      }
      for (String clear : List.of("nTSecurityDescriptor", "sAMAccountName", "objectSid", "OU=")) {
        assertTrue(!wire.contains(clear), () -> clear + " crossed the wire in clear");
      }
    }
    // The DC itself refuses a simple bind in clear on the same port (and wbaudit never sends one).
    try (LDAPConnection c = new LDAPConnection(dc.ip, 389)) {
      com.unboundid.ldap.sdk.LDAPException refused = org.junit.jupiter.api.Assertions.assertThrows(
          com.unboundid.ldap.sdk.LDAPException.class, () -> c.bind(layout.syncDn(), Layout.SYNC_PASSWORD));
      assertEquals(com.unboundid.ldap.sdk.ResultCode.STRONG_AUTH_REQUIRED, refused.getResultCode());
    }
  }

  @Test
  void withoutATicketOrWithAnExpiredOneItSaysToRunKinit() throws Exception {
    Run none = audit(Map.of("KRB5CCNAME", "FILE:" + work.resolve("no-such-cache")), kerberos());
    assertEquals(3, none.exitCode(), none.err());
    assertTrue(none.err().contains("no Kerberos ticket") && none.err().contains("run kinit")
        && none.err().contains("--keytab"), none.err());
    assertEquals(1, none.err().strip().lines().count(), none.err());

    Path cache = kinit("4s");
    java.time.Instant end = org.wbaudit.directory.TicketCache.read(cache).tgtEnd();
    assertTrue(end.isBefore(java.time.Instant.now().plusSeconds(60)), "a short ticket: " + end);
    while (!java.time.Instant.now().isAfter(end.plusSeconds(1))) {
      Thread.sleep(250); // waiting for the ticket to expire is the point of this test
    }
    Run expired = audit(Map.of("KRB5CCNAME", "FILE:" + cache), kerberos());
    assertEquals(3, expired.exitCode(), expired.err());
    assertTrue(expired.err().contains("expired at " + end) && expired.err().contains("run kinit"),
        expired.err());
  }

  @Test
  void anUnknownServiceNameSaysWhichAndHowToSetIt() throws Exception {
    Path cache = kinit(null);
    String[] args = kerberos();
    args[3] = "elsewhere.corp.example.test";
    Run r = audit(Map.of("KRB5CCNAME", "FILE:" + cache), args);
    assertEquals(3, r.exitCode(), r.err());
    assertTrue(r.err().contains("no service principal ldap/elsewhere.corp.example.test")
        && r.err().contains("--dc-hostname"), r.err());
    // The address in --url without --dc-hostname asks for ldap/<address>, which no DC has.
    List<String> plain = new ArrayList<>(List.of(kerberos()));
    plain.subList(2, 4).clear();
    Run byAddress = audit(Map.of("KRB5CCNAME", "FILE:" + cache), plain.toArray(String[]::new));
    assertEquals(3, byAddress.exitCode(), byAddress.err());
    assertTrue(byAddress.err().contains("ldap/" + dc.ip), byAddress.err());
  }

  @Test
  void aSilentKdcIsNamedWithinSeconds() throws Exception {
    Path silent = work.resolve("silent-krb5.conf");
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort(); // free once closed: nothing listens there
    }
    Files.writeString(silent, krb5Conf("127.0.0.1:" + closed));
    String[] args = kerberos("--bind-dn", principal, "--password-file", layout.syncPasswordFile().toString());
    args[7] = silent.toString();
    long started = System.nanoTime();
    Run r = audit(Map.of(), args);
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    assertEquals(3, r.exitCode(), r.err());
    assertTrue(r.err().contains("no Kerberos KDC for " + SambaDc.REALM + " answered")
        && r.err().contains(silent.toString()), r.err());
    assertTrue(seconds < 30, "bounded by the configuration's kdc_timeout: " + seconds + " s");
  }

  /**
   * Runs the packaged jar's audit under faketime (the wall clock moved by {@code offset}, Java's
   * own timers real), expects exit 3 with the clock-skew message, and returns the seconds it
   * names, after the words {@code direction} ("behind" or "ahead of").
   */
  static long skewSaid(String offset, String direction, Map<String, String> env, String... args) throws Exception {
    Path jar = Path.of("target/wbaudit.jar");
    assertTrue(Files.isRegularFile(jar), "the packaged jar runs under a faked clock: " + jar.toAbsolutePath());
    List<String> cmd = new ArrayList<>(List.of("faketime", "-f", offset,
        ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString(), "audit"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the skewed run did not end");
    assertEquals(3, p.exitValue(), out);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("this host's clock is (\\d+) s " + direction).matcher(out);
    assertTrue(out.contains("clocks of this host and the Kerberos KDC are too far apart") && m.find(), out);
    return Long.parseLong(m.group(1));
  }

  @Test
  void clocksTooFarApartAreMeasuredAndSaid() throws Exception {
    long behind = skewSaid("-20m", "behind", Map.of(), kerberos("--bind-dn", principal, "--password-file",
        layout.syncPasswordFile().toString(), "--quiet"));
    assertTrue(behind > 1150 && behind < 1250, "about 20 minutes: " + behind + " s");
  }

  /**
   * #24: with a ticket cache and the clock 20 minutes ahead, Java fails decoding the KDC's answer
   * ("Empty nameStrings not allowed"); the DC's clock, read before the bind, names the cause.
   */
  @Test
  void clocksApartWithATicketCacheAreSaidAsWithAPassword() throws Exception {
    Path cache = kinit(null);
    long ahead = skewSaid("+20m", "ahead of", Map.of("KRB5CCNAME", "FILE:" + cache), kerberos("--quiet"));
    assertTrue(ahead > 1150 && ahead < 1250, "about 20 minutes: " + ahead + " s");
  }

  @Test
  void theDomainsDcsAreFoundThroughDnsAndOneThatIsDownIsPassedOver() throws Exception {
    Path cache = kinit(null);
    try (StubDns dns = new StubDns()) {
      String domain = SambaDc.REALM.toLowerCase();
      // #24: records whose target is no host name, at the best priority, are passed over and named.
      dns.srv("_ldap._tcp.dc._msdcs." + domain, new StubDns.Srv(0, 100, 1, "down." + domain),
          new StubDns.Srv(0, 100, 389, "evil\u001b[31m." + domain), new StubDns.Srv(0, 90, 389, "a b." + domain),
          new StubDns.Srv(0, 80, 389, "dc9." + domain + ":636"), new StubDns.Srv(10, 100, 389, dcHost));
      dns.a("down." + domain, "127.0.0.1");
      dns.a(dcHost, dc.ip);
      Run r = audit(Map.of("KRB5CCNAME", "FILE:" + cache), "--domain", domain, "--dns-server",
          dns.address(), "--auth", "kerberos", "--krb5-conf", krb5Conf.toString(), "--format", "json");
      assertSameVerdicts(verdicts(r));
      assertTrue(r.err().contains("passed over ldap://down." + domain + ":1"), r.err());
      assertTrue(r.err().contains("using ldap://" + dcHost + ":389"), r.err());
      assertEquals(3, r.err().split("passed over SRV record", -1).length - 1, r.err());
      assertTrue(r.err().contains(":636") && !r.err().contains("\u001b"), "named, escaped: " + r.err());
      JsonNode dcNode = r.report().get("dc");
      assertEquals("ldap://" + dcHost + ":389", dcNode.get("url").asText());
      assertEquals(1, dcNode.get("passedOver").size(), dcNode.toString());
      assertTrue(dcNode.get("passedOver").get(0).asText().startsWith("ldap://down." + domain + ":1"));
      assertTrue(dns.asked().contains("SRV _ldap._tcp.dc._msdcs." + domain), dns.asked().toString());

      // With a site, its records are asked first.
      dns.srv("_ldap._tcp.hq._sites.dc._msdcs." + domain, new StubDns.Srv(0, 0, 389, dcHost));
      Run site = audit(Map.of("KRB5CCNAME", "FILE:" + cache), "--domain", domain, "--site", "hq",
          "--dns-server", dns.address(), "--auth", "kerberos", "--krb5-conf", krb5Conf.toString(),
          "--format", "json");
      assertSameVerdicts(verdicts(site));
      assertEquals(0, site.report().get("dc").get("passedOver").size(), site.err());
      assertTrue(dns.asked().contains("SRV _ldap._tcp.hq._sites.dc._msdcs." + domain));

      // The same server resolves DC names the system cannot: how the configuration partition's
      // DCs are reached for the every-DC checks. Here an alias of the one DC.
      dns.a("alias." + domain, dc.ip);
      org.wbaudit.directory.ConnectionSettings settings = new org.wbaudit.directory.ConnectionSettings(
          org.wbaudit.directory.LdapUrl.parse("ldap://" + dc.ip + ":389"), null, new char[0],
          new org.wbaudit.directory.TrustPolicy(null, false), Duration.ofSeconds(5), Duration.ofSeconds(30), 1,
          new org.wbaudit.directory.Kerberos(org.wbaudit.directory.Kerberos.Source.TICKET_CACHE, null, cache,
              null, krb5Conf), dcHost, org.wbaudit.directory.Dns.server(dns.address()));
      org.wbaudit.directory.LdapUrl alias = new org.wbaudit.directory.LdapUrl("alias." + domain, 389, false);
      try (org.wbaudit.directory.DirectorySession session = org.wbaudit.directory.DirectorySession.open(settings)) {
        assertEquals(dcHost, session.probe(alias).dnsHostName());
      }
      try (org.wbaudit.directory.DirectorySession session = org.wbaudit.directory.DirectorySession.open(
          settings.withServer(settings.url(), dcHost))) {
        org.junit.jupiter.api.Assertions.assertThrows(org.wbaudit.directory.DirectoryException.class,
            () -> new org.wbaudit.directory.DirectorySession[] {session}[0].probe(
                new org.wbaudit.directory.LdapUrl("unlisted." + domain, 389, false)),
            "a name neither the system nor the DNS server knows");
      }

      // A domain DNS knows nothing of: exit 3, saying which names were asked.
      Run unknown = audit(Map.of("KRB5CCNAME", "FILE:" + cache), "--domain", "nowhere.test",
          "--dns-server", dns.address(), "--auth", "kerberos", "--krb5-conf", krb5Conf.toString());
      assertEquals(3, unknown.exitCode(), unknown.err());
      assertTrue(unknown.err().contains("_ldap._tcp.dc._msdcs.nowhere.test"), unknown.err());
    }
  }

  /**
   * The LDAP SDK sends sealed messages without a lock; before the session kept each sealed
   * connection to one thread, about one audit in three here lost a request and waited out the
   * timeout. Run after run, with several readers, every audit must complete, and fast.
   */
  @Test
  void sealedAuditsCompleteRunAfterRunWithSeveralReaders() throws Exception {
    Path cache = kinit(null);
    for (String readers : List.of("2", "4", "2", "4", "2", "4", "2", "4")) {
      Run r = audit(Map.of("KRB5CCNAME", "FILE:" + cache), kerberos("--read-connections", readers,
          "--timeout", "15"));
      assertSameVerdicts(verdicts(r));
    }
  }

  @Test
  void explainTakesTheSameOptions() throws Exception {
    Path cache = kinit(null);
    String user = layout.dn(layout.users().keySet().iterator().next());
    List<String> args = new ArrayList<>(List.of("explain", "--user", user));
    args.addAll(List.of(kerberos()));
    args.remove("--format");
    args.remove("json");
    Run r = Run.wbaudit(Map.of("KRB5CCNAME", "FILE:" + cache), args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains(user), r.out());
  }
}
