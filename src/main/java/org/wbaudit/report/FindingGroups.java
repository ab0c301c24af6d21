package org.wbaudit.report;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.report.ReportModel.Reported;

/**
 * Findings as the reports state them at scale: those that differ only in the object they name
 * (the same rule, forest, container, message, details, change and suppression) are one group,
 * so that a cause blocking 20,000 users under one OU is said once with its users listed, not
 * 20,000 times. Findings that name no object are groups of one.
 *
 * <p>Memory stays flat whatever the number of users: a rule's members are held in memory up to
 * {@link #IN_MEMORY} of them, beyond that each group's members go to a file of its own (a few
 * open at a time), read back when the group is rendered.
 */
public final class FindingGroups {
  private FindingGroups() {}

  /** Members of one rule's groups held in memory before they are spilled to files. */
  static final int IN_MEMORY = 20_000;
  /** The DNs a group keeps at hand for a page that names a few and counts the rest. */
  static final int SAMPLE = 20;
  private static final int OPEN_FILES = 32;

  /** One object a group's finding is about. */
  public record Member(String id, String dn) {}

  /** Findings that say the same of several objects (or one finding, a group of one). */
  public static final class Group {
    private final ReportModel.Reported first;
    private final String container;
    private final String key;
    /** Set when another group of the rule shares the container: tells their ids apart. */
    private String suffix = "";
    private final List<String> sample = new ArrayList<>();
    private List<Member> held = new ArrayList<>();
    private Path spill;
    private int size;

    Group(ReportModel.Reported first, String container, String key) {
      this.first = first;
      this.container = container;
      this.key = key;
    }

    /** The first finding of the group, standing for all. */
    public ReportModel.Reported first() {
      return first;
    }

    /** The DN the objects are directly under; null for findings about no object. */
    public String container() {
      return container;
    }

    public int size() {
      return size;
    }

    /** The first {@link #SAMPLE} objects' DNs. */
    public List<String> sampleDns() {
      return List.copyOf(sample);
    }

    /** Every member, in the order found. */
    public void members(ReportModel.Visitor<Member> visitor) throws IOException {
      if (spill == null) {
        for (Member m : held) {
          visitor.visit(m);
        }
        return;
      }
      try (BufferedReader r = Files.newBufferedReader(spill, StandardCharsets.UTF_8)) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          int tab = line.indexOf('\t');
          visitor.visit(new Member(line.substring(0, tab), line.substring(tab + 1)));
        }
      }
    }

    /** The group's own id: the finding's when it is one, else the rule at the container. */
    public String id() {
      if (size == 1) {
        return first.id();
      }
      // A redacted DN has no container to show: its group is the rule's, in that forest.
      return (first.forest() == null ? "" : first.forest() + "/") + first.finding().rule() + "@"
          + (container == null ? "*" : container) + suffix;
    }

    void add(Member m, Spill files) throws IOException {
      size++;
      if (sample.size() < SAMPLE && m.dn() != null) {
        sample.add(m.dn());
      }
      if (spill == null && files.spilling()) {
        spill = files.newFile();
        for (Member earlier : held) {
          files.append(this, earlier);
        }
        held = List.of();
      }
      if (spill != null) {
        files.append(this, m);
      } else {
        held.add(m);
      }
    }
  }

  /** The files a rule's groups spill to, with a few writers open at a time. */
  private static final class Spill implements AutoCloseable {
    private final Map<Group, BufferedWriter> open = new LinkedHashMap<>(16, 0.75f, true);
    private Path dir;
    private long held;

    boolean spilling() {
      return ++held > IN_MEMORY;
    }

    Path newFile() throws IOException {
      if (dir == null) {
        dir = Files.createTempDirectory("wbaudit-groups");
      }
      return Files.createTempFile(dir, "group", ".tsv");
    }

    void append(Group g, Member m) throws IOException {
      BufferedWriter w = open.get(g);
      if (w == null) {
        if (open.size() >= OPEN_FILES) {
          var eldest = open.entrySet().iterator().next();
          eldest.getValue().close();
          open.remove(eldest.getKey());
        }
        w = Files.newBufferedWriter(g.spill, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        open.put(g, w);
      }
      // DNs and ids hold no tab or line break unescaped: the directory's DN syntax escapes them.
      w.write(m.id());
      w.write('\t');
      w.write(m.dn() == null ? "" : m.dn());
      w.write('\n');
    }

    /** Closes the writers so that the files can be read. */
    void flush() throws IOException {
      for (BufferedWriter w : open.values()) {
        w.close();
      }
      open.clear();
    }

    @Override
    public void close() throws IOException {
      flush();
      if (dir != null) {
        try (var files = Files.list(dir)) {
          for (Path f : files.toList()) {
            Files.deleteIfExists(f);
          }
        }
        Files.deleteIfExists(dir);
      }
    }
  }

  /** Every rule's groups, in the model's rule order, each rule's in the order first found. */
  public static void forEach(ReportModel model, ReportModel.Visitor<Group> visitor) throws IOException {
    for (String rule : model.rules()) {
      forEach(model, rule, visitor);
    }
  }

  public static void forEach(ReportModel model, String rule, ReportModel.Visitor<Group> visitor)
      throws IOException {
    Map<String, Group> groups = new LinkedHashMap<>();
    List<Group> order = new ArrayList<>();
    try (Spill files = new Spill()) {
      // Findings are read as the assembler spooled them (ReportAssembler.asJson: id first, dn
      // fifth): the group's key is the line without those two, so a member costs a scan of its
      // line, not a parse; each group's first finding alone is parsed.
      model.findingsAsJson(rule, line -> {
        Spooled f = Spooled.of(line);
        if (f == null) {
          Reported r = ReportAssembler.reported(line);
          Group one = new Group(r, null, null);
          one.add(new Member(r.id(), null), files);
          order.add(one);
          return;
        }
        String container = container(f.dn());
        String key = container + "\u0000" + f.key();
        Group g = groups.get(key);
        if (g == null) {
          g = new Group(ReportAssembler.reported(line), container, key);
          groups.put(key, g);
          order.add(g);
        }
        g.add(new Member(f.id(), f.dn()), files);
      });
      files.flush();
      distinguish(order);
      for (Group g : order) {
        visitor.visit(g);
      }
    }
  }

  /**
   * Two groups of one rule under one container (the same rule, said differently: an explicit
   * deny and an inherited one) would share the id rule@container. The one whose content sorts
   * first keeps it; the others add a digest of what they say, so ids depend on content alone,
   * never on the order users were read in.
   */
  private static void distinguish(List<Group> groups) {
    Map<String, List<Group>> byId = new LinkedHashMap<>();
    for (Group g : groups) {
      if (g.size > 1) {
        byId.computeIfAbsent(g.id(), k -> new ArrayList<>()).add(g);
      }
    }
    for (List<Group> same : byId.values()) {
      if (same.size() < 2) {
        continue;
      }
      same.sort(java.util.Comparator.comparing(g -> g.key));
      for (Group g : same.subList(1, same.size())) {
        g.suffix = "#" + digest(g.key);
      }
    }
  }

  private static String digest(String key) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java", e);
    }
  }

  /**
   * A spooled finding about one object, read without parsing: its id, its DN, and everything
   * else as the key it shares with the findings that say the same.
   */
  private record Spooled(String id, String dn, String key) {
    private static final String ID = "{\"id\":";
    private static final String DN = ",\"dn\":";

    /** Null for a finding about no object ({@code "dn":null}). */
    static Spooled of(String line) throws IOException {
      if (!line.startsWith(ID)) {
        throw new IOException("a spooled finding that does not start with its id: " + line);
      }
      int idEnd = stringEnd(line, ID.length());
      int dnAt = line.indexOf(DN, idEnd);
      if (dnAt < 0) {
        throw new IOException("a spooled finding without a dn: " + line);
      }
      int dnStart = dnAt + DN.length();
      if (line.charAt(dnStart) != '"') {
        return null;
      }
      int dnEnd = stringEnd(line, dnStart);
      return new Spooled(text(line, ID.length(), idEnd), text(line, dnStart, dnEnd),
          line.substring(idEnd, dnAt) + line.substring(dnEnd));
    }

    /** The index just past the JSON string starting at {@code at} (its opening quote). */
    private static int stringEnd(String line, int at) throws IOException {
      for (int i = at + 1; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          return i + 1;
        }
      }
      throw new IOException("an unterminated string in a spooled finding: " + line);
    }

    private static String text(String line, int from, int to) throws IOException {
      String raw = line.substring(from + 1, to - 1);
      return raw.indexOf('\\') < 0 ? raw : ReportAssembler.JSON.readValue(line.substring(from, to), String.class);
    }
  }

  /** The DN one level up: what follows the first comma the DN's syntax does not escape. */
  static String container(String dn) {
    for (int i = 0; i < dn.length(); i++) {
      char c = dn.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ',') {
        return dn.substring(i + 1).strip();
      }
    }
    return null;
  }
}
