package org.wbaudit.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.RunSummary;

/**
 * The JSON report (schema: reports/wbaudit-report.schema.json) of a finished run, sized by what
 * there is to say rather than by the number of users:
 *
 * <ul>
 *   <li>a right's verdict (outcome, deciding ACE, reason) is the same for every user sharing a
 *       descriptor, so each distinct verdict is written once in {@code verdicts} and objects
 *       refer to it by id;
 *   <li>findings that differ only in the user they name (the same rule, forest, container,
 *       message and details) are written once, with the users' ids in {@code objects}: the
 *       per-user findings that restate a verdict become one finding per cause and container.
 * </ul>
 *
 * A run of one forest also carries that forest's dc, domain and principal at the top, as
 * single-forest reports always have.
 */
public final class JsonReportWriter implements ReportRenderer {
  public static final String SCHEMA_VERSION = "2.2";

  private final OutputStream target;
  private final ObjectsShown shown;

  public JsonReportWriter(OutputStream target) {
    this(target, ObjectsShown.ALL);
  }

  public JsonReportWriter(OutputStream target, ObjectsShown shown) {
    this.target = target;
    this.shown = shown;
  }

  @Override
  public void render(ReportModel model) throws IOException {
    RunSummary run = model.run();
    Map<String, AuditHeader> headers = model.headers();
    try (JsonGenerator out = ReportAssembler.JSON.getFactory().createGenerator(target, JsonEncoding.UTF8)) {
      out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      out.useDefaultPrettyPrinter();
      out.writeStartObject();
      out.writeStringField("schemaVersion", SCHEMA_VERSION);
      out.writeObjectField("tool", Map.of("name", "wbaudit", "version", model.toolVersion()));
      out.writeStringField("startedAt", model.startedAt().toString());
      out.writeStringField("objectsShown", shown.option());
      Map<String, String> verdictIds = new LinkedHashMap<>();
      Map<String, String> operationIds = new LinkedHashMap<>();
      out.writeArrayFieldStart("objects");
      Map<String, String> rightsIds = new java.util.HashMap<>();
      model.objectsAsJson(line -> {
        // One object per line (indenting each field would cost a fifth of the file), copied as
        // the assembler spooled it but for its rights, which become verdict ids.
        Spooled o = Spooled.of(line);
        if (shows(o)) {
          String ids = rightsIds.get(o.rights());
          if (ids == null) {
            ids = verdictIdsOf(o.rights(), verdictIds);
            if (rightsIds.size() < RIGHTS_CACHE) {
              rightsIds.put(o.rights(), ids);
            }
          }
          // Written in pieces, the line as spooled but for the two ids: no copy of it is made.
          int ops = operationsAt(line);
          String opsId = ops < 0 ? null
              : operationIds.computeIfAbsent(line.substring(ops, line.length() - 1), t -> verdictId("o", t, operationIds));
          out.writeRawValue(line, 0, o.rightsStart());
          out.writeRaw(ids);
          if (opsId == null) {
            out.writeRaw(line, o.rightsEnd(), line.length() - o.rightsEnd());
          } else {
            out.writeRaw(line, o.rightsEnd(), ops - o.rightsEnd());
            out.writeRaw('"');
            out.writeRaw(opsId);
            out.writeRaw("\"}");
          }
        }
      });
      out.writeEndArray();
      out.writeObjectFieldStart("verdicts");
      for (Map.Entry<String, String> v : verdictIds.entrySet()) {
        out.writeFieldName(v.getValue());
        out.writeRawValue(v.getKey());
      }
      out.writeEndObject();
      out.writeObjectFieldStart("operationVerdicts");
      for (Map.Entry<String, String> v : operationIds.entrySet()) {
        out.writeFieldName(v.getValue());
        out.writeRawValue(v.getKey());
      }
      out.writeEndObject();
      out.writeArrayFieldStart("forests");
      for (RunSummary.ForestOutcome o : run.forests()) {
        out.writeObject(forest(o, headers.get(o.name())));
      }
      out.writeEndArray();
      if (run.forests().size() == 1 && headers.get(run.forests().get(0).name()) != null) {
        AuditHeader h = headers.get(run.forests().get(0).name());
        out.writeObjectField("dc", h.dc());
        out.writeObjectField("domain", domain(h));
        out.writeObjectField("principal", principal(h));
      }
      out.writeObjectField("anchors", run.anchors());
      out.writeObjectField("notChecked", org.wbaudit.rules.Operations.builtIn().notVisible());
      if (run.syncEngine() != null) {
        out.writeObjectField("syncEngine", run.syncEngine());
      }
      if (run.diff() != null) {
        out.writeObjectField("diff", run.diff());
      }
      out.writeArrayFieldStart("findings");
      FindingGroups.forEach(model, g -> write(g, out));
      out.writeEndArray();
      out.writeObjectField("summary", run.total());
      out.writeEndObject();
    }
  }

  /** Users sharing a descriptor share their rights' text: that many are remembered at most. */
  private static final int RIGHTS_CACHE = 10_000;

  /**
   * An object as the assembler spooled it (ObjectResult's fields in order): where its rights
   * are, and whether it is in scope and ready, found by scanning, not parsing. Text inside JSON
   * strings has its quotes escaped, so the field names searched for occur only as fields.
   */
  private record Spooled(String line, int rightsStart, int rightsEnd) {
    private static final String RIGHTS = ",\"rights\":";
    private static final String IN_SCOPE = ",\"inScope\":";
    private static final String READY = ",\"ready\":";

    static Spooled of(String line) throws IOException {
      int r = line.indexOf(RIGHTS);
      int end = r < 0 ? -1 : line.indexOf(IN_SCOPE, r);
      if (end < 0) {
        throw new IOException("a spooled object without rights and scope: " + line);
      }
      return new Spooled(line, r + RIGHTS.length(), end);
    }

    String rights() {
      return line.substring(rightsStart, rightsEnd);
    }

    boolean inScope() {
      return line.startsWith("true", rightsEnd + IN_SCOPE.length());
    }

    boolean ready() {
      int at = line.indexOf(READY, rightsEnd);
      return at >= 0 && line.startsWith("true", at + READY.length());
    }
  }

  private boolean shows(Spooled o) {
    return switch (shown) {
      case ALL -> true;
      case NONE -> false;
      case BLOCKED -> o.inScope() && !o.ready();
    };
  }

  /**
   * The rights object with each verdict replaced by the id of its text in {@code verdicts},
   * adding new ones. The id is drawn from the text itself, so a verdict keeps its id from run
   * to run and whatever order the users arrive in.
   */
  private static String verdictIdsOf(String rights, Map<String, String> ids) throws IOException {
    ObjectNode r = (ObjectNode) ReportAssembler.JSON.readTree(rights);
    ObjectNode out = ReportAssembler.JSON.createObjectNode();
    var fields = r.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      String text = e.getValue().toString();
      out.put(e.getKey(), ids.computeIfAbsent(text, t -> verdictId(t, ids)));
    }
    return ReportAssembler.JSON.writeValueAsString(out);
  }

  private static final String OPERATIONS = ",\"operations\":";

  /**
   * Where the object's operations' verdicts start (its last field, as ObjectResult orders
   * them), or -1 when it has none: they are written as the id of their text, users sharing a
   * few combinations, each written once in operationVerdicts, as rights' verdicts are.
   */
  private static int operationsAt(String object) {
    int at = object.lastIndexOf(OPERATIONS);
    if (at < 0 || !object.endsWith("}")) {
      return -1;
    }
    int start = at + OPERATIONS.length();
    return object.startsWith("null", start) && start + 4 == object.length() - 1 ? -1 : start;
  }

  private static String verdictId(String text, Map<String, String> taken) {
    return verdictId("v", text, taken);
  }

  private static String verdictId(String prefix, String text, Map<String, String> taken) {
    byte[] digest;
    try {
      digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
    String id = prefix + java.util.HexFormat.of().formatHex(digest, 0, 5);
    // Forty bits make a clash unlikely, not impossible: then the later text gets a suffix.
    String unique = id;
    for (int n = 2; taken.containsValue(unique); n++) {
      unique = id + "-" + n;
    }
    return unique;
  }

  /** A group of one as the finding itself; a larger one as one finding listing its objects. */
  private static void write(FindingGroups.Group g, JsonGenerator out) throws IOException {
    Map<String, Object> f = ReportAssembler.asJson(g.first().forest(), g.first().finding());
    if (g.size() == 1) {
      out.writeRawValue(ReportAssembler.JSON.writeValueAsString(f));
      return;
    }
    // Each object is named by its subject (its GUID, objects[].objectGuid): the group's
    // idPrefix and the subject make the id the object's own finding has (and had in 1.x).
    // Names and DNs are in objects; repeating them here would double what a user costs.
    String prefix = g.first().id().substring(0, g.first().id().length() - g.first().finding().subject().length());
    f.put("id", g.id());
    f.remove("dn");
    f.put("container", g.container());
    f.put("count", g.size());
    f.put("idPrefix", prefix);
    streamed(out, f, "objects", g, m -> {
      String id = m.id();
      out.writeString(id.startsWith(prefix) ? id.substring(prefix.length()) : id);
    });
  }

  /**
   * Writes {@code fields} and then an array of the group's members, streamed (a group may be
   * every user of a large OU), compact as the other findings are.
   */
  static void streamed(JsonGenerator out, Map<String, Object> fields, String arrayName,
      FindingGroups.Group g, ReportModel.Visitor<FindingGroups.Member> member) throws IOException {
    com.fasterxml.jackson.core.PrettyPrinter pretty = out.getPrettyPrinter();
    out.setPrettyPrinter(new com.fasterxml.jackson.core.util.MinimalPrettyPrinter());
    try {
      out.writeStartObject();
      for (Map.Entry<String, Object> e : fields.entrySet()) {
        out.writeObjectField(e.getKey(), e.getValue());
      }
      out.writeArrayFieldStart(arrayName);
      g.members(member);
      out.writeEndArray();
      out.writeEndObject();
    } finally {
      out.setPrettyPrinter(pretty);
    }
  }

  private static Map<String, Object> forest(RunSummary.ForestOutcome o, AuditHeader h) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", o.name());
    f.put("url", o.url());
    f.put("audited", o.summary() != null);
    if (o.error() != null) {
      f.put("error", o.error());
    }
    if (h != null) {
      f.put("dc", h.dc());
      f.put("domain", domain(h));
      f.put("principal", principal(h));
      f.put("domainControllers", h.controllers());
      f.put("otherDomains", h.otherDomains());
      f.put("domains", h.domains());
      Map<String, Object> anchors = new LinkedHashMap<>();
      anchors.put("checked", h.anchorsChecked());
      anchors.put("skipped", h.anchorsSkipped());
      f.put("anchorAttributes", anchors);
      f.put("scope", h.scope());
      f.put("protection", h.protection());
      f.put("samAccess", h.samAccess());
      if (!h.userRead().isEmpty()) {
        f.put("userRead", h.userRead());
      }
    }
    if (o.summary() != null) {
      f.put("summary", o.summary());
      if (h != null && o.summary().connector() != null) {
        // The account's own health and reach, beside its token (forests[].principal).
        @SuppressWarnings("unchecked")
        Map<String, Object> principal = (Map<String, Object>) f.get("principal");
        principal.put("health", o.summary().connector());
      }
    }
    return f;
  }

  private static Map<String, Object> domain(AuditHeader h) {
    Map<String, Object> domain = new LinkedHashMap<>();
    domain.put("dn", h.domainDn());
    domain.put("sid", h.domainSid());
    domain.put("passwordPolicy", h.passwordPolicy());
    domain.put("unexpirePassword", h.unexpirePassword());
    return domain;
  }

  private static Map<String, Object> principal(AuditHeader h) {
    Map<String, Object> principal = new LinkedHashMap<>();
    principal.put("dn", h.principalDn());
    principal.put("sid", h.principalSid());
    principal.put("boundAs", h.boundAs());
    principal.put("tokenMethod", h.tokenMethod());
    principal.put("token", h.token());
    if (h.principalChoice() != null) {
      principal.put("chosenBy", h.principalChoice());
    }
    return principal;
  }
}
