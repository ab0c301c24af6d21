package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.wbaudit.report.ReportSchema;

/** Baselines, accepted risks and redaction, end to end over the demo directory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPolicyTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = "correct horse battery staple";

  Path dir;
  JsonNode plain;

  record Out(int code, String out, String err, JsonNode report) {}

  Out demo(Map<String, String> env, String... more) throws Exception {
    Path report = Files.createTempFile(dir, "report", ".json");
    Files.delete(report);
    List<String> args = new ArrayList<>(List.of("demo", "--output", report.toString()));
    args.addAll(List.of(more));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
        new PrintWriter(out), new PrintWriter(err), env);
    JsonNode json = Files.exists(report) ? JSON.readTree(report.toFile()) : null;
    if (json != null) {
      assertEquals("", ReportSchema.violations(json), "every report conforms to the schema");
    }
    return new Out(code, out.toString(), err.toString(), json);
  }

  Path file(String name, Object content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content instanceof String s ? s : JSON.writeValueAsString(content));
    return p;
  }

  @BeforeAll
  void plainReport() throws Exception {
    dir = Files.createTempDirectory("wbaudit-policy");
    plain = demo(Map.of()).report();
  }

  @Test
  void aBaselineMarksNewAndResolvedByStableIds() throws Exception {
    Out same = demo(Map.of(), "--baseline", file("same.json", plain).toString());
    JsonNode diff = same.report().get("diff");
    assertEquals(0, diff.get("added").asLong(), "the same directory twice: nothing new");
    assertEquals(0, diff.get("resolved").size());
    assertEquals(org.wbaudit.report.ReportJson.perObject(plain).size(), diff.get("unchanged").asLong());

    ObjectNode older = org.wbaudit.report.ReportJson.expanded(plain);
    ArrayNode findings = (ArrayNode) older.get("findings");
    String dropped = findings.get(3).get("id").asText();
    findings.remove(3);
    ObjectNode gone = ((ObjectNode) findings.get(0)).deepCopy().put("id", "corp.example.test/ACCOUNT_DISABLED:fixed-since")
        .put("rule", "ACCOUNT_DISABLED");
    findings.add(gone);
    Out changed = demo(Map.of(), "--baseline", file("older.json", older).toString(), "--format", "json");
    diff = changed.report().get("diff");
    assertEquals(1, diff.get("added").asLong());
    assertEquals(List.of("corp.example.test/ACCOUNT_DISABLED:fixed-since"),
        diff.get("resolved").findValuesAsText("id"));
    for (JsonNode f : org.wbaudit.report.ReportJson.perObject(changed.report())) {
      assertEquals(f.get("id").asText().equals(dropped) ? "new" : "unchanged", f.get("change").asText());
    }
    StringWriter text = new StringWriter();
    Main.run(new String[] {"demo", "--format", "text", "--baseline", dir.resolve("older.json").toString()},
        new ByteArrayInputStream(new byte[0]), new PrintWriter(text), new PrintWriter(new StringWriter()));
    String t = text.toString();
    assertTrue(t.indexOf("1 new, 1 resolved") < t.indexOf("Users read"), "the text leads with what changed:\n" + t);
    assertTrue(t.contains("  NEW  "), t);
  }

  @Test
  void aBrokenBaselineIsRefusedNamingTheFile() throws Exception {
    Path truncated = file("truncated.json", JSON.writeValueAsString(plain).substring(0, 500));
    Out r = demo(Map.of(), "--baseline", truncated.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(truncated + ": line 1, column") && r.err().contains("truncated?"), r.err());
    ObjectNode old = plain.deepCopy();
    ((ObjectNode) org.wbaudit.report.ReportJson.perObject(old).get(0)).remove("id");
    Out noIds = demo(Map.of(), "--baseline", file("old.json", old).toString());
    assertEquals(2, noIds.code());
    assertTrue(noIds.err().contains("findings[0] has no id"), noIds.err());
    assertEquals(2, demo(Map.of(), "--baseline", dir.resolve("absent.json").toString()).code());
  }

  @Test
  void acceptedRisksAreKeptMarkedAndUncountedUntilTheyExpire() throws Exception {
    List<JsonNode> resets = new ArrayList<>();
    org.wbaudit.report.ReportJson.perObject(plain).forEach(f -> {
      if (f.get("rule").asText().equals("RESET_PASSWORD_NOT_GRANTED")) {
        resets.add(f);
      }
    });
    String future = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
    String past = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    String guid = resets.get(1).get("id").asText().substring(resets.get(1).get("id").asText().lastIndexOf(':') + 1);
    Map<String, Object> file = Map.of("exceptions", List.of(
        Map.of("rule", "RESET_PASSWORD_NOT_GRANTED", "object", resets.get(0).get("dn").asText(),
            "justification", "break-glass account, reset by hand", "owner", "iam-team", "expires", future),
        Map.of("rule", "RESET_PASSWORD_NOT_GRANTED", "object", guid,
            "justification", "service account", "owner", "iam-team", "expires", future),
        Map.of("rule", "RESET_PASSWORD_NOT_GRANTED", "object", resets.get(2).get("dn").asText(),
            "justification", "was temporary", "owner", "helpdesk", "expires", past)));
    Out r = demo(Map.of(), "--exceptions", file("exceptions.json", file).toString());
    JsonNode summary = r.report().get("summary");
    assertEquals(2, summary.get("findingsSuppressed").asLong());
    assertEquals(plain.get("summary").get("findingsByRule").get("RESET_PASSWORD_NOT_GRANTED").asLong() - 2,
        summary.get("findingsByRule").get("RESET_PASSWORD_NOT_GRANTED").asLong());
    Set<String> suppressed = new HashSet<>();
    boolean expiredReported = false;
    for (JsonNode f : org.wbaudit.report.ReportJson.perObject(r.report())) {
      if (f.has("suppressed")) {
        suppressed.add(f.get("dn").asText());
        assertEquals("iam-team", f.get("suppressed").get("owner").asText());
      }
      if (f.get("rule").asText().equals("EXCEPTION_EXPIRED")) {
        expiredReported = true;
        assertEquals(resets.get(2).get("dn").asText(), f.get("details").get("object").asText());
      }
    }
    assertEquals(Set.of(resets.get(0).get("dn").asText(), resets.get(1).get("dn").asText()), suppressed);
    assertTrue(expiredReported, "an expired acceptance is itself reported");
  }

  @Test
  void acceptingEveryHighFindingTurnsTheExitCodeGreen() throws Exception {
    List<Map<String, String>> all = new ArrayList<>();
    String future = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
    org.wbaudit.report.ReportJson.perObject(plain).forEach(f -> {
      if (f.get("severity").asText().equals("high")) {
        String id = f.get("id").asText();
        all.add(Map.of("rule", f.get("rule").asText(), "object", id.substring(id.indexOf('/') + 1),
            "justification", "lab", "owner", "test", "expires", future));
      }
    });
    assertEquals(1, demo(Map.of()).code());
    assertEquals(0, demo(Map.of(), "--exceptions", file("all.json", Map.of("exceptions", all)).toString()).code());
  }

  @Test
  void aBrokenExceptionsFileNamesTheEntryAndTheKey() throws Exception {
    String ok = "\"object\":\"x\",\"justification\":\"j\",\"owner\":\"o\"";
    Object[][] cases = {
        {"{\"exceptions\":[{\"rule\":\"NO_SUCH_RULE\"," + ok + ",\"expires\":\"2030-01-01\"}]}", "exceptions[0].rule: NO_SUCH_RULE is not a rule"},
        {"{\"exceptions\":[{\"rule\":\"ADMIN_COUNT_SET\"," + ok + ",\"expires\":\"soon\"}]}", "exceptions[0].expires: \"soon\" is not a date"},
        {"{\"exceptions\":[{\"rule\":\"ADMIN_COUNT_SET\",\"object\":\"x\",\"justification\":\"j\",\"expires\":\"2030-01-01\"}]}", "exceptions[0].owner: missing"},
        {"{\"exceptions\":[{\"rule\":\"ADMIN_COUNT_SET\"," + ok + ",\"expires\":\"2030-01-01\",\"until\":1}]}", "exceptions[0].until: unknown key"},
        {"[]", "must be a JSON object with an \"exceptions\" array"},
    };
    for (Object[] c : cases) {
      Out r = demo(Map.of(), "--exceptions", file("bad.json", c[0]).toString());
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains(c[1].toString()), c[1] + " not in: " + r.err());
    }
  }

  /** Objects arrive in any order when read over several connections: match them by GUID. */
  static Map<String, String> dnByGuid(JsonNode report) {
    Map<String, String> out = new java.util.HashMap<>();
    org.wbaudit.report.ReportJson.objects(report).forEach(o -> out.put(o.get("objectGuid").asText(), o.get("dn").asText()));
    return out;
  }

  @Test
  void redactedReportsNameNobodyAndStillCompare() throws Exception {
    Set<String> identities = new HashSet<>();
    for (JsonNode o : org.wbaudit.report.ReportJson.objects(plain)) {
      for (String k : List.of("dn", "userPrincipalName", "samAccountName")) {
        if (o.get(k).isTextual() && o.get(k).asText().length() > 3) {
          identities.add(o.get(k).asText().toLowerCase(Locale.ROOT));
        }
      }
    }
    for (JsonNode t : plain.get("principal").get("token")) {
      if (t.get("sid").asText().startsWith("S-1-5-21-")) {
        identities.add(t.get("name").asText().toLowerCase(Locale.ROOT));
      }
    }
    identities.add("pat.jones@corp.example.test");
    Out a = demo(Map.of("WBAUDIT_REDACT_KEY", KEY), "--redact");
    String text = JSON.writeValueAsString(a.report()).toLowerCase(Locale.ROOT);
    for (String id : identities) {
      // Whole names only: the built-in group "Administrators" (a protected group, kept by name)
      // is not the account "Administrator".
      assertFalse(java.util.regex.Pattern.compile("(?<![a-z0-9])" + java.util.regex.Pattern.quote(id)
          + "(?![a-z0-9])").matcher(text).find(), "the redacted report still names " + id);
    }
    assertTrue(org.wbaudit.report.ReportJson.objects(a.report()).get(0).get("dn").asText().startsWith("h:"));
    Out b = demo(Map.of("WBAUDIT_REDACT_KEY", KEY), "--redact",
        "--baseline", file("redacted.json", a.report()).toString());
    assertEquals(dnByGuid(a.report()), dnByGuid(b.report()), "the same key gives the same tokens");
    assertEquals(0, b.report().get("diff").get("added").asLong(), "redacted reports diff against each other");
    assertEquals(0, b.report().get("diff").get("resolved").size());
    Out other = demo(Map.of("WBAUDIT_REDACT_KEY", KEY + " but other"), "--redact");
    Map<String, String> x = dnByGuid(a.report());
    Map<String, String> y = dnByGuid(other.report());
    x.forEach((guid, dn) -> assertNotEquals(dn, y.get(guid), "another key, another token"));
    Out noKey = demo(Map.of(), "--redact");
    assertEquals(2, noKey.code());
    assertTrue(noKey.err().contains("set WBAUDIT_REDACT_KEY"), noKey.err());
  }
}
