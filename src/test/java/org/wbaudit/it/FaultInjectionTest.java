package org.wbaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A DC that stalls, lags or resets the connection part-way, through a TCP proxy, on a tree of
 * 60 OUs: the run gives up within --timeout (the default, 120 s, plus a few seconds) however
 * many reads were left, a reset is noticed at once, a slow DC is only slow; each with its exit
 * code, complete=false and the missing parts named, and one line on standard error.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionTest {
  static final String PASSWORD = "Fault!Passw0rd1";
  static final int DEFAULT_TIMEOUT_SECONDS = 120;
  SambaDc dc;
  Path adminPw;

  @BeforeAll
  void fill() throws Exception {
    dc = SambaDc.start("FAULT", "FAULT.EXAMPLE.TEST");
    assertEquals("600", dc.python("samba/many-containers.py", "60", "10", PASSWORD).strip()
        .lines().reduce((a, b) -> b).orElseThrow());
    adminPw = Files.createTempFile("wbaudit-admin", ".pw");
    Files.writeString(adminPw, SambaDc.ADMIN_PASSWORD);
  }

  @AfterAll
  void stop() {
    if (dc != null) {
      dc.stop();
    }
  }

  String[] args(FaultProxy proxy, String... extra) {
    List<String> a = new ArrayList<>(List.of("--url", "ldaps://127.0.0.1:" + proxy.port(), "--bind-dn",
        "Administrator@fault.example.test", "--password-file", adminPw.toString(), "--trust-store",
        dc.caFile.toString(), "--format", "json", "--fail-on", "critical", "--page-size", "50",
        "--read-connections", "1"));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  static void assertIncomplete(Run r, String missingContains) {
    assertEquals(4, r.exitCode(), r.err());
    assertNotNull(r.report(), "the report is written: " + r.err());
    JsonNode summary = r.report().get("summary");
    assertFalse(summary.get("complete").asBoolean());
    assertTrue(summary.get("missing").toString().contains(missingContains), summary.get("missing").toString());
    String err = r.err().strip();
    assertTrue(err.startsWith("wbaudit: ") && err.contains("incomplete"), err);
    assertEquals(1, err.lines().count(), "one line on standard error: " + err);
  }

  @Test
  void aStalledDcIsGivenUpOnWithinTheDefaultTimeout() throws Exception {
    try (FaultProxy proxy = new FaultProxy(dc.ip, 636)) {
      // Past the bind and the forest's checks, into the users: then the DC goes silent.
      proxy.fault(FaultProxy.Mode.STALL, 400_000);
      long start = System.nanoTime();
      Run r = Run.audit(args(proxy));
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertIncomplete(r, "did not answer");
      assertTrue(seconds <= DEFAULT_TIMEOUT_SECONDS + 15, "gave up after " + seconds + " s");
      assertTrue(r.report().get("summary").get("usersRead").asLong() < 600, "it stopped part-way");
    }
  }

  @Test
  void aResetInTheMiddleOfAPageIsAFailureAtOnce() throws Exception {
    try (FaultProxy proxy = new FaultProxy(dc.ip, 636)) {
      proxy.fault(FaultProxy.Mode.RESET, 400_000);
      long start = System.nanoTime();
      Run r = Run.audit(args(proxy));
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertIncomplete(r, "users after the first");
      assertTrue(seconds < 30, "noticed after " + seconds + " s");
    }
  }

  @Test
  void aSlowDcIsOnlySlow() throws Exception {
    try (FaultProxy proxy = new FaultProxy(dc.ip, 636)) {
      proxy.delay(2);
      Run r = Run.audit(args(proxy));
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.report().get("summary").get("complete").asBoolean());
      assertEquals(r.report().get("summary").get("usersRead").asLong(), org.wbaudit.report.ReportJson.objects(r.report()).size());
    }
  }
}
