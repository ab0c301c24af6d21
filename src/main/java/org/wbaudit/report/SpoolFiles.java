package org.wbaudit.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.wbaudit.audit.ObjectResult;
import org.wbaudit.audit.RightVerdict;
import org.wbaudit.report.ReportModel.Visitor;

/**
 * The files {@link ReportAssembler} spools a run to: JSON values a line each, in the JSON
 * report's own form, written and read back at the least cost a user's line allows, for a run
 * writes one object and a finding or more per user and reads each back once.
 */
final class SpoolFiles {
  private SpoolFiles() {}

  /**
   * Spooling writes a line per object and per finding: flushing after each (Jackson's default)
   * would cost a system call per user, and the files are read only once the run has ended.
   * Verdicts repeat from user to user ({@link Repeated}).
   */
  private static final ObjectWriter SPOOL = ReportAssembler.JSON.copy()
      .registerModule(new SimpleModule("wbaudit-spool")
          .addSerializer(RightVerdict.class, new Repeated<>(RightVerdict.class))
          .addSerializer(ObjectResult.OperationVerdict.class, new Repeated<>(ObjectResult.OperationVerdict.class)))
      .writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

  /** Distinct verdicts whose JSON a run keeps at hand; beyond that many, each is written anew. */
  static final int REPEATED = 10_000;

  /**
   * Writes a value as Jackson does, but each distinct value once per run: users sharing a
   * descriptor share their rights' and operations' verdicts, most of an object's line, and the
   * later ones copy the bytes the first one wrote. The values are records, equal by content;
   * the run's cache travels with its writer ({@link #writer}), none is shared between runs.
   */
  private static final class Repeated<T> extends StdSerializer<T> {
    Repeated(Class<T> type) {
      super(type);
    }

    @Override
    public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
      Seen seen = (Seen) provider.getAttribute(Repeated.class);
      SerializedString json = seen == null ? null : seen.get(value);
      if (json == null) {
        json = new SerializedString(ReportAssembler.JSON.writeValueAsString(value));
        if (seen != null) {
          seen.put(value, json);
        }
      }
      g.writeRawValue(json);
    }
  }

  /**
   * A run's repeated values. Looked up by identity first: users sharing a descriptor share the
   * very verdict instances, and a record's equality hashes every field.
   */
  private static final class Seen {
    private final Map<Object, SerializedString> same = new java.util.IdentityHashMap<>();
    private final Map<Object, SerializedString> equal = new java.util.HashMap<>();

    SerializedString get(Object value) {
      SerializedString json = same.get(value);
      if (json == null) {
        json = equal.get(value);
        if (json != null && same.size() < REPEATED) {
          same.put(value, json);
        }
      }
      return json;
    }

    void put(Object value, SerializedString json) {
      if (equal.size() < REPEATED) {
        equal.put(value, json);
      }
      if (same.size() < REPEATED) {
        same.put(value, json);
      }
    }
  }


  /** A new run's writer of objects, with its own cache of repeated verdicts. */
  static ObjectWriter writer() {
    return SPOOL.withAttribute(Repeated.class, new Seen());
  }

  /**
   * Writes UTF-8 bytes with no character encoder between, characters beyond the BMP as their
   * four bytes (not as two escapes): the spool's text is what a writer of characters would have
   * written, so that ids drawn from it (the verdicts') do not change with the way it is written.
   */
  private static final JsonFactory FACTORY = ReportAssembler.JSON.getFactory().rebuild()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  /** A file of JSON values a line each. */
  static JsonGenerator generator(Path file) throws IOException {
    return generator(Files.newOutputStream(file));
  }

  static JsonGenerator generator(OutputStream out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    g.setRootValueSeparator(new SerializedString("\n"));
    return g;
  }

  /**
   * Writes maps, lists, strings, numbers and booleans as Jackson would, without its serializer
   * lookups: a run spools a finding or more per user, each a small map of plain values. Any
   * other value goes through Jackson.
   */
  static void writePlain(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Map<?, ?> m && stringKeys(m)) {
      @SuppressWarnings("unchecked")
      Map<String, ?> fields = (Map<String, ?>) m;
      writeFields(g, fields);
    } else if (value instanceof List<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        writePlain(g, o);
      }
      g.writeEndArray();
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else if (value instanceof Long n) {
      g.writeNumber(n);
    } else {
      SPOOL.writeValue(g, value);
    }
  }

  /** A map whose keys are strings by its type (a finding, its details): no key is checked. */
  static void writeFields(JsonGenerator g, Map<String, ?> fields) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      g.writeFieldName(e.getKey());
      writePlain(g, e.getValue());
    }
    g.writeEndObject();
  }

  private static boolean stringKeys(Map<?, ?> m) {
    for (Object k : m.keySet()) {
      if (!(k instanceof String)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Each non-blank line of a spooled file. The bytes are split at line feeds and each line
   * decoded at once: a BufferedReader decodes character by character, and the spool of a large
   * run is tens of megabytes read on the main thread.
   */
  static void lines(Path file, Visitor<String> visitor) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int start = 0;
      int end = 0;
      for (int n = in.read(buf); n >= 0; n = in.read(buf, end, buf.length - end)) {
        int scanned = end;
        end += n;
        for (int i = scanned; i < end; i++) {
          if (buf[i] == '\n') {
            visit(buf, start, i, visitor);
            start = i + 1;
          }
        }
        if (start == 0 && end == buf.length) {
          buf = java.util.Arrays.copyOf(buf, buf.length * 2);  // a line longer than the buffer
        } else {
          System.arraycopy(buf, start, buf, 0, end - start);
          end -= start;
          start = 0;
        }
      }
      visit(buf, start, end, visitor);
    }
  }

  private static void visit(byte[] buf, int from, int to, Visitor<String> visitor) throws IOException {
    String line = new String(buf, from, to - from, StandardCharsets.UTF_8);
    if (!line.isBlank()) {
      visitor.visit(line);
    }
  }
}
