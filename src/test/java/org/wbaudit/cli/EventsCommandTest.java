package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** wbaudit events over logs this test writes, as wevtutil XML and as Event Viewer CSV. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsCommandTest {
  /** id, source, ISO time, text: the same log written both ways. */
  static final String[][] LOG = {
      {"31001", "PasswordResetService", "2026-11-20T10:00:00Z", "TrackingId: 0f3c1a2b-0000-4000-8000-000000000001"},
      {"31001", "PasswordResetService", "2026-11-20T10:01:00Z", "TrackingId: 0f3c1a2b-0000-4000-8000-000000000002"},
      {"31002", "PasswordResetService", "2026-11-20T10:01:30Z", "TrackingId: 0f3c1a2b-0000-4000-8000-000000000002"},
      {"31003", "PasswordResetService", "2026-11-20T10:02:00Z", "TrackingId: 0f3c1a2b-0000-4000-8000-000000000001\nReset failed"},
      {"33004", "PasswordResetService", "2026-11-20T10:02:00Z", "Permissions, user CN=ann,OU=Sales"},
      {"33004", "PasswordResetService", "2026-11-21T08:00:00Z", "Permissions, user CN=bob,OU=Sales"},
      {"33008", "PasswordResetService", "2026-11-21T09:00:00Z", "Policy"},
      {"6329", "ADSync", "2026-11-21T09:00:01Z", "BAIL: MMS(4924) 0x80230619: \"A restriction prevents the password from being changed\""},
      {"6329", "ADSync", "2026-11-21T09:30:00Z", "MMS(3040): admaexport.cpp(2837): no policy control"},
      {"31009", "PasswordResetService", "2026-11-22T11:00:00Z", "TrackingId: 0f3c1a2b-0000-4000-8000-000000000009 admin reset, never finished"},
      {"31010", "PasswordResetService", "2026-11-22T12:00:00Z", "TrackingId: 0f3c1a2b-0000-4000-8000-000000000010 admin reset whose start is not in the log"},
      {"31999", "PasswordResetService", "2026-11-22T12:00:00Z", "an ID wbaudit does not know"},
      {"31001", "SomethingElse", "2026-11-22T12:00:00Z", "the same ID from another source"},
  };

  Path dir;

  static String xmlEvent(String[] e) {
    return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
        + "<Provider Name='" + e[1] + "'/><EventID Qualifiers='0'>" + e[0] + "</EventID><Level>2</Level>"
        + "<TimeCreated SystemTime='" + e[2].replace("Z", ".1234567Z") + "'/><Computer>aadc</Computer></System>"
        + "<EventData><Data>" + e[3].replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;")
        + "</Data></EventData></Event>\r\n";
  }

  static String csvRow(String[] e) {
    // Event Viewer writes local time as M/d/yyyy h:mm:ss AM/PM.
    java.time.LocalDateTime t = java.time.LocalDateTime.ofInstant(java.time.Instant.parse(e[2]), java.time.ZoneOffset.UTC);
    String when = t.format(java.time.format.DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", java.util.Locale.US));
    return "Error," + when + "," + e[1] + "," + e[0] + ",None,\"" + e[3].replace("\"", "\"\"") + "\"\r\n";
  }

  static String xml(String[][] log) {
    StringBuilder b = new StringBuilder();
    for (String[] e : log) {
      b.append(xmlEvent(e));
    }
    return b.toString();
  }

  static String csv(String[][] log) {
    StringBuilder b = new StringBuilder("Level,Date and Time,Source,Event ID,Task Category\r\n");
    for (String[] e : log) {
      b.append(csvRow(e));
    }
    return b.toString();
  }

  @BeforeAll
  void dir() throws Exception {
    dir = Files.createTempDirectory("wbaudit-events");
  }

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  static JsonNode event(JsonNode r, int id, String source) {
    for (JsonNode e : r.get("events")) {
      if (e.get("eventId").asInt() == id && e.get("source").asText().equals(source)) {
        return e;
      }
    }
    return null;
  }

  static JsonNode operation(JsonNode r, String name) {
    for (JsonNode o : r.get("operations")) {
      if (o.get("operation").asText().equals(name)) {
        return o;
      }
    }
    return null;
  }

  JsonNode triage(Path... files) throws Exception {
    List<String> args = new ArrayList<>(List.of("events", "--format", "json"));
    for (Path f : files) {
      args.add(f.toString());
    }
    Cli r = Cli.run("", args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void countsExplainsAndPairsTheWevtutilExport() throws Exception {
    JsonNode r = triage(write("app.xml", xml(LOG)));
    assertEquals(LOG.length, r.get("eventsRead").asInt());
    JsonNode perm = event(r, 33004, "PasswordResetService");
    assertEquals(2, perm.get("count").asInt());
    assertEquals("2026-11-20T10:02:00.123456700Z", perm.get("first").asText());
    assertEquals("2026-11-21T08:00:00.123456700Z", perm.get("last").asText());
    List<String> rules = new ArrayList<>();
    perm.get("rules").forEach(x -> rules.add(x.asText()));
    assertTrue(rules.containsAll(List.of("RESET_PASSWORD_NOT_GRANTED", "ADMIN_COUNT_SET")), rules.toString());
    assertTrue(perm.get("explanation").asText().contains("sync (ADMA) account"));
    assertEquals("PASSWORD_POLICY_BLOCKS_RESET", event(r, 33008, "PasswordResetService").get("rules").get(0).asText());
    // Unknown IDs, and a known ID from another source, are counted, not dropped.
    assertFalse(event(r, 31999, "PasswordResetService").get("known").asBoolean());
    assertEquals(1, event(r, 31999, "PasswordResetService").get("count").asInt());
    assertFalse(event(r, 31001, "SomethingElse").get("known").asBoolean());
    // Starts paired with outcomes by tracking ID: one success, one failure, in either order.
    JsonNode reset = operation(r, "reset");
    assertEquals(2, reset.get("started").asInt());
    assertEquals(1, reset.get("succeeded").asInt());
    assertEquals(1, reset.get("failed").asInt());
    assertEquals(0, reset.get("unfinished").asInt());
    JsonNode admin = operation(r, "adminReset");
    assertEquals(1, admin.get("unfinished").asInt());
    assertEquals(1, admin.get("withoutStart").asInt());
    // Codes inside 6329 texts name the cause and the audit rule.
    List<String> codes = new ArrayList<>();
    r.get("codes").forEach(c -> codes.add(c.get("match").asText() + "=" + c.get("rules").get(0).asText()));
    assertTrue(codes.containsAll(List.of("0x80230619=PASSWORD_POLICY_BLOCKS_RESET",
        "MMS(3040)=POLICY_HINTS_CONTROL_MISSING")), codes.toString());
    assertTrue(r.get("complete").asBoolean());
  }

  @Test
  void theCsvExportGivesTheSameTriage() throws Exception {
    JsonNode x = triage(write("same.xml", xml(LOG)));
    JsonNode c = triage(write("same.csv", csv(LOG)));
    assertEquals(x.get("eventsRead"), c.get("eventsRead"));
    assertEquals(x.get("operations"), c.get("operations"));
    assertEquals(x.get("codes"), c.get("codes"));
    for (JsonNode e : x.get("events")) {
      JsonNode same = event(c, e.get("eventId").asInt(), e.get("source").asText());
      assertEquals(e.get("count"), same.get("count"), e.toString());
      assertEquals(e.get("rules"), same.get("rules"));
    }
  }

  @Test
  void aTruncatedXmlExportIsReadUpToTheBreakAndSaysWhere() throws Exception {
    String full = xml(LOG);
    int third = full.indexOf("<Event xmlns", full.indexOf("<Event xmlns", full.indexOf("<Event xmlns") + 1) + 1);
    int cut = third + 60; // inside the third event
    Path p = write("cut.xml", full.substring(0, cut));
    Cli r = Cli.run("", "events", "--format", "json", p.toString());
    assertEquals(5, r.exitCode());
    assertTrue(r.err().contains(p + ": line 3, column") && r.err().contains("after record 2"), "stderr: " + r.err());
    assertFalse(r.err().contains("ParseError"), "the parser's own prefix is left out: " + r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(2, j.get("eventsRead").asInt());
    assertFalse(j.get("complete").asBoolean());
  }

  @Test
  void badCsvRecordsAreNamedByLineAndTheOthersCounted() throws Exception {
    String text = csv(LOG).replace(",33008,", ",33OO8,");
    Path p = write("bad.csv", text);
    Cli r = Cli.run("", "events", p.toString());
    assertEquals(5, r.exitCode());
    // The bad record's line, counted from the text written, not from what the reader says: the
    // header is line 1 and the fourth record's message holds a line break inside its quotes, so
    // the seventh record (33008) starts on line 9, as an editor shows it.
    String before = text.substring(0, text.indexOf("33OO8"));
    int line = 1 + (int) before.chars().filter(ch -> ch == '\n').count();
    assertEquals(9, line, "the fixture puts the bad record on line 9");
    assertTrue(r.err().contains("event ID \"33OO8\" is not a number"), r.err());
    assertTrue(r.err().contains(p + ": line 9: "), "the bad record is named by its line, 9: " + r.err());
    assertTrue(r.out().contains("Events read: " + (LOG.length - 1)), r.out());
    Cli notCsv = Cli.run("", "events", write("notes.txt", "just some notes\n").toString());
    assertEquals(5, notCsv.exitCode());
    assertTrue(notCsv.err().contains("not an Event Viewer CSV export"), notCsv.err());
    Cli missing = Cli.run("", "events", dir.resolve("absent.xml").toString());
    assertEquals(2, missing.exitCode());
  }

  @Test
  void externalEntitiesAreNeverRead() throws Exception {
    Path secret = write("secret.txt", "TOP-SECRET-CONTENT");
    String evil = "<!DOCTYPE Event [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
        + xmlEvent(LOG[0]).replace("TrackingId", "&x; TrackingId");
    Cli r = Cli.run("", "events", "--format", "json", write("evil.xml", evil).toString());
    assertFalse(r.out().contains("TOP-SECRET-CONTENT"));
    assertEquals(5, r.exitCode(), r.err());
  }

  @Test
  void theTextViewExplainsEachId() throws Exception {
    Cli r = Cli.run("", "events", write("t.xml", xml(LOG)).toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("33004 PasswordResetService"), r.out());
    assertTrue(r.out().contains("confirm with the audit: RESET_PASSWORD_NOT_GRANTED"), r.out());
    assertTrue(r.out().contains("reset        started 2, succeeded 1, failed 1"), r.out());
  }
}
