package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.wbaudit.report.ReportJson;

/**
 * The demo's report, per writeback operation: every user in scope has a verdict for each, the
 * summary adds them up, and a duplicate anchor held by two enabled users (known only when the run
 * ends) stops each of them, in its objects and in the counts.
 */
class OperationsDemoTest {
  static final List<String> OPERATIONS = List.of("selfServiceReset", "adminReset", "change", "unlock");

  @Test
  void eachUserHasAVerdictPerOperationAndTheSummaryAddsThemUp() throws Exception {
    Cli r = Cli.run("", "demo", "--format", "json", "--fail-on", "critical");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    JsonNode readiness = report.get("summary").get("readiness");
    long[] ready = new long[4];
    long[] notReady = new long[4];
    long[] unknown = new long[4];
    for (JsonNode o : ReportJson.objects(report)) {
      if (!o.get("inScope").asBoolean(false)) {
        assertTrue(o.get("operations").isNull(), o.toString());
        continue;
      }
      JsonNode ops = o.get("operations");
      assertEquals(OPERATIONS, fieldNames(ops));
      assertEquals(o.get("ready"), ops.get("selfServiceReset").get("ready"), "top-level is the self-service reset's");
      assertEquals(o.get("blockers"), ops.get("selfServiceReset").get("blockers"));
      for (int i = 0; i < 4; i++) {
        JsonNode v = ops.get(OPERATIONS.get(i)).get("ready");
        if (v.isNull()) {
          unknown[i]++;
        } else if (v.asBoolean()) {
          ready[i]++;
        } else {
          notReady[i]++;
        }
      }
    }
    for (int i = 0; i < 4; i++) {
      JsonNode c = readiness.get("operations").get(OPERATIONS.get(i));
      assertEquals(ready[i], c.get("ready").asLong(), OPERATIONS.get(i));
      assertEquals(notReady[i], c.get("notReady").asLong(), OPERATIONS.get(i));
      assertEquals(unknown[i], c.get("unknown").asLong(), OPERATIONS.get(i));
    }
    assertEquals(ready[0], readiness.get("ready").asLong());
    assertEquals(notReady[0], readiness.get("notReady").asLong());
    long causes = 0;
    for (JsonNode c : readiness.get("causes")) {
      causes += c.get("users").asLong();
    }
    assertEquals(notReady[0] + unknown[0], causes, "every user not ready has one cause");
    // The DC without the policy-hints control stops every password operation, not an unlock.
    for (String op : List.of("selfServiceReset", "adminReset", "change")) {
      assertTrue(readiness.get("operations").get(op).get("everyone").toString().contains("POLICY_HINTS_CONTROL_MISSING"), op);
    }
    assertEquals("[]", readiness.get("operations").get("unlock").get("everyone").toString());
  }

  @Test
  void aDuplicateAnchorHeldByTwoEnabledUsersStopsEachOfThem() throws Exception {
    Cli r = Cli.run("", "demo", "--format", "json", "--fail-on", "critical");
    JsonNode report = new ObjectMapper().readTree(r.out());
    Set<String> enabledHolders = new TreeSet<>();
    for (JsonNode f : report.get("findings")) {
      if (f.get("rule").asText().equals("DUPLICATE_ANCHOR") && f.get("severity").asText().equals("high")) {
        for (JsonNode h : f.get("details").get("objects")) {
          if (h.get("enabled").asBoolean()) {
            enabledHolders.add(h.get("dn").asText().toLowerCase());
          }
        }
      }
    }
    assertTrue(!enabledHolders.isEmpty(), "the demo plants duplicates with two enabled holders");
    Set<String> stopped = new TreeSet<>();
    for (JsonNode o : ReportJson.objects(report)) {
      boolean blocked = o.get("blockers").toString().contains("DUPLICATE_ANCHOR");
      if (blocked) {
        stopped.add(o.get("dn").asText().toLowerCase());
        assertEquals(false, o.get("ready").asBoolean(true), o.toString());
        for (String op : OPERATIONS) {
          JsonNode v = o.get("operations").get(op);
          assertEquals(false, v.get("ready").asBoolean(true), op + " " + o);
          assertTrue(v.get("blockers").toString().contains("DUPLICATE_ANCHOR"), op + " " + o);
        }
      }
    }
    Set<String> inScopeHolders = new TreeSet<>();
    for (JsonNode o : ReportJson.objects(report)) {
      if (o.get("inScope").asBoolean(false) && enabledHolders.contains(o.get("dn").asText().toLowerCase())) {
        inScopeHolders.add(o.get("dn").asText().toLowerCase());
      }
    }
    assertEquals(inScopeHolders, stopped, "exactly the enabled holders in scope");
    assertTrue(stopped.contains("cn=sales-deep,ou=deep,ou=region,ou=sales,dc=corp,dc=example,dc=test"), stopped.toString());
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
