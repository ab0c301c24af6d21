package org.wbaudit.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import org.wbaudit.audit.Baseline;

/**
 * Reads an earlier JSON report back as a baseline: the inverse of {@link JsonReportWriter}'s
 * findings, kept beside it so that the two change together.
 *
 * <p>The report is streamed, never built as a tree: once for the findings' ids (kept as
 * digests), and again, at the end of the run, for the findings it resolved. Memory stays flat
 * whatever the report's size.
 */
public final class BaselineReader {
  /** Opens the report afresh; called once per pass. */
  public interface Opener {
    InputStream open() throws IOException;
  }

  /**
   * No string in a report comes near this (a descriptor's SDDL is at most a few hundred
   * thousand characters); a longer one is a hostile or broken file, refused before it fills the
   * heap.
   */
  public static final int MAX_STRING = 4 << 20;

  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING)
          .maxNestingDepth(64).build())
      .build());

  private BaselineReader() {}

  /** A parser for kept reports, with the limits above. */
  public static JsonParser parser(InputStream in) throws IOException {
    return JSON.getFactory().createParser(in);
  }

  /**
   * @param name the report's file name, as the diff names it
   * @throws IOException when the report cannot be read or is not JSON
   * @throws IllegalArgumentException saying what is wrong with the report
   */
  public static Baseline read(Opener opener, String name) throws IOException {
    long[][] ids = {new long[1024]};
    int[] n = {0};
    String[] head = new String[2]; // schemaVersion, startedAt
    boolean found = pass(opener, head, f -> {
      if (n[0] == ids[0].length) {
        ids[0] = java.util.Arrays.copyOf(ids[0], n[0] * 2);
      }
      ids[0][n[0]++] = Baseline.digest(f.id());
    });
    if (!found) {
      throw new IllegalArgumentException("not a wbaudit JSON report (no findings array)");
    }
    // Ids are compared across reports whose findings' ids mean the same: 1.x (one finding per
    // object) and 2.x (findings about several objects list each object's id) do.
    String version = head[0] == null ? "" : head[0];
    if (!version.startsWith("1.") && !version.startsWith("2.")) {
      throw new IllegalArgumentException(version.isEmpty()
          ? "the report has no schemaVersion: make the baseline with this version of wbaudit"
          : "the report is of schema " + version + ", this wbaudit writes " + JsonReportWriter.SCHEMA_VERSION
              + ": make the baseline with this version");
    }
    return new Baseline(name, head[1], java.util.Arrays.copyOf(ids[0], n[0]), (wanted, each) -> {
      try {
        entries(opener, wanted, each);
      } catch (IOException | IllegalArgumentException e) {
        throw new Baseline.Unreadable("the baseline " + name + " could no longer be read: "
            + e.getMessage(), e);
      }
    });
  }

  /** Reads a report held in memory (a test's, or a small one). */
  public static Baseline read(JsonNode root, String name) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(root);
    return read(() -> new java.io.ByteArrayInputStream(bytes), name);
  }

  /**
   * One finding, as the streaming pass sees it: its id and fields; {@code subject} is the
   * object's GUID when the finding was one of a group (its DN is then in the report's objects).
   */
  private record Item(String id, Map<String, String> fields, String subject) {
    Baseline.Entry entry(String dn) {
      return new Baseline.Entry(id, fields.getOrDefault("rule", ""), fields.getOrDefault("severity", ""),
          fields.get("forest"), dn, fields.getOrDefault("message", ""));
    }
  }

  /**
   * The wanted findings as entries, DNs of grouped ones filled from the report's objects (written
   * before the findings, so looked up in one more pass, for the wanted ones alone).
   */
  private static void entries(Opener opener, LongPredicate wanted, Consumer<Baseline.Entry> each)
      throws IOException {
    List<Item> grouped = new ArrayList<>();
    List<Object> order = new ArrayList<>();
    pass(opener, new String[2], item -> {
      if (!wanted.test(Baseline.digest(item.id()))) {
        return;
      }
      if (item.subject() == null) {
        order.add(item.entry(item.fields().get("dn")));
      } else {
        order.add(item);
        grouped.add(item);
      }
    });
    Map<String, String> dnOf = grouped.isEmpty() ? Map.of() : dns(opener, subjects(grouped));
    for (Object o : order) {
      each.accept(o instanceof Item i ? i.entry(dnOf.get(i.subject())) : (Baseline.Entry) o);
    }
  }

  private static Set<String> subjects(List<Item> items) {
    Set<String> s = new HashSet<>();
    items.forEach(i -> s.add(i.subject()));
    return s;
  }

  /**
   * Streams the report's findings to {@code each}; fills {@code head} with the schema version
   * and start. Returns whether the report had a findings array.
   */
  private static boolean pass(Opener opener, String[] head, Consumer<Item> each) throws IOException {
    boolean found = false;
    try (InputStream in = opener.open(); JsonParser jp = parser(in)) {
      if (jp.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a wbaudit JSON report (no findings array)");
      }
      while (jp.nextToken() == JsonToken.FIELD_NAME) {
        String field = jp.currentName();
        JsonToken t = jp.nextToken();
        switch (field) {
          case "schemaVersion" -> head[0] = t == JsonToken.VALUE_STRING ? jp.getText() : null;
          case "startedAt" -> head[1] = t == JsonToken.VALUE_STRING ? jp.getText() : null;
          case "findings" -> {
            if (t != JsonToken.START_ARRAY) {
              throw new IllegalArgumentException("not a wbaudit JSON report (no findings array)");
            }
            found = true;
            for (int i = 0; jp.nextToken() != JsonToken.END_ARRAY; i++) {
              finding(jp, i, each);
            }
          }
          default -> jp.skipChildren();
        }
      }
      if (jp.nextToken() != null) {
        throw new IllegalArgumentException("text after the report's end");
      }
    }
    return found;
  }

  /**
   * One finding, streamed: its scalar fields, and, for one said of several objects, each
   * object's own id (the group's idPrefix and the object's GUID), as 1.x wrote them.
   */
  private static void finding(JsonParser jp, int index, Consumer<Item> each) throws IOException {
    if (jp.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("findings[" + index + "] is not an object");
    }
    Map<String, String> fields = new HashMap<>();
    List<String> pending = null; // objects listed before the fields that name them
    boolean grouped = false;
    while (jp.nextToken() == JsonToken.FIELD_NAME) {
      String field = jp.currentName();
      JsonToken t = jp.nextToken();
      if (field.equals("objects") && t == JsonToken.START_ARRAY) {
        grouped = true;
        boolean ready = fields.containsKey("id") && fields.containsKey("count")
            && fields.containsKey("idPrefix");
        while (jp.nextToken() != JsonToken.END_ARRAY) {
          String subject = jp.getValueAsString("");
          jp.skipChildren();
          if (ready) {
            each.accept(member(fields, subject));
          } else {
            (pending == null ? pending = new ArrayList<>() : pending).add(subject);
          }
        }
      } else if (t.isScalarValue()) {
        fields.put(field, t == JsonToken.VALUE_NULL ? null : jp.getText());
      } else {
        jp.skipChildren();
      }
    }
    if (fields.get("id") == null) {
      throw new IllegalArgumentException("findings[" + index + "] has no id (a report older than"
          + " schemaVersion 1.1?): make the baseline with this version");
    }
    if (grouped && fields.containsKey("count")) {
      if (pending != null) {
        for (String subject : pending) {
          each.accept(member(fields, subject));
        }
      }
      return;
    }
    each.accept(new Item(fields.get("id"), Map.copyOf(withoutNulls(fields)), null));
  }

  private static Item member(Map<String, String> fields, String subject) {
    String prefix = fields.getOrDefault("idPrefix", "");
    return new Item((prefix == null ? "" : prefix) + subject, fields, subject);
  }

  private static Map<String, String> withoutNulls(Map<String, String> m) {
    Map<String, String> out = new HashMap<>();
    m.forEach((k, v) -> {
      if (v != null) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The DNs of the wanted objects, from the report's objects array, streamed. */
  private static Map<String, String> dns(Opener opener, Set<String> wanted) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (InputStream in = opener.open(); JsonParser jp = parser(in)) {
      jp.nextToken();
      while (jp.nextToken() == JsonToken.FIELD_NAME) {
        String field = jp.currentName();
        if (jp.nextToken() == JsonToken.START_ARRAY && field.equals("objects")) {
          while (jp.nextToken() == JsonToken.START_OBJECT) {
            JsonNode o = JSON.readTree(jp);
            String guid = o.path("objectGuid").asText(null);
            if (guid != null && wanted.contains(guid)) {
              out.put(guid, o.path("dn").asText(null));
            }
          }
          return out;
        }
        jp.skipChildren();
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }
}
