package org.wbaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code audit --history --incremental} on a Samba DC of its own: round after round of random
 * changes (incremental.py), the incremental report must equal, user for user and finding for
 * finding (ids included), the report of a full read made at the same moment with the same
 * baseline (a second history that only ever reads in full). Then what must make a run read in
 * full does: an account that cannot see deletions, a state whose report was edited or whose
 * users file is cut short.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalTest {
  static final String REALM = "INC.EXAMPLE.TEST";
  static final String SYNC_PASSWORD = "Inc!Sync0Passw0rd";
  static final int USERS = 2000;
  static final int ROUNDS = 6;
  static final int CHANGES = 20;
  /** Fields a full and an incremental run may differ in: times, USNs, how users were read, the name of the baseline run (each history has its own). */
  static final Set<String> VOLATILE = Set.of("startedAt", "finishedAt", "durationMillis",
      "highestCommittedUsnBefore", "highestCommittedUsnAfter", "userRead", "baseline", "baselineStartedAt");

  SambaDc dc;
  JsonNode fixture;
  Path adminPw;
  Path syncPw;
  Path work;

  @BeforeAll
  void plant() throws Exception {
    dc = SambaDc.start("INC", REALM);
    String out = dc.python("samba/incremental.py", "setup", Integer.toString(USERS), SYNC_PASSWORD);
    fixture = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    work = Files.createTempDirectory("wbaudit-incremental");
    adminPw = work.resolve("admin.pw");
    Files.writeString(adminPw, SambaDc.ADMIN_PASSWORD + "\n");
    syncPw = work.resolve("sync.pw");
    Files.writeString(syncPw, SYNC_PASSWORD + "\n");
  }

  @AfterAll
  void stop() {
    if (dc != null) {
      dc.stop();
    }
    if (work != null) {
      SambaDc.deleteTree(work);
    }
  }

  /** An audit bound as Administrator on behalf of the sync account, the scope its group. */
  Run audit(String... more) {
    List<String> args = new ArrayList<>(List.of("--url", dc.ldapsUrl(), "--bind-dn",
        "Administrator@" + REALM.toLowerCase(), "--password-file", adminPw.toString(), "--trust-store",
        dc.caFile.toString(), "--principal", "svc-inc", "--scope-group", fixture.get("scopeGroup").asText(),
        "--format", "json"));
    args.addAll(List.of(more));
    Run r = Run.audit(args.toArray(String[]::new));
    assertNotNull(r.report(), r.err());
    assertEquals("", org.wbaudit.report.ReportSchema.violations(r.report()));
    return r;
  }

  static JsonNode userRead(Run r) {
    return r.report().get("forests").get(0).path("userRead");
  }

  @Test
  @Order(1)
  void everyRoundTheIncrementalReportEqualsAFullOne() {
    Path incremental = work.resolve("incremental");
    Path full = work.resolve("full");
    Run first = audit("--history", incremental.toString(), "--incremental");
    assertEquals("full", userRead(first).get("mode").asText());
    assertTrue(userRead(first).get("reason").asText().contains("no earlier --incremental run"),
        userRead(first).toString());
    audit("--history", full.toString());
    int incrementalRounds = 0;
    for (int round = 1; round <= ROUNDS; round++) {
      String changes = dc.python("samba/incremental.py", "change", Integer.toString(1000 + round),
          Integer.toString(CHANGES));
      Run inc = audit("--history", incremental.toString(), "--incremental");
      Run ref = audit("--history", full.toString());
      assertTrue(ref.report().get("forests").get(0).path("userRead").isMissingNode(),
          "a run without --incremental says nothing of how it read");
      String mode = userRead(inc).get("mode").asText();
      if (mode.equals("incremental")) {
        incrementalRounds++;
      } else {
        // The only change that may force a full read here: a PSO created (incremental.py).
        assertTrue(changes.contains("PSO IncPso created"), "round " + round + " read in full: "
            + userRead(inc) + "\nchanges: " + changes);
        assertTrue(userRead(inc).get("reason").asText().contains("password settings object changed"));
      }
      List<String> differences = new ArrayList<>();
      diff("", canonical(ref.report()), canonical(inc.report()), differences);
      assertTrue(inc.report().get("forests").get(0).get("summary").get("complete").asBoolean(),
          "round " + round + ": " + inc.err());
      assertEquals(List.of(), differences.subList(0, Math.min(20, differences.size())),
          "round " + round + " (" + mode + "): the incremental report differs from the full one"
              + " after these changes: " + changes);
      assertEquals(ref.exitCode(), inc.exitCode(), "round " + round);
    }
    assertTrue(incrementalRounds >= ROUNDS - 1, "only " + incrementalRounds + " rounds were incremental");
  }

  /**
   * One read connection, the domain's 2,000 users in one paged search while the audit looks up
   * ancestors and groups: Samba drops a paged search whose connection served other requests
   * between pages ("unwilling to perform" after 1,000 users), so lookups have their own.
   */
  @Test
  @Order(2)
  void oneReadConnectionReadsEveryUserOfALargeDomain() {
    Run r = audit("--read-connections", "1");
    JsonNode summary = r.report().get("forests").get(0).get("summary");
    assertTrue(summary.get("complete").asBoolean(), summary.get("missing").toString());
    assertTrue(summary.get("usersRead").asLong() >= USERS, summary.get("usersRead").toString());
  }

  @Test
  @Order(2)
  void anAccountThatCannotSeeDeletionsReadsInFull() {
    Path history = work.resolve("as-sync");
    List<String> asSync = List.of("--url", dc.ldapsUrl(), "--bind-dn", "svc-inc@" + REALM.toLowerCase(),
        "--password-file", syncPw.toString(), "--trust-store", dc.caFile.toString(), "--format", "json",
        "--history", history.toString(), "--incremental");
    Run.audit(asSync.toArray(String[]::new));
    Run second = Run.audit(asSync.toArray(String[]::new));
    assertNotNull(second.report(), second.err());
    assertEquals("full", userRead(second).get("mode").asText(), userRead(second).toString());
    String reason = userRead(second).get("reason").asText();
    assertTrue(reason.contains("deleted users cannot be seen") || reason.contains("password settings"),
        reason);
  }

  @Test
  @Order(3)
  void aStateIsTrustedOnlyWithItsOwnReport() throws IOException {
    Path history = work.resolve("tamper");
    audit("--history", history.toString(), "--incremental");
    assertEquals("incremental", userRead(audit("--history", history.toString(), "--incremental"))
        .get("mode").asText());

    // The kept report edited (a byte appended): the state that names it is not used.
    Path report = latest(history, "run-", "-complete.json.gz");
    Files.write(report, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
    Run edited = audit("--history", history.toString(), "--incremental");
    assertEquals("full", userRead(edited).get("mode").asText());
    assertTrue(userRead(edited).get("reason").asText().contains("changed since its users were kept"),
        userRead(edited).toString());

    // The users file cut short: refused before any user of it is used.
    Path users = latest(history, "users-", ".bin");
    try (RandomAccessFile f = new RandomAccessFile(users.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    Run cut = audit("--history", history.toString(), "--incremental");
    assertEquals("full", userRead(cut).get("mode").asText());
    assertTrue(userRead(cut).get("reason").asText().contains("cannot be read"), userRead(cut).toString());

    // Every file wbaudit keeps there is private, and no part is left behind.
    try (Stream<Path> files = Files.list(history)) {
      for (Path p : files.toList()) {
        assertTrue(!p.getFileName().toString().endsWith(".part"), p.toString());
        if (Files.isRegularFile(p)) {
          assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(p)), p.toString());
        }
      }
    }
    // The next run starts from the state the full one kept.
    assertEquals("incremental", userRead(audit("--history", history.toString(), "--incremental"))
        .get("mode").asText());
  }

  @Test
  @Order(4)
  void incrementalNeedsAHistory() {
    Run r = Run.wbaudit(Map.of(), "audit", "--url", dc.ldapsUrl(), "--incremental");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--incremental needs --history"), r.err());
  }

  static Path latest(Path dir, String prefix, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith(prefix)
              && p.getFileName().toString().endsWith(suffix))
          .max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
    }
  }

  /**
   * The report with what may differ removed, users keyed by GUID, findings by id (an id twice
   * is kept twice, so a collision shows), other arrays in a fixed order.
   */
  static JsonNode canonical(JsonNode n) {
    if (n.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!VOLATILE.contains(e.getKey())) {
          sorted.put(e.getKey(), canonical(e.getValue()));
        }
      }
      sorted.forEach(out::set);
      return out;
    }
    if (n.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      n.forEach(x -> items.add(canonical(x)));
      boolean byGuid = !items.isEmpty() && items.stream().allMatch(x -> x.has("objectGuid") && x.has("dn"));
      boolean byId = !items.isEmpty() && items.stream().allMatch(x -> x.has("id") && x.has("rule"));
      if (byGuid || byId) {
        ObjectNode keyed = JsonNodeFactory.instance.objectNode();
        Set<String> seen = new HashSet<>();
        for (JsonNode x : items) {
          String k = x.get(byGuid ? "objectGuid" : "id").asText();
          keyed.set(seen.add(k) ? k : k + " (again)", x);
        }
        return canonical(keyed);
      }
      items.sort(Comparator.comparing(JsonNode::toString));
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      items.forEach(out::add);
      return out;
    }
    return n;
  }

  /** Where two canonical reports differ, as paths: "full" is the reference. */
  static void diff(String path, JsonNode full, JsonNode inc, List<String> out) {
    if (full.isObject() && inc.isObject()) {
      Set<String> keys = new java.util.TreeSet<>();
      full.fieldNames().forEachRemaining(keys::add);
      inc.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        if (!full.has(k) || !inc.has(k)) {
          out.add(path + "/" + k + " only in the " + (full.has(k) ? "full" : "incremental") + " report");
        } else {
          diff(path + "/" + k, full.get(k), inc.get(k), out);
        }
      }
    } else if (!full.equals(inc)) {
      out.add(path + ": " + abbreviate(full) + " (full) vs " + abbreviate(inc) + " (incremental)");
    }
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
