package org.wbaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.ResultCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Connector discovery, --principal auto and the sync scope on a Samba DC of its own (the
 * planted grants at the domain head would change every user of a shared one): the accounts
 * Microsoft's installers create and the grants its cmdlet writes are found with the right
 * kinds and places, a lookalike is not, auto audits as the named connector that holds the grants
 * exactly as naming it does, and the DC agrees that account can reset.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectorsTest {
  static final String PASSWORD = "Conn!Passw0rd1";
  SambaDc dc;
  JsonNode planted;
  Path adminPw;
  String[] connection;

  @BeforeAll
  void plant() throws Exception {
    dc = SambaDc.start("CONN", "CONN.EXAMPLE.TEST");
    String out = dc.python("samba/connectors.py", PASSWORD);
    planted = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    adminPw = Files.createTempFile("wbaudit-admin", ".pw");
    Files.writeString(adminPw, SambaDc.ADMIN_PASSWORD);
    connection = new String[] {"--url", dc.ldapsUrl(), "--bind-dn", "Administrator@conn.example.test",
        "--password-file", adminPw.toString(), "--trust-store", dc.caFile.toString()};
  }

  @AfterAll
  void stop() {
    if (dc != null) {
      dc.stop();
    }
  }

  JsonNode connectors() throws Exception {
    List<String> args = new ArrayList<>(List.of("connectors", "--format", "json"));
    args.addAll(List.of(connection));
    Run r = Run.wbaudit(Map.of(), args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  static JsonNode bySid(JsonNode list, String sid) {
    for (JsonNode c : list.get("connectors")) {
      if (sid.equals(c.path("sid").asText())) {
        return c;
      }
    }
    return null;
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.isObject() ? n.get("container").asText() + "|" + n.get("objectClass").asText() : n.asText()));
    return out;
  }

  @Test
  void findsExactlyThePlantedConnectorsWithTheirKindsAndGrants() throws Exception {
    JsonNode found = connectors();
    String base = planted.get("custom").get("ou").asText().substring("OU=Custom,".length());
    JsonNode msol = bySid(found, planted.get("msol").get("sid").asText());
    assertNotNull(msol, found.toString());
    assertEquals(List.of("entra-connect-sync", "grant-holder"), texts(msol.get("kinds")));
    assertEquals(List.of(base + "|user"), texts(msol.get("resetGrants")));
    assertTrue(msol.get("lastLogon").asText().startsWith("2026-11-28"), msol.toString());
    assertTrue(msol.get("enabled").asBoolean());
    JsonNode custom = bySid(found, planted.get("custom").get("sid").asText());
    assertNotNull(custom, found.toString());
    assertEquals(List.of("grant-holder"), texts(custom.get("kinds")));
    assertEquals(List.of(planted.get("custom").get("ou").asText() + "|user"), texts(custom.get("resetGrants")));
    for (JsonNode c : found.get("connectors")) {
      assertTrue(!c.path("samAccountName").asText().equals("MSOL_lookalike"), "a lookalike is no connector");
      boolean named = c.get("kinds").toString().contains("entra-connect-sync")
          || c.get("kinds").toString().contains("cloud-sync-gmsa");
      String sid = c.path("sid").asText();
      assertEquals(named, sid.equals(planted.get("msol").get("sid").asText())
          || (planted.get("gmsa").hasNonNull("sid") && sid.equals(planted.get("gmsa").get("sid").asText())),
          "only the planted accounts are named connectors: " + c);
    }
    JsonNode gmsa = planted.get("gmsa");
    // Samba 4.17 creates msDS-GroupManagedServiceAccount objects: a refusal is a broken fixture.
    assertTrue(gmsa.hasNonNull("dn"), () -> "Samba did not create provAgentgMSA$: " + gmsa.path("why").asText());
    JsonNode g = bySid(found, gmsa.get("sid").asText());
    assertNotNull(g, "the gMSA Samba created is found: " + found);
    assertEquals(List.of("cloud-sync-gmsa"), texts(g.get("kinds")));
  }

  @Test
  void principalAutoAuditsAsTheNamedConnectorThatLoggedOnLastAndTheDcAgrees() throws Exception {
    List<String> auto = new ArrayList<>(List.of(connection));
    auto.addAll(List.of("--principal", "auto", "--format", "json", "--fail-on", "critical"));
    Run byAuto = Run.audit(auto.toArray(String[]::new));
    assertNotNull(byAuto.report(), byAuto.err());
    List<String> named = new ArrayList<>(List.of(connection));
    named.addAll(List.of("--principal", planted.get("msol").get("dn").asText(), "--format", "json",
        "--fail-on", "critical"));
    Run byName = Run.audit(named.toArray(String[]::new));
    assertNotNull(byName.report(), byName.err());
    JsonNode principal = byAuto.report().get("principal");
    assertEquals(planted.get("msol").get("dn").asText(), principal.get("dn").asText());
    assertTrue(principal.get("chosenBy").get("why").asText().contains("holds Reset Password"), principal.toString());
    assertTrue(principal.get("chosenBy").get("candidates").toString().contains("svc-custom"), principal.toString());
    for (JsonNode o : org.wbaudit.report.ReportJson.objects(byName.report())) {
      JsonNode twin = null;
      for (JsonNode a : org.wbaudit.report.ReportJson.objects(byAuto.report())) {
        if (a.get("dn").asText().equals(o.get("dn").asText())) {
          twin = a;
        }
      }
      assertNotNull(twin, o.get("dn").asText());
      assertEquals(o.get("rights"), twin.get("rights"), o.get("dn").asText());
      assertEquals(o.get("ready"), twin.get("ready"), o.get("dn").asText());
    }
    // The sync scope on a real domain: the built-in accounts, the MSOL_ accounts and the audited
    // connector itself are out; the planted user is in and ready, and the DC lets MSOL_ reset it.
    String custom1 = "CN=custom1," + planted.get("custom").get("ou").asText();
    for (JsonNode o : org.wbaudit.report.ReportJson.objects(byAuto.report())) {
      String sam = o.get("samAccountName").asText();
      // Samba marks its DNS service account (dns-<host>) a critical system object too.
      boolean expectedIn = !List.of("Administrator", "Guest", "krbtgt", "MSOL_0123456789ab",
          "MSOL_lookalike").contains(sam) && !sam.startsWith("dns-");
      assertEquals(expectedIn, o.get("inScope").asBoolean(), sam + ": " + o.get("scopeReason"));
    }
    JsonNode c1 = null;
    for (JsonNode o : org.wbaudit.report.ReportJson.objects(byAuto.report())) {
      if (o.get("dn").asText().equalsIgnoreCase(custom1)) {
        c1 = o;
      }
    }
    assertNotNull(c1);
    assertTrue(c1.get("ready").asBoolean(), c1.toString());
    try (ResetOracle oracle = new ResetOracle(dc, "MSOL_0123456789ab@conn.example.test", PASSWORD)) {
      assertEquals(ResultCode.SUCCESS, oracle.reset(custom1, "Reset!Passw0rd7"), "the DC's answer");
    }
  }
}
