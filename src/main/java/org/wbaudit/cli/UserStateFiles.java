package org.wbaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.audit.UserStates;
import org.wbaudit.directory.ObjectSnapshot;

/**
 * The users each forest's last complete run read, kept in the history folder beside its reports
 * for {@code audit --incremental}. Per forest, two files: {@code users-KEY-TIME.bin} (the users,
 * {@link ObjectSnapshot}) and {@code users-KEY.json} (what they were read from, and the kept
 * report they belong to, by name and SHA-256). Both are written whole or not at all, only for a
 * complete run whose report was kept, and only under the history's lock; a state is offered back
 * only while its report is the history's latest complete run, unchanged.
 */
final class UserStateFiles implements UserStates, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "users-";
  private static final String PART = ".part";
  /** A manifest is a few hundred bytes; anything much larger is not ours. */
  private static final long MAX_MANIFEST = 64 * 1024;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private RunHistory history;
  private Instant now;
  private final List<Written> written = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** A state written by this run, waiting for its report to be kept. */
  private final class Written implements Pending {
    final String key;
    final Header header;
    final Path part;
    final OutputStream out;
    boolean finished;
    boolean abandoned;
    long count;

    Written(String key, Header header, Path part, OutputStream out) {
      this.key = key;
      this.header = header;
      this.part = part;
      this.out = out;
    }

    @Override
    public OutputStream users() {
      return out;
    }

    @Override
    public void finish(long users) {
      count = users;
      finished = true;
    }

    @Override
    public void abandon(String why) {
      synchronized (UserStateFiles.this) {
        abandoned = true;
        notes.add("the users read are not kept for the next run: " + why);
      }
    }
  }

  /** Binds to the history once its lock is held; parts a killed run left are removed. */
  synchronized void attach(RunHistory h, Instant started) {
    this.history = h;
    this.now = started;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(h.dir(), PREFIX + "*" + PART)) {
      for (Path p : ds) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(p); // we hold the lock: the run that wrote it is gone
        }
      }
    } catch (IOException e) {
      // left for the next run; never read as a state
    }
  }

  @Override
  public synchronized Prior prior(String key) {
    if (history == null) {
      return new None("no history");
    }
    String id = id(key);
    Path manifest = history.dir().resolve(PREFIX + id + ".json");
    if (!Files.exists(manifest, LinkOption.NOFOLLOW_LINKS)) {
      return new None("no earlier --incremental run kept this forest's users in the history");
    }
    try {
      if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS) || Files.size(manifest) > MAX_MANIFEST) {
        return new None(manifest.getFileName() + " is not a state wbaudit wrote");
      }
      JsonNode m = JSON.readTree(Files.readAllBytes(manifest));
      if (!key.equals(m.path("key").asText(null))) {
        return new None(manifest.getFileName() + " belongs to another forest");
      }
      Path latest = history.latestCompleteRun();
      String report = m.path("report").asText("");
      if (latest == null || !latest.getFileName().toString().equals(report)) {
        return new None("the history's latest complete run (" + (latest == null ? "none"
            : latest.getFileName()) + ") is not the one whose users were kept (" + report + ")");
      }
      if (!sha256(latest).equals(m.path("reportSha256").asText())) {
        return new None(report + " changed since its users were kept");
      }
      String name = m.path("users").asText("");
      if (!name.startsWith(PREFIX + id + "-") || name.contains("/") || name.contains("\\")) {
        return new None(manifest.getFileName() + " names no users file of its own");
      }
      Path users = history.dir().resolve(name);
      if (!Files.isRegularFile(users, LinkOption.NOFOLLOW_LINKS)) {
        return new None(name + " is missing or not a regular file");
      }
      long count = 0;
      try (InputStream in = Files.newInputStream(users); ObjectSnapshot.Reader r = new ObjectSnapshot.Reader(in)) {
        while (r.next() != null) {
          count++; // read through once: a damaged state is refused before any user is used
        }
      }
      if (count != m.path("count").asLong(-1)) {
        return new None(name + " holds " + count + " users, its manifest says " + m.path("count").asLong(-1));
      }
      Header h = new Header(m.path("readKey").asText(), m.path("dc").asText(), m.path("usn").asLong(),
          Instant.parse(m.path("readAt").asText()), Instant.parse(m.path("fullAt").asText()));
      return new Usable(h, Files.newInputStream(users));
    } catch (IOException | RuntimeException e) {
      return new None("the kept users cannot be read: " + e.getMessage());
    }
  }

  @Override
  public synchronized Pending begin(String key, Header header) throws IOException {
    if (history == null) {
      throw new IOException("no history");
    }
    Path part = history.dir().resolve(PREFIX + id(key) + "-" + STAMP.format(now) + ".bin" + PART);
    Files.deleteIfExists(part);
    Written w = new Written(key, header, part, PrivateFiles.newOutputStream(part));
    written.add(w);
    return w;
  }

  /**
   * Keeps the states of this run, now that its complete report is kept at {@code report}; each
   * forest's older state goes. What cannot be kept is noted: the next run reads every user.
   */
  synchronized void commit(Path report) {
    String digest;
    try {
      digest = sha256(report);
    } catch (IOException e) {
      notes.add("the users read cannot be kept for the next run: " + e.getMessage());
      return;
    }
    for (Written w : written) {
      if (!w.finished || w.abandoned) {
        continue;
      }
      String id = id(w.key);
      String name = w.part.getFileName().toString();
      Path users = w.part.resolveSibling(name.substring(0, name.length() - PART.length()));
      try {
        move(w.part, users);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", w.key);
        m.put("report", report.getFileName().toString());
        m.put("reportSha256", digest);
        m.put("users", users.getFileName().toString());
        m.put("count", w.count);
        m.put("readKey", w.header.readKey());
        m.put("dc", w.header.dc());
        m.put("usn", w.header.usn());
        m.put("readAt", w.header.readAt().toString());
        m.put("fullAt", w.header.fullAt().toString());
        Path manifest = history.dir().resolve(PREFIX + id + ".json");
        Path manifestPart = history.dir().resolve(PREFIX + id + ".json" + PART);
        Files.deleteIfExists(manifestPart);
        try (OutputStream out = PrivateFiles.newOutputStream(manifestPart)) {
          ObjectNode node = JSON.valueToTree(m);
          out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
        }
        move(manifestPart, manifest);
        dropOlder(id, users);
      } catch (IOException | RuntimeException e) {
        notes.add("the users read cannot be kept for the next run: " + e.getMessage());
      }
    }
  }

  /** Removes what this run wrote and did not keep. */
  @Override
  public synchronized void close() {
    for (Written w : written) {
      try {
        w.out.close();
      } catch (IOException e) {
        // removed next
      }
      try {
        Files.deleteIfExists(w.part);
      } catch (IOException e) {
        // swept by the next run under the lock
      }
    }
    written.clear();
  }

  /** What went wrong keeping users, one sentence each. */
  synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  private void dropOlder(String id, Path keep) {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(history.dir(), PREFIX + id + "-*.bin")) {
      for (Path p : ds) {
        if (!p.getFileName().equals(keep.getFileName()) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      notes.add("an older state of users could not be removed: " + e.getMessage());
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A file name part for a forest: its key's digest, whatever characters the key holds. */
  static String id(String key) {
    return sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest d = digest();
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    }
  }

  private static String sha256(byte[] b) {
    return HexFormat.of().formatHex(digest().digest(b));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java", e);
    }
  }
}
