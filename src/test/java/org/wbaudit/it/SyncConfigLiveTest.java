package org.wbaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The audit on behalf of the sync engine whose exported configuration is the tests' variant,
 * pointed at the shared Samba DC: an OU filter that includes Sales and HR and excludes Sales'
 * Region (nested), a scoping group with direct and nested members, and a custom rule on an
 * attribute (description NOSYNC). The users in scope are exactly those the test selects by hand,
 * and the principal is the export's account, though the audit binds as Administrator.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncConfigLiveTest {
  static final Path VARIANT = Path.of("src/test/resources/syncconfig/two-forests");
  static final String EXPORT_GROUP = "CN=G-Pilot,OU=Groups,DC=corp,DC=example,DC=test";

  Layout layout;
  SambaDc dc;
  Path export;
  Path adminPw;
  String pilot;

  @BeforeAll
  void setUp() throws Exception {
    layout = Layout.shared();
    dc = layout.dc();
    pilot = "CN=G-Pilot,CN=Users," + layout.base();
    String nested = "CN=G-Pilot-Nested,CN=Users," + layout.base();
    dc.tool("group", "add", "G-Pilot");
    dc.tool("group", "add", "G-Pilot-Nested");
    dc.tool("group", "addmembers", "G-Pilot", "sales1,sales-deep,sales-inet,hr1,hr-denied,hr-deny-change,fin1,legal-none,G-Pilot-Nested");
    dc.tool("group", "addmembers", "G-Pilot-Nested", "hr-locked,sales2");
    try (LDAPConnection c = admin()) {
      c.modify(layout.dn("hr-deny-change"), new Modification(ModificationType.REPLACE, "description", "NOSYNC: leaving"));
    }
    export = Files.createTempDirectory("wbaudit-export");
    org.wbaudit.TestFiles.copy(VARIANT, export);
    Path connector = export.resolve("Connectors/Connector_{0d5e0b7a-1111-4c2e-9a51-6a1f00000001}.xml");
    Files.writeString(connector, Files.readString(connector).replace(EXPORT_GROUP, pilot));
    assertTrue(Files.readString(connector).contains(pilot) && nested.startsWith("CN=G-Pilot-Nested"));
    adminPw = Files.createTempFile("wbaudit-admin", ".pw");
    Files.writeString(adminPw, SambaDc.ADMIN_PASSWORD);
  }

  LDAPConnection admin() throws Exception {
    return new LDAPConnection(new SSLUtil(new TrustAllTrustManager()).createSSLSocketFactory(), dc.ip, 636,
        "Administrator@" + SambaDc.REALM.toLowerCase(), SambaDc.ADMIN_PASSWORD);
  }

  String[] asAdmin(String... more) {
    List<String> a = new ArrayList<>(List.of("--url", dc.ldapsUrl(), "--bind-dn",
        "Administrator@" + SambaDc.REALM.toLowerCase(), "--password-file", adminPw.toString(),
        "--trust-store", dc.caFile.toString(), "--format", "json"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void theUsersInScopeAreThoseTheExportsRulesSelectAndThePrincipalIsItsAccount() {
    Run r = Run.audit(asAdmin("--sync-config", export.toString()));
    assertNotNull(r.report(), r.err());
    assertEquals("", org.wbaudit.report.ReportSchema.violations(r.report()));
    JsonNode principal = r.report().get("principal");
    assertEquals(layout.syncDn().toLowerCase(), principal.get("dn").asText().toLowerCase());
    assertEquals("sync-config", principal.get("chosenBy").get("method").asText());
    assertTrue(principal.get("boundAs").asText().startsWith("Administrator"), principal.toString());

    // By hand, from the export: Sales and HR are included, Sales' Region is excluded (sales-deep),
    // the rest of the domain is below the excluded root (fin1, legal-none); only direct members of
    // G-Pilot count (hr-locked and sales2 are members of a member group); the custom rule filters
    // description NOSYNC out (hr-deny-change); sales-inet is an inetOrgPerson, provisioned by the
    // InetOrgPerson rule. The connector account itself is never in scope.
    TreeSet<String> expected = new TreeSet<>(List.of(layout.dn("sales1").toLowerCase(),
        layout.dn("sales-inet").toLowerCase(), layout.dn("hr1").toLowerCase(), layout.dn("hr-denied").toLowerCase()));
    TreeSet<String> inScope = new TreeSet<>();
    for (JsonNode o : org.wbaudit.report.ReportJson.objects(r.report())) {
      if (o.get("inScope").asBoolean(false)) {
        inScope.add(o.get("dn").asText().toLowerCase());
      }
      assertTrue(!o.get("inScope").isNull(), "every rule of this export is evaluable: " + o);
    }
    assertEquals(expected, inScope);
    assertEquals(4, r.report().get("summary").get("readiness").get("inScope").asLong());
    JsonNode deny = r.object(layout.dn("hr-deny-change"));
    assertTrue(deny.get("scopeReason").asText().contains("In from AD - User NoSync (custom)"), deny.toString());
    JsonNode locked = r.object(layout.dn("hr-locked"));
    assertTrue(locked.get("scopeReason").asText().contains("only direct members"), locked.toString());
    JsonNode deep = r.object(layout.dn("sales-deep"));
    assertTrue(deep.get("scopeReason").asText().contains("OU=Region,OU=Sales"), deep.toString());

    JsonNode engine = r.report().get("syncEngine");
    assertEquals("entra-connect-sync", engine.get("kind").asText());
    assertEquals("SYNC-STAGING", engine.get("server").asText());
    assertTrue(engine.get("writebackEnabled").asBoolean());
    assertTrue(engine.get("stagingMode").asBoolean());
    assertEquals("corp.example.test", engine.get("forests").get(0).get("connector").asText());
    assertEquals("fabrikam.example.test (fabrikam.example.test)", engine.get("connectorsNotAudited").get(0).asText());
    assertTrue(r.hasFinding("SYNC_STAGING_MODE", null));
    JsonNode s = r.report().get("summary");
    assertEquals(s.get("highestCommittedUsnBefore").asLong(), s.get("highestCommittedUsnAfter").asLong(),
        "nothing written to the directory");
  }

  /**
   * Two forests from one export: each forest of the configuration file (named "corp" and
   * "fabrikam", not as the connectors) is paired with its connector by its DC's root domain, and
   * audited as that connector's account.
   */
  @Test
  void twoForestsArePairedWithTheirConnectorsAndAuditedAsTheirAccounts() throws Exception {
    SambaDc fabrikam = SambaDc.secondForest();
    fabrikam.tool("user", "create", "MSOL_0123456789ab", "Msol!Passw0rd1");
    ObjectMapper json = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode root = json.createObjectNode();
    root.put("syncConfig", export.toString());
    com.fasterxml.jackson.databind.node.ArrayNode forests = root.putArray("forests");
    for (Object[] f : new Object[][] {{"corp", dc, SambaDc.REALM}, {"fabrikam", fabrikam, "FABRIKAM.EXAMPLE.TEST"}}) {
      SambaDc d = (SambaDc) f[1];
      forests.addObject().put("name", (String) f[0]).put("url", d.ldapsUrl())
          .put("bindDn", "Administrator@" + ((String) f[2]).toLowerCase()).put("passwordFile", adminPw.toString())
          .put("trustStore", d.caFile.toString());
    }
    Path config = Files.createTempFile("wbaudit-config", ".json");
    Files.writeString(config, json.writeValueAsString(root));
    Run r = Run.audit("--config", config.toString(), "--format", "json");
    assertNotNull(r.report(), r.err());
    assertEquals("", org.wbaudit.report.ReportSchema.violations(r.report()));
    JsonNode engine = r.report().get("syncEngine");
    assertEquals(2, engine.get("forests").size(), engine.toString());
    assertEquals(0, engine.get("connectorsNotAudited").size(), engine.toString());
    for (JsonNode f : r.report().get("forests")) {
      assertTrue(f.get("audited").asBoolean(), f.toString());
      String account = f.get("principal").get("dn").asText();
      assertTrue(f.get("name").asText().equals("corp") ? account.startsWith("CN=svc-sync,")
          : account.startsWith("CN=MSOL_0123456789ab,"), f.get("name") + " audited as " + account);
      assertEquals("sync-config", f.get("principal").get("chosenBy").get("method").asText());
    }
  }

  @Test
  void anExportOfAnotherForestIsAUsageErrorNamingBoth() throws Exception {
    Path other = Files.createTempDirectory("wbaudit-export-other");
    org.wbaudit.TestFiles.copy(VARIANT, other);
    Files.delete(other.resolve("Connectors/Connector_{0d5e0b7a-1111-4c2e-9a51-6a1f00000001}.xml"));
    Run r = Run.audit(asAdmin("--sync-config", other.toString()));
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("no connector for the forest corp.example.test")
        && r.err().contains("fabrikam.example.test"), r.err());
    assertEquals(null, r.report(), "no report");
  }

  @Test
  void connectorsListsTheExportsAccountBesideTheDirectorysAndWhereTheyDiffer() throws Exception {
    List<String> args = new ArrayList<>(List.of("connectors"));
    args.addAll(List.of(asAdmin("--sync-config", export.toString())));
    Run r = Run.wbaudit(Map.of(), args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    JsonNode cfg = new ObjectMapper().readTree(r.out()).get("syncConfig");
    JsonNode account = cfg.get("accounts").get(0);
    assertEquals("CORP\\svc-sync", account.get("account").asText());
    assertEquals(layout.syncDn().toLowerCase(), account.get("dn").asText().toLowerCase());
    assertTrue(account.get("kinds").toString().contains("grant-holder"), account.toString());
    assertEquals(0, account.get("differences").size(), account.toString());

    Path gone = Files.createTempDirectory("wbaudit-export-gone");
    org.wbaudit.TestFiles.copy(export, gone);
    Path connector = gone.resolve("Connectors/Connector_{0d5e0b7a-1111-4c2e-9a51-6a1f00000001}.xml");
    Files.writeString(connector, Files.readString(connector).replace(">svc-sync<", ">MSOL_0000deadbeef<"));
    List<String> textArgs = new ArrayList<>(List.of("connectors"));
    String[] base = asAdmin("--sync-config", gone.toString());
    textArgs.addAll(List.of(base).subList(0, base.length - 4));
    textArgs.addAll(List.of("--sync-config", gone.toString()));
    Run text = Run.wbaudit(Map.of(), textArgs.toArray(String[]::new));
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("DIFFERS: no account MSOL_0000deadbeef"), text.out());
  }
}
