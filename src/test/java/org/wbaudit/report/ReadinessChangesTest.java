package org.wbaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What wbaudit watch writes between two reports: a line per user whose readiness changed. */
class ReadinessChangesTest {
  static Map<String, ReadinessChanges.User> read(String objects) throws Exception {
    String report = "{\"schemaVersion\":\"2.2\",\"tool\":{},\"objects\":[" + objects + "],\"findings\":[]}";
    return ReadinessChanges.read(new ByteArrayInputStream(report.getBytes(StandardCharsets.UTF_8)));
  }

  static String user(String guid, String dn, Object inScope, Object ready, String... blockers) {
    return "{\"forest\":\"corp\",\"dn\":\"" + dn + "\",\"objectGuid\":\"" + guid + "\",\"inScope\":" + inScope
        + ",\"ready\":" + ready + ",\"blockers\":[" + String.join(",", List.of(blockers).stream()
            .map(b -> "\"" + b + "\"").toList()) + "],\"operations\":{\"x\":{\"ready\":true}}}";
  }

  @Test
  void eachChangeIsOneLineAndNothingElse() throws Exception {
    var before = read(String.join(",", user("g1", "CN=a", true, true), user("g2", "CN=b", true, false, "X_Y"),
        user("g3", "CN=c", false, null), user("g4", "CN=d", true, true), user("g5", "CN=e", null, null)));
    var after = read(String.join(",", user("g1", "CN=a", true, false, "RESET_PASSWORD_NOT_GRANTED"),
        user("g2", "CN=b,OU=moved", true, false, "OTHER_RULE"), user("g3", "CN=c", true, true),
        user("g6", "CN=f", true, true), user("g5", "CN=e", null, null)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int n = ReadinessChanges.write(before, after, "run-1", Instant.EPOCH, out);
    List<JsonNode> lines = new ArrayList<>();
    for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(new ObjectMapper().readTree(l));
    }
    assertEquals(4, n);
    assertEquals(List.of("g1 ready>not-ready", "g3 out-of-scope>ready", "g4 ready>absent", "g6 absent>ready"),
        lines.stream().map(l -> l.get("key").asText() + " " + l.get("before").asText() + ">"
            + l.get("after").asText()).toList());
    assertEquals("RESET_PASSWORD_NOT_GRANTED", lines.get(0).get("blockers").get(0).asText());
    assertEquals("CN=d", lines.get(2).get("object").asText(), "a user gone is named by its last DN");
    assertEquals("", ReportSchema.eventViolations(lines));
  }
}
