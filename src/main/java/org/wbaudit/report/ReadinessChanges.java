package org.wbaudit.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Each user's readiness in a kept report, and the changes between two of them as the events
 * schema's {@code readiness} lines: what {@code wbaudit watch} writes after each run. A user's
 * readiness is one of {@link #STATES}; a user new to the report was {@code absent}, one gone
 * from it is {@code absent} after.
 */
public final class ReadinessChanges {
  private ReadinessChanges() {}

  /** The readiness a user can have in a report, and "absent" when not in it. */
  public static final List<String> STATES = List.of("ready", "not-ready", "unknown", "out-of-scope", "absent");

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(4 << 20).build()).build();
  private static final ObjectMapper JSON = new ObjectMapper(FACTORY);

  /** One user as a report states it: enough to say it, and its readiness. */
  public record User(String forest, String dn, String state, List<String> blockers) {}

  /** Every user of a JSON report, by forest and GUID (DN where it has none), streamed. */
  public static Map<String, User> read(InputStream json) throws IOException {
    Map<String, User> users = new HashMap<>();
    try (JsonParser p = FACTORY.createParser(json)) {
      p.setCodec(JSON);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a wbaudit JSON report");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (!"objects".equals(field) || t != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          JsonNode o = p.readValueAsTree();
          String forest = o.path("forest").asText("");
          String id = o.hasNonNull("objectGuid") ? o.get("objectGuid").asText() : o.path("dn").asText();
          List<String> blockers = new ArrayList<>();
          o.path("blockers").forEach(b -> blockers.add(b.asText()));
          users.put(forest + "/" + id, new User(forest, o.path("dn").asText(), state(o), blockers));
        }
      }
    }
    return users;
  }

  private static String state(JsonNode o) {
    JsonNode in = o.path("inScope");
    if (in.isBoolean() && !in.asBoolean()) {
      return "out-of-scope";
    }
    JsonNode ready = o.path("ready");
    return !ready.isBoolean() ? "unknown" : ready.asBoolean() ? "ready" : "not-ready";
  }

  /**
   * Writes one {@code readiness} line per user whose readiness differs between {@code before}
   * and {@code after}, in a fixed order (forest, then key).
   *
   * @return how many lines
   */
  public static int write(Map<String, User> before, Map<String, User> after, String runId, Instant time,
      OutputStream out) throws IOException {
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    int n = 0;
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      g.setRootValueSeparator(null); // one object a line: the line feed separates them
      for (String k : keys) {
        User was = before.get(k);
        User now = after.get(k);
        String from = was == null ? "absent" : was.state();
        String to = now == null ? "absent" : now.state();
        if (from.equals(to)) {
          continue;
        }
        User u = now != null ? now : was;
        g.writeStartObject();
        g.writeStringField("type", "readiness");
        g.writeStringField("runId", runId);
        g.writeStringField("time", time.toString());
        g.writeStringField("forest", u.forest());
        g.writeStringField("object", u.dn());
        g.writeStringField("key", k.substring(k.indexOf('/') + 1));
        g.writeStringField("before", from);
        g.writeStringField("after", to);
        g.writeArrayFieldStart("blockers");
        for (String b : now == null ? List.<String>of() : now.blockers()) {
          g.writeString(b);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        n++;
      }
    }
    return n;
  }
}
