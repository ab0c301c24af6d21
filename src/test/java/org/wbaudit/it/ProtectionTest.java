package org.wbaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * AdminSDHolder protection now, soon and no longer, read from a real DC's group membership with
 * the in-chain matching rule: exactly the planted users are reported, each with its group path,
 * and dSHeuristics' dwAdminSDExMask takes Account Operators out. A DC of its own: the test
 * changes dSHeuristics.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtectionTest {
  static final String PASSWORD = "Prot!Passw0rd1";
  SambaDc dc;
  JsonNode planted;
  String[] args;

  @BeforeAll
  void plant() throws Exception {
    dc = SambaDc.start("PROT", "PROT.EXAMPLE.TEST");
    String out = dc.python("samba/protection.py", PASSWORD);
    planted = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    Path pw = Files.createTempFile("wbaudit-admin", ".pw");
    Files.writeString(pw, SambaDc.ADMIN_PASSWORD);
    args = new String[] {"--url", dc.ldapsUrl(), "--bind-dn", "Administrator@prot.example.test",
        "--password-file", pw.toString(), "--trust-store", dc.caFile.toString(), "--format", "json",
        "--fail-on", "critical"};
  }

  @AfterAll
  void stop() {
    if (dc != null) {
      dc.stop();
    }
  }

  /** Each ADMIN_COUNT_* finding as "rule dn". */
  static Map<String, String> protectionFindings(JsonNode report) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode f : report.get("findings")) {
      if (f.get("rule").asText().startsWith("ADMIN_COUNT_")) {
        out.put(f.get("dn").asText(), f.get("rule").asText());
      }
    }
    return out;
  }

  static JsonNode object(JsonNode report, String dn) {
    for (JsonNode o : report.get("objects")) {
      if (o.get("dn").asText().equalsIgnoreCase(dn)) {
        return o;
      }
    }
    return null;
  }

  @Test
  void pendingStaleAndProtectedAreExactlyThePlantedUsersWithTheirPaths() throws Exception {
    dc.python("samba/protection.py", PASSWORD, "");
    Run r = Run.audit(args);
    assertNotNull(r.report(), r.err());
    // conn-da, planted for the connector checks, is in Domain Admins without adminCount too.
    Map<String, String> expected = new TreeMap<>(Map.of(
        planted.get("conn-da").asText(), "ADMIN_COUNT_PENDING",
        planted.get("pend1").asText(), "ADMIN_COUNT_PENDING",
        planted.get("stale1").asText(), "ADMIN_COUNT_STALE",
        planted.get("da1").asText(), "ADMIN_COUNT_SET"));
    assertEquals(expected, protectionFindings(r.report()));
    JsonNode pend = object(r.report(), planted.get("pend1").asText());
    List<String> path = new ArrayList<>();
    pend.get("protectedBy").forEach(p -> path.add(p.asText()));
    assertEquals(4, path.size(), path.toString());
    assertTrue(path.get(1).startsWith("CN=G-Inner,") && path.get(2).startsWith("CN=G-Middle,")
        && path.get(3).startsWith("Account Operators ("), path.toString());
    assertTrue(object(r.report(), planted.get("stale1").asText()).get("protectedBy").isNull());
    assertTrue(object(r.report(), planted.get("da1").asText()).get("protectedBy").toString()
        .contains("Domain Admins"));
    assertTrue(object(r.report(), planted.get("plain1").asText()).get("protectedBy").isNull());
    assertTrue(r.report().get("forests").get(0).get("protection").get("unknown").isNull(),
        r.report().get("forests").get(0).get("protection").toString());
  }

  /** The connector rules an audit as {@code principal} reports, by rule. */
  Map<String, JsonNode> connectorFindings(String principal) {
    String[] withPrincipal = java.util.Arrays.copyOf(args, args.length + 2);
    withPrincipal[args.length] = "--principal";
    withPrincipal[args.length + 1] = principal;
    Run r = Run.audit(withPrincipal);
    assertNotNull(r.report(), r.err());
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode f : r.report().get("findings")) {
      if (f.get("rule").asText().startsWith("CONNECTOR_")) {
        out.put(f.get("rule").asText(), f);
      }
    }
    return out;
  }

  @Test
  void aConnectorInDomainAdminsWithWriteDacOrAnExpiredPasswordIsReportedAndACleanOneIsNot() {
    JsonNode da = connectorFindings(planted.get("conn-da").asText()).get("CONNECTOR_OVERPRIVILEGED");
    assertNotNull(da, "conn-da is in Domain Admins");
    assertTrue(da.get("details").get("protectedBy").toString().contains("Domain Admins"), da.toString());
    JsonNode dac = connectorFindings(planted.get("conn-dac").asText()).get("CONNECTOR_OVERPRIVILEGED");
    assertNotNull(dac, "conn-dac holds WRITE_DAC on OU=Dac's users");
    assertTrue(dac.get("details").get("protectedBy").isNull(), dac.toString());
    assertEquals(1, dac.get("details").get("users").get("writeDac").asLong(), dac.toString());
    assertTrue(dac.get("details").get("aces").toString().contains("WD"), dac.toString());
    Map<String, JsonNode> exp = connectorFindings(planted.get("conn-exp").asText());
    assertTrue(exp.containsKey("CONNECTOR_PASSWORD_EXPIRED"), exp.keySet().toString());
    assertEquals(java.util.Set.of(), connectorFindings(planted.get("conn-clean").asText()).keySet(),
        "a clean connector account shows none of them");
  }

  /** Each user's passwordPolicy in a report, by DN (lower case). */
  static Map<String, JsonNode> policies(JsonNode report) {
    Map<String, JsonNode> out = new TreeMap<>();
    report.get("objects").forEach(o -> out.put(o.get("dn").asText().toLowerCase(), o.get("passwordPolicy")));
    return out;
  }

  @Test
  void eachUsersPasswordPolicyIsTheOneTheDcComputesAndNoneIsGuessed() throws Exception {
    // Two PSOs: one linked to psou1, one (weaker precedence) to a group holding psou1 and psou2.
    dc.tool("user", "create", "psou1", PASSWORD);
    dc.tool("user", "create", "psou2", PASSWORD);
    dc.tool("group", "add", "G-Pso");
    dc.tool("group", "addmembers", "G-Pso", "psou1,psou2");
    dc.tool("domain", "passwordsettings", "pso", "create", "pso-user", "10", "--min-pwd-age=1",
        "--history-length=5");
    dc.tool("domain", "passwordsettings", "pso", "create", "pso-group", "20", "--history-length=3");
    dc.tool("domain", "passwordsettings", "pso", "apply", "pso-user", "psou1");
    dc.tool("domain", "passwordsettings", "pso", "apply", "pso-group", "G-Pso");
    String base = planted.get("plain1").asText().substring("CN=plain1,".length());
    List<String> users = List.of("CN=psou1," + base, "CN=psou2," + base, planted.get("plain1").asText());
    List<String> cmd = new ArrayList<>(users);
    JsonNode oracle = new ObjectMapper().readTree(dc.python("samba/resultant-pso.py", cmd.toArray(String[]::new))
        .lines().reduce((a, b) -> b).orElseThrow());
    assertTrue(oracle.get(users.get(0)).asText().startsWith("CN=pso-user,"), oracle.toString());
    assertTrue(oracle.get(users.get(1)).asText().startsWith("CN=pso-group,"), oracle.toString());
    assertTrue(oracle.get(users.get(2)).isNull(), oracle.toString());

    Run admin = Run.audit(args);
    assertNotNull(admin.report(), admin.err());
    Map<String, JsonNode> seen = policies(admin.report());
    for (String dn : users) {
      JsonNode p = seen.get(dn.toLowerCase());
      if (oracle.get(dn).isNull()) {
        assertEquals("domain", p.get("source").asText(), dn + ": " + p);
      } else {
        assertEquals("pso", p.get("source").asText(), dn + ": " + p);
        assertTrue(p.get("pso").asText().equalsIgnoreCase(oracle.get(dn).asText()), dn + ": " + p);
      }
    }
    boolean userPolicyReported = false;
    for (JsonNode f : admin.report().get("findings")) {
      if (f.get("rule").asText().equals("PASSWORD_POLICY_BLOCKS_RESET")
          && f.get("dn").asText().startsWith("CN=pso-user,")) {
        userPolicyReported = true;
        assertEquals(1, f.get("details").get("users").asLong(), f.toString());
      }
    }
    assertTrue(userPolicyReported, "one finding for the PSO whose minimum age can reject a reset");

    // Bound as a plain user denied the Password Settings Container (Samba lets any user read it by
    // default): a policy is either what the DC says or unknown, never the domain's by guess.
    String plainSid = dc.python("samba/resultant-pso.py", "--sid", planted.get("plain1").asText()).strip();
    dc.tool("dsacl", "set", "--objectdn=CN=Password Settings Container,CN=System,"
        + base.substring("CN=Users,".length()),
        "--sddl=(D;CI;RPLCLORC;;;" + plainSid.lines().reduce((a, b) -> b).orElseThrow() + ")");
    Path pw = Files.createTempFile("wbaudit-plain", ".pw");
    Files.writeString(pw, PASSWORD);
    String[] plain = args.clone();
    plain[3] = "plain1@prot.example.test";
    plain[5] = pw.toString();
    Run asPlain = Run.audit(plain);
    assertNotNull(asPlain.report(), asPlain.err());
    Map<String, JsonNode> blind = policies(asPlain.report());
    for (String dn : users) {
      JsonNode p = blind.get(dn.toLowerCase());
      assertTrue(!p.get("source").asText().equals("domain") || oracle.get(dn).isNull(),
          dn + " guessed: " + p);
      if (p.get("source").asText().equals("pso")) {
        assertTrue(p.get("pso").asText().equalsIgnoreCase(oracle.get(dn).asText()), dn + ": " + p);
      }
    }
    assertEquals("unknown", blind.get(users.get(2).toLowerCase()).get("source").asText(),
        "without the container, that no PSO applies to plain1 cannot be known: "
            + blind.get(users.get(2).toLowerCase()));
  }

  @Test
  void dsHeuristicsTakesAccountOperatorsOut() throws Exception {
    // dwAdminSDExMask is the 16th character; the 10th must be '1' once the string is that long.
    dc.python("samba/protection.py", PASSWORD, "0000000001000001");
    try {
      Run r = Run.audit(args);
      assertNotNull(r.report(), r.err());
      Map<String, String> found = protectionFindings(r.report());
      assertTrue(!found.containsKey(planted.get("pend1").asText()), found.toString());
      assertEquals("ADMIN_COUNT_SET", found.get(planted.get("da1").asText()));
      assertTrue(r.report().get("forests").get(0).get("protection").get("excludedByDsHeuristics")
          .toString().contains("Account Operators"));
    } finally {
      dc.python("samba/protection.py", PASSWORD, "");
    }
  }
}
