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
 * AdminSDHolder protection now, soon and no longer, read from a real DC's group membership (the
 * groups' member lists, nested groups followed; held equal to the DC's own in-chain matching
 * rule): exactly the planted users are reported, each with its group path,
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
    for (JsonNode f : org.wbaudit.report.ReportJson.perObject(report)) {
      if (f.get("rule").asText().startsWith("ADMIN_COUNT_")) {
        out.put(f.get("dn").asText(), f.get("rule").asText());
      }
    }
    return out;
  }

  static JsonNode object(JsonNode report, String dn) {
    for (JsonNode o : org.wbaudit.report.ReportJson.objects(report)) {
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

    // The DC's own answer: its in-chain matching rule (1.2.840.113556.1.4.1941) over memberOf,
    // per protected group, names exactly the users the report finds protected. The groups come
    // from the fixed list (rules/protected-groups.json, resolved on the DC by SID), not from
    // what the report says it read, so a group wbaudit forgets is caught here.
    java.util.Set<String> byDc = new java.util.TreeSet<>();
    try (com.unboundid.ldap.sdk.LDAPConnection c = new com.unboundid.ldap.sdk.LDAPConnection(
        new com.unboundid.util.ssl.SSLUtil(new com.unboundid.util.ssl.TrustAllTrustManager())
            .createSSLSocketFactory(), dc.ip, 636, "Administrator@prot.example.test", SambaDc.ADMIN_PASSWORD)) {
      String base = c.getRootDSE().getAttributeValue("defaultNamingContext");
      List<String> groups = protectedGroupsOnTheDc(c, base);
      assertTrue(groups.size() >= 9, "most of the list exists on Samba: " + groups);
      for (String g : groups) {
        c.search(base, com.unboundid.ldap.sdk.SearchScope.SUB,
            com.unboundid.ldap.sdk.Filter.createANDFilter(
                com.unboundid.ldap.sdk.Filter.createEqualityFilter("objectClass", "user"),
                com.unboundid.ldap.sdk.Filter.createExtensibleMatchFilter("memberOf",
                    "1.2.840.113556.1.4.1941", false, g)), "1.1")
            .getSearchEntries().forEach(e -> byDc.add(e.getDN().toLowerCase()));
      }
    }
    java.util.Set<String> protectedAtAll = new java.util.TreeSet<>();
    java.util.Set<String> throughAGroup = new java.util.TreeSet<>();
    java.util.Set<String> read = new java.util.TreeSet<>();
    for (JsonNode o : org.wbaudit.report.ReportJson.objects(r.report())) {
      String dn = o.get("dn").asText().toLowerCase();
      read.add(dn);
      JsonNode by = o.get("protectedBy");
      if (!by.isNull()) {
        protectedAtAll.add(dn);
        // A protected account itself (Administrator, krbtgt) is named as the account.
        if (!by.get(by.size() - 1).asText().startsWith("the protected account ")) {
          throughAGroup.add(dn);
        }
      }
    }
    byDc.retainAll(read);
    assertTrue(byDc.size() >= 3, "the planted members: " + byDc);
    assertTrue(protectedAtAll.containsAll(byDc), "every member the DC names is protected: " + byDc + " vs " + protectedAtAll);
    assertTrue(byDc.containsAll(throughAGroup), "every member the report names, the DC names: " + throughAGroup + " vs " + byDc);
  }

  /**
   * The DNs of the groups rules/protected-groups.json lists, found on the DC by their SID (a
   * Builtin SID as given, a RID under the domain's SID; this test forest has one domain).
   */
  static List<String> protectedGroupsOnTheDc(com.unboundid.ldap.sdk.LDAPConnection c, String base)
      throws Exception {
    JsonNode list = new ObjectMapper().readTree(Path.of("rules/protected-groups.json").toFile()).get("groups");
    byte[] raw = c.getEntry(base, "objectSid").getAttributeValueBytes("objectSid");
    String domainSid = org.wbaudit.sd.Sid.fromBytes(raw).toString();
    List<String> out = new ArrayList<>();
    for (JsonNode g : list) {
      String sid = g.has("sid") ? g.get("sid").asText() : domainSid + "-" + g.get("rid").asInt();
      List<com.unboundid.ldap.sdk.SearchResultEntry> found = c.search(base,
          com.unboundid.ldap.sdk.SearchScope.SUB, "(objectSid=" + sid + ")", "1.1").getSearchEntries();
      found.forEach(e -> out.add(e.getDN()));
    }
    return out;
  }

  /** The connector rules an audit as {@code principal} reports, by rule. */
  Map<String, JsonNode> connectorFindings(String principal) {
    String[] withPrincipal = java.util.Arrays.copyOf(args, args.length + 2);
    withPrincipal[args.length] = "--principal";
    withPrincipal[args.length + 1] = principal;
    Run r = Run.audit(withPrincipal);
    assertNotNull(r.report(), r.err());
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode f : org.wbaudit.report.ReportJson.perObject(r.report())) {
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
    org.wbaudit.report.ReportJson.objects(report).forEach(o -> out.put(o.get("dn").asText().toLowerCase(), o.get("passwordPolicy")));
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
    for (JsonNode f : org.wbaudit.report.ReportJson.perObject(admin.report())) {
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

  /** Findings of a report marked {@code change}, as "RULE dn" (or the id when it has no DN). */
  static java.util.Set<String> changed(JsonNode report, String change) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (JsonNode f : org.wbaudit.report.ReportJson.perObject(report)) {
      if (change.equals(f.path("change").asText())) {
        out.add(f.get("rule").asText() + " " + f.path("dn").asText(f.get("id").asText()));
      }
    }
    return out;
  }

  static List<Path> kept(Path history) throws Exception {
    try (var s = Files.list(history)) {
      return s.filter(p -> p.getFileName().toString().startsWith("run-")).sorted().toList();
    }
  }

  /**
   * Three scheduled runs as a connector over one OU with a history, the directory changed between
   * them: the second run's new findings are exactly what the change caused and the third run's
   * resolved ones exactly what undoing it cured; the trend has the three runs' own figures. A run
   * that finds the history locked by another process, and one killed mid-audit, leave it as it was.
   */
  @Test
  void threeRunsWithAHistorySeeExactlyTheChangesMadeBetweenThem() throws Exception {
    JsonNode setup = new ObjectMapper().readTree(dc.python("samba/writeback-grant.py", "setup", "Hist",
        PASSWORD).lines().reduce((a, b) -> b).orElseThrow());
    String ou = setup.get("ou").asText();
    String user1 = setup.get("users").get(0).asText();
    String user2 = setup.get("users").get(1).asText();
    String connector = planted.get("conn-clean").asText();
    String sid = dc.python("samba/resultant-pso.py", "--sid", connector).strip().lines()
        .reduce((a, b) -> b).orElseThrow();
    dc.python("samba/writeback-grant.py", "add", ou, sid);
    Path history = Files.createTempDirectory("wbaudit-history");
    List<String> a = new ArrayList<>(List.of(args));
    a.addAll(List.of("--principal", connector, "--scope-ou", ou, "--history", history.toString()));
    String[] withHistory = a.toArray(String[]::new);

    Run first = Run.audit(withHistory);
    assertNotNull(first.report(), first.err());
    assertEquals(java.util.Set.of(), changed(first.report(), "new"), "nothing to compare the first run with");
    java.util.Set<String> before = new java.util.TreeSet<>();
    org.wbaudit.report.ReportJson.perObject(first.report()).forEach(f -> before.add(f.get("id").asText()));

    dc.python("samba/writeback-grant.py", "remove", ou, sid);
    dc.tool("group", "addmembers", "Domain Admins", user2.substring(3, user2.indexOf(',')));
    Run second;
    try {
      second = Run.audit(withHistory);
    } finally {
      dc.tool("group", "removemembers", "Domain Admins", user2.substring(3, user2.indexOf(',')));
      dc.python("samba/writeback-grant.py", "add", ou, sid);
    }
    assertNotNull(second.report(), second.err());
    java.util.Set<String> expected = new java.util.TreeSet<>();
    for (String rule : List.of("RESET_PASSWORD_NOT_GRANTED", "WRITE_LOCKOUT_TIME_NOT_GRANTED",
        "WRITE_PWD_LAST_SET_NOT_GRANTED")) {
      expected.add(rule + " " + user1);
      expected.add(rule + " " + user2);
    }
    expected.add("ADMIN_COUNT_PENDING " + user2);
    assertEquals(expected, changed(second.report(), "new"));
    assertEquals(kept(history).get(0).getFileName().toString(),
        second.report().get("diff").get("baseline").asText());

    Run third = Run.audit(withHistory);
    assertNotNull(third.report(), third.err());
    assertEquals(java.util.Set.of(), changed(third.report(), "new"));
    java.util.Set<String> resolved = new java.util.TreeSet<>();
    third.report().get("diff").get("resolved").forEach(e -> resolved.add(e.get("rule").asText() + " " + e.get("dn").asText()));
    assertEquals(expected, resolved, "undoing the change resolves exactly what it caused");
    java.util.Set<String> after = new java.util.TreeSet<>();
    org.wbaudit.report.ReportJson.perObject(third.report()).forEach(f -> after.add(f.get("id").asText()));
    assertEquals(before, after, "the third run is the first again");

    Run trend = Run.wbaudit(Map.of(), "history", history.toString(), "--format", "json");
    assertEquals(0, trend.exitCode(), trend.err());
    JsonNode runs = new ObjectMapper().readTree(trend.out()).get("runs");
    assertEquals(3, runs.size());
    List<Run> all = List.of(first, second, third);
    for (int i = 0; i < 3; i++) {
      JsonNode readiness = all.get(i).report().get("forests").get(0).get("summary").get("readiness");
      assertEquals(2, readiness.get("inScope").asLong(), "the OU's two users are the scope");
      double pct = 100.0 * readiness.get("ready").asLong() / readiness.get("inScope").asLong();
      assertEquals(pct, runs.get(i).get("readyPercent").fields().next().getValue().asDouble(), 1e-9);
    }
    assertEquals(0, second.report().get("forests").get(0).get("summary").get("readiness").get("ready").asLong());

    // Another process holds the lock (a POSIX lock, as the JVM takes): exit 7, history untouched.
    List<Path> three = kept(history);
    Process holder = new ProcessBuilder("/usr/bin/python3", "-c", "import fcntl,sys,time\n"
        + "f=open(sys.argv[1],'a'); fcntl.lockf(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(120)",
        history.resolve(".lock").toString()).redirectErrorStream(true).start();
    try {
      assertEquals("held", new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine());
      Run locked = Run.audit(withHistory);
      assertEquals(7, locked.exitCode(), locked.err());
      assertEquals(null, locked.report(), "a run that found the history locked writes no report");
    } finally {
      holder.destroyForcibly().waitFor();
    }
    assertEquals(three, kept(history));

    // A run killed mid-audit (stalled by the proxy, then SIGKILL) adds nothing.
    Path jar = Path.of("target/wbaudit.jar");
    assertTrue(Files.isRegularFile(jar), "the packaged jar runs the killed audit: " + jar.toAbsolutePath());
    try (FaultProxy proxy = new FaultProxy(dc.ip, 636)) {
      proxy.fault(FaultProxy.Mode.STALL, 20_000);
      List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
          "-jar", jar.toString(), "audit"));
      cmd.addAll(a);
      cmd.set(cmd.indexOf("--url") + 1, "ldaps://127.0.0.1:" + proxy.port());
      cmd.addAll(List.of("--quiet", "--output", history.resolveSibling(history.getFileName() + ".json").toString()));
      Process victim = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      assertTrue(proxy.awaitHolding(60), "the audit never reached the stall");
      assertTrue(victim.isAlive(), "the audit is stalled mid-way, as it is killed");
      victim.destroyForcibly().waitFor();
    }
    assertEquals(three, kept(history), "the killed run left nothing in the history");
    Run next = Run.audit(withHistory);
    assertNotNull(next.report(), next.err());
    assertEquals(three.get(2).getFileName().toString(), next.report().get("diff").get("baseline").asText());
  }
}
