package org.wbaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kept runs as the packaged tool writes and reads them, in a process of its own: private whatever
 * the umask it inherits, and a baseline of 100,000 users read in the heap the audit itself needs.
 */
@Tag("integration")
class KeptRunsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The packaged tool; another build can be named with -Dwbaudit.jar (to measure an older one). */
  private static final Path JAR = Path.of(System.getProperty("wbaudit.jar", "target/wbaudit.jar"));

  @TempDir Path tmp;

  /** Runs the packaged tool under {@code sh}, with this umask and heap, and returns its exit. */
  static Result wbaudit(String umask, String heap, Path cwd, String... args) throws Exception {
    assertTrue(Files.isRegularFile(JAR), "the packaged jar: " + JAR.toAbsolutePath());
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh",
        ProcessHandle.current().info().command().orElse("java"), "-Xmx" + heap, "-jar",
        JAR.toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectError(cwd.resolve("stderr").toFile())
        .redirectOutput(cwd.resolve("stdout").toFile()).start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the run did not end");
    return new Result(p.exitValue(), Files.readString(cwd.resolve("stdout")), Files.readString(cwd.resolve("stderr")));
  }

  record Result(int code, String out, String err) {}

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void everyFileHoldingDirectoryDataIsPrivateWhateverTheUmask() throws Exception {
    for (String umask : List.of("022", "000")) {
      Path work = Files.createDirectories(tmp.resolve("umask" + umask));
      Result r = wbaudit(umask, "256m", work, "demo", "--fail-on", "critical", "--history", "kept/runs",
          "--output-dir", "out/reports", "--format", "json,html,csv,sarif,jsonl,prometheus", "--quiet");
      assertEquals(0, r.code(), r.err());
      for (Path dir : List.of(work.resolve("kept"), work.resolve("kept/runs"), work.resolve("out"),
          work.resolve("out/reports"))) {
        assertEquals("rwx------", mode(dir), "created by wbaudit under umask " + umask + ": " + dir);
      }
      List<Path> files = new ArrayList<>();
      try (var s = Files.list(work.resolve("kept/runs"))) {
        s.forEach(files::add);
      }
      try (var s = Files.list(work.resolve("out/reports"))) {
        s.forEach(files::add);
      }
      assertEquals(2 + 6, files.size(), "a kept run, the lock, six reports: " + files);
      for (Path f : files) {
        assertEquals("rw-------", mode(f), "under umask " + umask + ": " + f);
      }
    }
    // A folder the admin made is theirs: wbaudit leaves its mode alone.
    Path own = Files.createDirectories(tmp.resolve("own"));
    Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwxr-x---"));
    Path work = Files.createDirectories(tmp.resolve("third"));
    assertEquals(0, wbaudit("022", "256m", work, "demo", "--fail-on", "critical", "--history", own.toString(),
        "--quiet").code());
    assertEquals("rwxr-x---", mode(own));
  }

  /**
   * A kept report of 100,000 users (a grouped finding per container of 100, and a finding of its
   * own for every other user) is the baseline of a run limited to 128 MB of heap: the ids are
   * streamed and kept as digests, and the 150,000 findings the run no longer has are resolved.
   */
  @Test
  void aHundredThousandUserBaselineIsReadIn128MegabytesOfHeap() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("big"));
    Path history = Files.createDirectories(work.resolve("history"));
    assertEquals(0, wbaudit("077", "256m", work, "demo", "--fail-on", "critical", "--history", "history",
        "--quiet").code());
    Path template;
    try (var s = Files.list(history)) {
      template = s.filter(p -> p.getFileName().toString().startsWith("run-")).findFirst().orElseThrow();
    }
    JsonNode shape;
    try (var in = new GZIPInputStream(Files.newInputStream(template))) {
      shape = JSON.readTree(in);
    }
    Path big = history.resolve("run-20000101T000000000Z-complete.json.gz");
    int users = 100_000;
    writeLargeRun(shape, big, users);
    Files.delete(template);
    long bytes;
    try (var in = new GZIPInputStream(Files.newInputStream(big))) {
      bytes = in.transferTo(OutputStream.nullOutputStream());
    }
    assertTrue(bytes > 50_000_000, "a large kept run: " + bytes + " bytes of JSON");

    Result r = wbaudit("077", "128m", work, "demo", "--fail-on", "critical", "--history", "history",
        "--format", "json", "--quiet");
    assertEquals(0, r.code(), r.err());
    JsonNode diff = JSON.readTree(r.out()).get("diff");
    assertEquals(big.getFileName().toString(), diff.get("baseline").asText());
    assertEquals(users + users / 2, diff.get("resolved").size(), "every synthetic finding is resolved");
    JsonNode grouped = diff.get("resolved").get(0);
    assertEquals("big.example/RESET_PASSWORD_NOT_GRANTED:" + guid(0), grouped.get("id").asText());
    assertEquals("CN=user0,OU=ou0,DC=big,DC=example", grouped.get("dn").asText(),
        "a grouped finding's DN comes from the report's objects");
  }

  private static String guid(int i) {
    return new UUID(0x5eed, i).toString();
  }

  /**
   * Writes the demo's kept run with 100,000 synthetic users in place of its objects and findings,
   * streamed (the test itself runs in a bounded heap too).
   */
  private static void writeLargeRun(JsonNode shape, Path target, int users) throws Exception {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target), 1 << 16);
        JsonGenerator g = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = shape.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        switch (e.getKey()) {
          case "objects" -> {
            g.writeArrayFieldStart("objects");
            for (int i = 0; i < users; i++) {
              g.writeStartObject();
              g.writeStringField("dn", "CN=user" + i + ",OU=ou" + i / 100 + ",DC=big,DC=example");
              g.writeStringField("objectGuid", guid(i));
              g.writeStringField("samAccountName", "user" + i);
              g.writeBooleanField("inScope", true);
              g.writeBooleanField("ready", false);
              g.writeStringField("objectSid", "S-1-5-21-3623811015-3361044348-30300820-" + (10_000 + i));
              g.writeStringField("userPrincipalName", "user" + i + "@big.example");
              g.writeStringField("rights", "v1");
              g.writeStringField("operations", "o1");
              g.writeArrayFieldStart("blockers");
              g.writeString("RESET_PASSWORD_NOT_GRANTED");
              g.writeEndArray();
              g.writeStringField("why", "No ACE on CN=user" + i + " or its containers grants the connector"
                  + " account Reset Password; the nearest deny is inherited from OU=ou" + i / 100 + ".");
              g.writeEndObject();
            }
            g.writeEndArray();
          }
          case "findings" -> {
            g.writeArrayFieldStart("findings");
            String prefix = "big.example/RESET_PASSWORD_NOT_GRANTED:";
            for (int ou = 0; ou < users / 100; ou++) {
              g.writeStartObject();
              g.writeStringField("id", "big.example/RESET_PASSWORD_NOT_GRANTED@OU=ou" + ou);
              g.writeStringField("rule", "RESET_PASSWORD_NOT_GRANTED");
              g.writeStringField("severity", "high");
              g.writeStringField("forest", "big.example");
              g.writeStringField("message", "the connector account may not reset these users' passwords");
              g.writeStringField("container", "OU=ou" + ou + ",DC=big,DC=example");
              g.writeNumberField("count", 100);
              g.writeStringField("idPrefix", prefix);
              g.writeArrayFieldStart("objects");
              for (int i = ou * 100; i < ou * 100 + 100; i++) {
                g.writeString(guid(i));
              }
              g.writeEndArray();
              g.writeEndObject();
            }
            for (int i = 0; i < users; i += 2) {
              g.writeStartObject();
              g.writeStringField("id", "big.example/PASSWORD_NEVER_EXPIRES:" + guid(i));
              g.writeStringField("rule", "PASSWORD_NEVER_EXPIRES_MUST_CHANGE_IGNORED");
              g.writeStringField("severity", "low");
              g.writeStringField("forest", "big.example");
              g.writeStringField("dn", "CN=user" + i + ",OU=ou" + i / 100 + ",DC=big,DC=example");
              g.writeStringField("message", "the password never expires: 'must change at next logon' is ignored");
              g.writeEndObject();
            }
            g.writeEndArray();
          }
          default -> {
            g.writeFieldName(e.getKey());
            g.writeTree(e.getValue());
          }
        }
      }
      g.writeEndObject();
    }
  }
}
