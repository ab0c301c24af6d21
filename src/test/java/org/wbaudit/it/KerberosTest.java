package org.wbaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
  }

  static String krb5Conf(String kdc) {
    return "[libdefaults]\n default_realm = " + SambaDc.REALM + "\n dns_lookup_kdc = false\n"
        + " dns_lookup_realm = false\n rdns = false\n dns_canonicalize_hostname = false\n"
        + " kdc_timeout = 2s\n max_retries = 1\n udp_preference_limit = 1\n"
        + "[realms]\n " + SambaDc.REALM + " = {\n  kdc = " + kdc + "\n }\n";
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
    Map<String, String> out = new TreeMap<>();
    for (JsonNode o : r.report().get("objects")) {
      JsonNode copy = o.deepCopy();
      out.put(o.get("dn").asText().toLowerCase(), copy.get("rights").toString()
          + copy.path("readiness").toString());
    }
    return out;
  }

  String[] kerberos(String... more) {
    List<String> a = new ArrayList<>(List.of("--url", "ldap://" + dc.ip + ":389", "--dc-hostname",
        dcHost, "--auth", "kerberos", "--krb5-conf", krb5Conf.toString(), "--format", "json"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void aTicketFromKinitAuditsAsTheLdapsSimpleBindDoes() throws Exception {
    Run ldaps = Run.audit("--url", dc.ldapsUrl(), "--bind-dn", layout.syncUpn(), "--password-file",
        layout.syncPasswordFile().toString(), "--trust-store", dc.caFile.toString(), "--format", "json");
    Path cache = kinit(null);
    Run krb = audit(Map.of("KRB5CCNAME", "FILE:" + cache), kerberos());
    assertEquals(ldaps.exitCode(), krb.exitCode(), krb.err());
    Map<String, String> expected = verdicts(ldaps);
    assertTrue(expected.size() > 10, "the layout has users");
    assertEquals(expected, verdicts(krb));
    JsonNode dcNode = krb.report().get("dc");
    assertEquals("Kerberos sealing (SASL GSSAPI, auth-conf)", dcNode.get("protection").asText());
    assertTrue(dcNode.get("authentication").asText().contains("ticket cache " + cache), dcNode.toString());
    assertEquals(layout.syncSid(), krb.report().get("principal").get("sid").asText());
  }
}
