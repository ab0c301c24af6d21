package org.wbaudit.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.AuditSink;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.Baseline;
import org.wbaudit.audit.Finding;
import org.wbaudit.audit.ObjectResult;
import org.wbaudit.audit.RunSink;
import org.wbaudit.audit.RightVerdict;
import org.wbaudit.audit.RunSummary;
import org.wbaudit.rules.Rule;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.rules.Severity;

/**
 * The one place a run's objects and findings are buffered: to temporary files, once, in the JSON
 * report's own form (objects in one file, findings in one file per rule), whatever the number of
 * formats asked for. When the run ends it is the {@link ReportModel} every renderer reads; memory
 * holds only the headers and summaries. Thread-safe: forests report side by side.
 */
public final class ReportAssembler implements RunSink, ReportModel, AutoCloseable {
  /** The history's earlier runs; null without a history. */
  private List<TrendPoint> earlierRuns;

  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /**
   * Spooling writes a line per object and per finding: flushing after each (Jackson's default)
   * would cost a system call per user, and the files are read only once the run has ended.
   * Verdicts repeat from user to user ({@link Repeated}).
   */
  private static final ObjectWriter SPOOL = JSON.copy()
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
   * the run's cache travels with its writer ({@link #spoolWriter}), none is shared between runs.
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
        json = new SerializedString(JSON.writeValueAsString(value));
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

  /** This run's spool writer, with its own cache of repeated verdicts. */
  private final ObjectWriter spoolWriter = SPOOL.withAttribute(Repeated.class, new Seen());

  private final RuleCatalog catalog;
  private final Path dir;
  private final Path objectsFile;
  private final JsonGenerator objectsJson;
  private final Map<String, JsonGenerator> findingsOut = new LinkedHashMap<>();
  private final Map<String, AuditHeader> headers = Collections.synchronizedMap(new LinkedHashMap<>());
  private String toolVersion;
  private Instant startedAt;
  private RunSummary run;

  private final SpoolFolder spool;

  /** Deletes the buffer when the JVM is stopped (SIGTERM, Ctrl-C) before the run ends. */
  private final Thread cleanup;

  public ReportAssembler(RuleCatalog catalog) throws IOException {
    this.catalog = catalog;
    this.spool = SpoolFolder.create(Path.of(System.getProperty("java.io.tmpdir")));
    this.dir = spool.path();
    this.cleanup = new Thread(this::deleteQuietly, "wbaudit-report-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    this.objectsFile = dir.resolve("objects.jsonl");
    this.objectsJson = spoolTo(objectsFile);
  }

  /**
   * Writes UTF-8 bytes with no character encoder between, characters beyond the BMP as their
   * four bytes (not as two escapes): the spool's text is what a writer of characters would have
   * written, so that ids drawn from it (the verdicts') do not change with the way it is written.
   */
  private static final JsonFactory SPOOL_FACTORY = JSON.getFactory().rebuild()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  /** A file of JSON values a line each. */
  private static JsonGenerator spoolTo(Path file) throws IOException {
    return spoolTo(Files.newOutputStream(file));
  }

  static JsonGenerator spoolTo(OutputStream out) throws IOException {
    JsonGenerator g = SPOOL_FACTORY.createGenerator(out, JsonEncoding.UTF8);
    g.setRootValueSeparator(new SerializedString("\n"));
    return g;
  }

  @Override
  public synchronized void begin(String toolVersion, Instant startedAt) {
    this.toolVersion = toolVersion;
    this.startedAt = startedAt;
  }

  @Override
  public AuditSink forest(String name) {
    return new AuditSink() {
      @Override
      public void begin(AuditHeader h) {
        headers.put(name, h);
      }

      @Override
      public void object(ObjectResult o) {
        synchronized (ReportAssembler.this) {
          try {
            spoolWriter.writeValue(objectsJson, o);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }

      @Override
      public void finding(Finding f) {
        spool(name, f);
      }

      @Override
      public void end(AuditSummary s) {
        // The run's summary carries it.
      }
    };
  }

  @Override
  public void finding(Finding f) {
    spool(null, f);
  }

  private synchronized void spool(String forest, Finding f) {
    try {
      JsonGenerator w = findingsOut.get(f.rule());
      if (w == null) {
        w = spoolTo(dir.resolve("findings-" + f.rule() + ".jsonl"));
        findingsOut.put(f.rule(), w);
      }
      writeFields(w, asJson(forest, f));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /** A finding as the JSON report states it (reports/wbaudit-report.schema.json). */
  static Map<String, Object> asJson(String forest, Finding f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Baseline.id(forest, f));
    m.put("rule", f.rule());
    m.put("severity", f.severity().label());
    m.put("forest", forest);
    m.put("dn", f.dn());
    m.put("message", f.message());
    m.put("details", f.details());
    if (f.change() != null) {
      m.put("change", f.change());
    }
    if (f.suppression() != null) {
      m.put("suppressed", f.suppression());
    }
    return m;
  }

  @Override
  public synchronized void end(RunSummary summary) {
    this.run = summary;
    try {
      objectsJson.writeRaw('\n');
      objectsJson.close();
      for (JsonGenerator w : findingsOut.values()) {
        w.writeRaw('\n');
        w.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The finished run; only after {@link #end}. */
  public ReportModel model() {
    if (run == null) {
      throw new IllegalStateException("the run has not ended");
    }
    return this;
  }

  /** The finished run, with the earlier runs of its history for the trend. */
  public ReportModel model(List<TrendPoint> earlierRuns) {
    this.earlierRuns = List.copyOf(earlierRuns);
    return model();
  }

  @Override
  public List<TrendPoint> trend() {
    if (earlierRuns == null) {
      return List.of();
    }
    List<TrendPoint> all = new ArrayList<>(earlierRuns);
    all.add(TrendPoint.of(this));
    return all;
  }

  @Override
  public String toolVersion() {
    return toolVersion;
  }

  @Override
  public Instant startedAt() {
    return startedAt;
  }

  @Override
  public RunSummary run() {
    return run;
  }

  @Override
  public Map<String, AuditHeader> headers() {
    Map<String, AuditHeader> ordered = new LinkedHashMap<>();
    for (RunSummary.ForestOutcome o : run.forests()) {
      if (headers.get(o.name()) != null) {
        ordered.put(o.name(), headers.get(o.name()));
      }
    }
    return ordered;
  }

  @Override
  public List<String> rules() {
    List<String> rules = new ArrayList<>(findingsOut.keySet());
    rules.sort(Comparator.comparing((String id) -> -severity(id).ordinal()).thenComparing(id -> id));
    return rules;
  }

  private Severity severity(String rule) {
    return catalog.all().stream().filter(r -> r.id().equals(rule)).map(Rule::severity)
        .findFirst().orElse(Severity.INFO);
  }

  @Override
  public void objects(Visitor<ObjectResult> visitor) throws IOException {
    lines(objectsFile, line -> {
      ObjectResult o = JSON.readValue(line, ObjectResult.class);
      visitor.visit(o.withBlockers(run.lateBlockersOf(o)));
    });
  }

  /**
   * Objects as they were spooled, but for the few a blocker found at the end of the run stops
   * (a duplicate anchor): those are read, amended and written again.
   */
  @Override
  public void objectsAsJson(Visitor<String> visitor) throws IOException {
    if (run.lateBlockers().isEmpty()) {
      lines(objectsFile, visitor);
      return;
    }
    java.util.Set<String> guids = new java.util.HashSet<>();
    run.lateBlockers().keySet().forEach(k -> guids.add(k.substring(k.indexOf('\u0000') + 1)));
    lines(objectsFile, line -> {
      // Most objects are not stopped: only those naming a stopped subject are read.
      int at = line.indexOf(GUID_FIELD);
      int end = at < 0 ? -1 : line.indexOf('"', at + GUID_FIELD.length());
      if (at >= 0 && end > 0 && !guids.contains(line.substring(at + GUID_FIELD.length(), end))) {
        visitor.visit(line);
        return;
      }
      ObjectResult o = JSON.readValue(line, ObjectResult.class);
      List<String> late = run.lateBlockersOf(o);
      visitor.visit(late.isEmpty() ? line : JSON.writeValueAsString(o.withBlockers(late)));
    });
  }

  private static final String GUID_FIELD = "\"objectGuid\":\"";

  @Override
  public void findings(Visitor<Reported> visitor) throws IOException {
    for (String rule : rules()) {
      findings(rule, visitor);
    }
  }

  @Override
  public void findings(String rule, Visitor<Reported> visitor) throws IOException {
    if (findingsOut.containsKey(rule)) {
      lines(dir.resolve("findings-" + rule + ".jsonl"), line -> visitor.visit(reported(line)));
    }
  }

  @Override
  public void findingsAsJson(String rule, Visitor<String> visitor) throws IOException {
    if (findingsOut.containsKey(rule)) {
      lines(dir.resolve("findings-" + rule + ".jsonl"), visitor);
    }
  }

  @Override
  public void findingsAsJson(Visitor<String> visitor) throws IOException {
    for (String rule : rules()) {
      lines(dir.resolve("findings-" + rule + ".jsonl"), visitor);
    }
  }

  /** A finding read back from its JSON form. */
  static Reported reported(String line) throws IOException {
    JsonNode n = JSON.readTree(line);
    String forest = n.path("forest").isNull() ? null : n.path("forest").asText(null);
    String id = n.get("id").asText();
    String key = forest == null ? id : id.substring(forest.length() + 1);
    @SuppressWarnings("unchecked")
    Map<String, Object> details = JSON.convertValue(n.get("details"), Map.class);
    JsonNode s = n.get("suppressed");
    Finding.Suppression suppression = s == null || s.isNull() ? null
        : new Finding.Suppression(s.path("justification").asText(null), s.path("owner").asText(null),
            s.path("expires").asText(null));
    Finding f = new Finding(n.get("rule").asText(), Severity.parse(n.get("severity").asText()),
        n.path("dn").isNull() ? null : n.path("dn").asText(null), n.get("message").asText(),
        details == null ? Map.of() : details, key, suppression,
        n.has("change") ? n.get("change").asText() : null);
    return new Reported(forest, id, f);
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

  private void deleteQuietly() {
    try {
      spool.close();
    } catch (IOException e) {
      // the JVM is going away; what is left is swept by a later run
    }
  }

  /** Deletes the buffered files. */
  @Override
  public synchronized void close() throws IOException {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it deletes the same files
    }
    objectsJson.close();
    for (JsonGenerator w : findingsOut.values()) {
      w.close();
    }
    spool.close();
  }
}
