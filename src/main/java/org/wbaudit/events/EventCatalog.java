package org.wbaudit.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The password writeback events wbaudit recognises, as data (rules/events.json): per event ID
 * and source what it means, what to do, which operation it starts or ends, and the audit rules
 * that can confirm its cause; and codes inside event texts (HRESULTs, MMS messages).
 */
public final class EventCatalog {
  /** One known event. */
  public record Entry(int id, String source, String name, String kind, String operation,
      String explanation, String remedy, List<String> rules) {}

  /** A code recognised inside an event's text. */
  public record Code(String match, String explanation, List<String> rules) {}

  private final Map<String, Entry> entries;
  private final List<Code> codes;

  private EventCatalog(Map<String, Entry> entries, List<Code> codes) {
    this.entries = entries;
    this.codes = codes;
  }

  public static EventCatalog builtIn() {
    try (InputStream in = EventCatalog.class.getResourceAsStream("/rules/events.json")) {
      if (in == null) {
        throw new IllegalStateException("rules/events.json is missing from the build");
      }
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, Entry> entries = new LinkedHashMap<>();
      for (JsonNode e : root.get("events")) {
        List<String> rules = new ArrayList<>();
        e.get("rules").forEach(r -> rules.add(r.asText()));
        Entry entry = new Entry(e.get("id").asInt(), e.get("source").asText(), e.get("name").asText(),
            e.get("kind").asText(), e.get("operation").isNull() ? null : e.get("operation").asText(),
            e.get("explanation").asText(), e.get("remedy").asText(), List.copyOf(rules));
        entries.put(key(entry.id(), entry.source()), entry);
      }
      List<Code> codes = new ArrayList<>();
      for (JsonNode c : root.get("codes")) {
        List<String> rules = new ArrayList<>();
        c.get("rules").forEach(r -> rules.add(r.asText()));
        codes.add(new Code(c.get("match").asText(), c.get("explanation").asText(), List.copyOf(rules)));
      }
      return new EventCatalog(entries, List.copyOf(codes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rules/events.json", e);
    }
  }

  /** The entry for this ID and source; null when wbaudit does not know it. */
  public Entry find(int id, String source) {
    return entries.get(key(id, source));
  }

  public List<Entry> all() {
    return List.copyOf(entries.values());
  }

  /** The codes whose text appears in {@code message}, compared without case. */
  public List<Code> codesIn(String message) {
    List<Code> out = new ArrayList<>();
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    for (Code c : codes) {
      if (m.contains(c.match().toLowerCase(Locale.ROOT))) {
        out.add(c);
      }
    }
    return out;
  }

  private static String key(int id, String source) {
    return id + "|" + (source == null ? "" : source.toLowerCase(Locale.ROOT));
  }
}
