package org.wbaudit.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  /** This run's spool writer, with its own cache of repeated verdicts. */
  private final ObjectWriter spoolWriter = SpoolFiles.writer();

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
    this.objectsJson = SpoolFiles.generator(objectsFile);
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
        w = SpoolFiles.generator(dir.resolve("findings-" + f.rule() + ".jsonl"));
        findingsOut.put(f.rule(), w);
      }
      SpoolFiles.writeFields(w, asJson(forest, f));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    SpoolFiles.lines(objectsFile, line -> {
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
      SpoolFiles.lines(objectsFile, visitor);
      return;
    }
    java.util.Set<String> guids = new java.util.HashSet<>();
    run.lateBlockers().keySet().forEach(k -> guids.add(k.substring(k.indexOf('\u0000') + 1)));
    SpoolFiles.lines(objectsFile, line -> {
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
      SpoolFiles.lines(dir.resolve("findings-" + rule + ".jsonl"), line -> visitor.visit(reported(line)));
    }
  }

  @Override
  public void findingsAsJson(String rule, Visitor<String> visitor) throws IOException {
    if (findingsOut.containsKey(rule)) {
      SpoolFiles.lines(dir.resolve("findings-" + rule + ".jsonl"), visitor);
    }
  }

  @Override
  public void findingsAsJson(Visitor<String> visitor) throws IOException {
    for (String rule : rules()) {
      SpoolFiles.lines(dir.resolve("findings-" + rule + ".jsonl"), visitor);
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
