package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The demo's JSON report, held equal to a recorded one: a refactoring that changes what the
 * audit says fails here. Only what differs from run to run is set aside: times, durations, the
 * embedded directory's port, and the order in which parallel reads deliver users.
 *
 * <p>To record it anew after a deliberate change of behaviour: {@code WBAUDIT_GOLDEN=record mvn
 * test -Dtest=DemoGoldenTest}, and say why in the commit.
 */
class DemoGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/demo-report.json");
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  @Test
  void theDemoReportIsTheRecordedOne() throws Exception {
    Cli r = Cli.run("", "demo", "--format", "json", "--fail-on", "critical");
    assertEquals(0, r.exitCode(), r.err());
    String actual = JSON.writeValueAsString(normalise(JSON.readTree(r.out())));
    if ("record".equals(System.getenv("WBAUDIT_GOLDEN"))) {
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), actual);
  }

  /** Keys sorted, run-dependent values masked, arrays of objects in a canonical order. */
  static JsonNode normalise(JsonNode n) throws Exception {
    if (n.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      var fields = n.fields();
      while (fields.hasNext()) {
        var e = fields.next();
        String k = e.getKey();
        boolean varies = k.endsWith("At") || k.equals("durationMillis") || k.equals("examples");
        sorted.put(k, varies ? TextNode.valueOf("*") : normalise(e.getValue()));
      }
      ObjectNode o = JSON.createObjectNode();
      sorted.forEach(o::set);
      return o;
    }
    if (n.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      for (JsonNode item : n) {
        items.add(normalise(item));
      }
      if (!items.isEmpty() && items.get(0).isObject()) {
        items.sort(Comparator.comparing(JsonNode::toString));
      }
      ArrayNode a = JSON.createArrayNode();
      items.forEach(a::add);
      return a;
    }
    if (n.isTextual()) {
      return TextNode.valueOf(n.asText().replaceAll("(ldaps?://127\\.0\\.0\\.1):\\d+", "$1:PORT"));
    }
    return n;
  }
}
