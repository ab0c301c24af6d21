package org.wbaudit.it;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.wbaudit.report.ReportSchema;

/**
 * Two forests, two Samba DCs (127.0.0.2 and 127.0.0.3), audited in one run from a configuration
 * file: every planted anchor collision found with its severity, no near miss reported, the
 * forests read side by side, and a DC that is listed but down reported, not fatal.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiForestTest {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The "DC listed but down": a port proven closed when the class loads. */
  static final String DOWN_DC = "ldaps://" + Addresses.closedEndpoint();

  Layout corp;
  SambaDc fabrikam;
  Path config;

  @BeforeAll
  void plant() throws Exception {
    corp = Layout.shared();
    fabrikam = SambaDc.secondForest();
    AnchorLayout.plant();
    config = write(forest("corp", corp.dc(), corp.syncUpn()).set("dcUrls",
            JSON.createArrayNode().add(corp.dc().ldapsUrl()).add(DOWN_DC)),
        forest("fabrikam", fabrikam, "svc-sync@fabrikam.example.test"));
  }

  ObjectNode forest(String name, SambaDc dc, String bind) {
    return JSON.createObjectNode().put("name", name).put("url", dc.ldapsUrl()).put("bindDn", bind)
        .put("passwordFile", corp.syncPasswordFile().toString())
        .put("trustStore", dc.caFile.toString());
  }

  static Path write(ObjectNode... forests) throws Exception {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("forests");
    for (ObjectNode f : forests) {
      list.add(f);
    }
    Path p = Files.createTempFile("wbaudit-config", ".json");
    Files.writeString(p, JSON.writeValueAsString(root));
    return p;
  }

  static Run audit(Path config) {
    Run r = Run.audit("--config", config.toString(), "--format", "json");
    assertNotNull(r.report(), () -> "no report; exit " + r.exitCode() + "\n" + r.err());
    assertEquals("", ReportSchema.violations(r.report()), "the report must conform to its schema");
    return r;
  }

  /** attribute|value → the finding. */
  static Map<String, JsonNode> duplicates(JsonNode report) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode f : org.wbaudit.report.ReportJson.perObject(report)) {
      if (f.get("rule").asText().equals("DUPLICATE_ANCHOR")) {
        JsonNode d = f.get("details");
        assertEquals(null, out.put(d.get("attribute").asText() + "|" + d.get("value").asText(), f),
            "one finding per colliding value");
      }
    }
    return out;
  }

  @Test
  void findsEveryPlantedCollisionAndNoNearMiss() {
    Run r = audit(config);
    assertEquals(1, r.exitCode(), r.err());
    Map<String, JsonNode> found = duplicates(r.report());
    assertEquals(Set.of(
        "userPrincipalName|ann@shared.example",
        "mail|bob@shared.example",
        "mail|erin@corp.example",
        "proxyAddresses|carl@shared.example",
        "mS-DS-ConsistencyGuid|5e1f0c2a-7b3d-4e8f-9a10-b2c3d4e5f607"), found.keySet());
    // Two enabled holders: the reset fails now. One enabled: it works until the other is.
    assertEquals("high", found.get("userPrincipalName|ann@shared.example").get("severity").asText());
    assertEquals("medium", found.get("mail|bob@shared.example").get("severity").asText());
    assertEquals("high", found.get("mail|erin@corp.example").get("severity").asText());
    // An object listing an address twice (SMTP: and smtp:) is one holder.
    JsonNode carl = found.get("proxyAddresses|carl@shared.example").get("details").get("objects");
    assertEquals(2, carl.size(), carl.toString());
    Map<String, Boolean> bob = new HashMap<>();
    found.get("mail|bob@shared.example").get("details").get("objects")
        .forEach(o -> bob.put(o.get("forest").asText() + ":" + o.get("dn").asText().split(",")[0],
            o.get("enabled").asBoolean()));
    assertEquals(Map.of("corp:CN=c-bob", true, "fabrikam:CN=f-bob", false), bob);
    JsonNode erin = found.get("mail|erin@corp.example").get("details").get("objects");
    erin.forEach(o -> assertEquals("corp", o.get("forest").asText()));
  }

  @Test
  void bothForestsAreInOneReportAndMailNicknameIsSkippedWithoutExchange() {
    Run r = audit(config);
    JsonNode forests = r.report().get("forests");
    assertEquals(2, forests.size());
    List<String> objectsOf = new ArrayList<>();
    org.wbaudit.report.ReportJson.objects(r.report()).forEach(o -> objectsOf.add(o.get("forest").asText()));
    for (JsonNode f : forests) {
      assertTrue(f.get("audited").asBoolean(), f.toString());
      assertTrue(f.get("summary").get("complete").asBoolean());
      String name = f.get("name").asText();
      assertEquals(f.get("summary").get("usersRead").asLong(),
          objectsOf.stream().filter(name::equals).count(), "every user of " + name + " is in objects");
      List<String> skipped = new ArrayList<>();
      f.get("anchorAttributes").get("skipped").forEach(s -> skipped.add(s.asText()));
      assertEquals(List.of("mailNickname"), skipped, "Samba's schema has no Exchange attributes");
    }
    assertFalse(r.report().has("dc"), "dc, domain, principal are per forest in a run of two");
    assertTrue(r.report().get("summary").get("complete").asBoolean());
  }

  @Test
  void aDcListedButDownIsAFindingNotAFailure() {
    Run r = audit(config);
    JsonNode unreachable = null;
    for (JsonNode f : org.wbaudit.report.ReportJson.perObject(r.report())) {
      if (f.get("rule").asText().equals("DC_UNREACHABLE")) {
        unreachable = f;
      }
    }
    assertNotNull(unreachable, "no DC_UNREACHABLE finding");
    assertEquals("corp", unreachable.get("forest").asText());
    assertEquals(DOWN_DC, unreachable.get("details").get("dc").asText());
    assertTrue(unreachable.get("message").asText().contains("connect"), unreachable.toString());
    // Each forest's own DC was read, and lacks the control (Samba 4.17).
    long missing = 0;
    for (JsonNode f : org.wbaudit.report.ReportJson.perObject(r.report())) {
      if (f.get("rule").asText().equals("POLICY_HINTS_CONTROL_MISSING")) {
        missing++;
      }
    }
    assertEquals(2, missing);
    JsonNode dcs = r.report().get("forests").get(0).get("domainControllers");
    assertEquals(2, dcs.size(), dcs.toString());
    assertFalse(dcs.get(1).get("reachable").asBoolean());
  }

  @Test
  void theConfigurationPartitionNamesTheDomainAndItsDc() throws Exception {
    org.wbaudit.directory.ConnectionSettings settings = new org.wbaudit.directory.ConnectionSettings(
        org.wbaudit.directory.LdapUrl.parse(fabrikam.ldapsUrl()), "svc-sync@fabrikam.example.test",
        Layout.SYNC_PASSWORD.toCharArray(), new org.wbaudit.directory.TrustPolicy(fabrikam.caFile, false),
        java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30), 1);
    try (org.wbaudit.directory.DirectorySession s = org.wbaudit.directory.DirectorySession.open(settings)) {
      org.wbaudit.directory.ForestTopology t = new org.wbaudit.directory.TopologyReader(s).topology();
      assertEquals(List.of(new org.wbaudit.directory.ForestTopology.Domain(
          "DC=fabrikam,DC=example,DC=test", "fabrikam.example.test")), t.domains());
      assertEquals(1, t.controllers().size(), t.toString());
      assertEquals(s.rootDse().dnsHostName().toLowerCase(), t.controllers().get(0).hostName().toLowerCase());
      assertEquals(List.of("DC=fabrikam,DC=example,DC=test"), t.controllers().get(0).domains());
    }
    // In the run, the discovered DC is the connected one: checked once, reachable.
    JsonNode dcs = audit(config).report().get("forests").get(1).get("domainControllers");
    assertEquals(1, dcs.size(), dcs.toString());
    assertTrue(dcs.get(0).get("reachable").asBoolean());
  }

  @Test
  void aForestThatCannotBeReachedIsReportedAndTheOthersStillAudited() throws Exception {
    ObjectNode gone = forest("gone", fabrikam, "svc-sync@fabrikam.example.test").put("url", DOWN_DC)
        .put("connectTimeout", 2);
    Run r = audit(write(forest("fabrikam", fabrikam, "svc-sync@fabrikam.example.test"), gone));
    assertEquals(3, r.exitCode(), "cannot connect: " + r.err());
    JsonNode forests = r.report().get("forests");
    assertTrue(forests.get(0).get("audited").asBoolean());
    assertFalse(forests.get(1).get("audited").asBoolean());
    assertTrue(forests.get(1).get("error").asText().contains(DOWN_DC.substring("ldaps://".length())), forests.toString());
    assertFalse(r.report().get("summary").get("complete").asBoolean());
  }

  @Test
  void theForestsAreAuditedSideBySide() throws Exception {
    Path one = write(forest("corp", corp.dc(), corp.syncUpn()));
    audit(one); // warm both DCs' caches before timing
    long t0 = System.nanoTime();
    audit(one);
    long t1 = System.nanoTime();
    Run both = audit(config);
    long t2 = System.nanoTime();
    // Not a timed assertion (the machine is noisy): the figures go to the closing note.
    System.out.printf("multi-forest wall time: one forest %d ms, two forests %d ms%n",
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    // What is asserted: the two audits overlapped in time.
    List<java.time.Instant[]> spans = new ArrayList<>();
    for (JsonNode f : both.report().get("forests")) {
      java.time.Instant end = java.time.Instant.parse(f.get("summary").get("finishedAt").asText());
      spans.add(new java.time.Instant[] {end.minusMillis(f.get("summary").get("durationMillis").asLong()), end});
    }
    assertTrue(spans.get(0)[0].isBefore(spans.get(1)[1]) && spans.get(1)[0].isBefore(spans.get(0)[1]),
        "the forests' audits did not overlap: " + both.report().get("forests"));
  }
}
