package org.wbaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POSIX launcher's class-data-sharing archive, run from the packaged zip as a user would:
 * made once, in the user's own folder, by a demo of its own; mapped by later runs (the JVM's
 * class loading log says where each class came from); never used when cut short, which would
 * crash the JVM; left out when asked; two first runs at once both end well; and of other
 * installs' archives the newest is kept.
 */
@Tag("integration")
class LauncherTest {
  @TempDir Path tmp;
  private Path launcher;
  private Path home;

  @BeforeEach
  void unpack() throws IOException {
    Path zip;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      zip = files.filter(f -> f.getFileName().toString().matches("wbaudit-.*\\.zip")).findFirst()
          .orElseThrow(() -> new AssertionError("no target/wbaudit-*.zip: run mvn package"));
    }
    Path dist = tmp.resolve("dist");
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path to = dist.resolve(e.getName()).normalize();
        if (e.isDirectory()) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    try (Stream<Path> found = Files.find(dist, 2, (p, a) -> p.getFileName().toString().equals("wbaudit"))) {
      launcher = found.findFirst().orElseThrow();
    }
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    home = Files.createDirectories(tmp.resolve("home"));
  }

  @Test
  void theFirstAuditMakesTheArchiveLaterRunsMapItAndNeverOneCutShort() throws Exception {
    Ran version = run(Map.of(), "--version");
    assertEquals(0, version.code, version.err);
    assertFalse(Files.exists(cache()), "--version makes no archive");

    Ran first = run(Map.of(), "demo", "--output-dir", "first", "--format", "json");
    assertEquals(1, first.code, first.err);  // the demo's findings are high
    assertEquals("", first.out, "the JVM says nothing of the archive on standard output");
    assertTrue(first.err.startsWith("wbaudit: wrote "), first.err);
    Path archive = onlyArchive();
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache())));
    String name = archive.getFileName().toString();
    assertEquals(Files.size(archive) + ".jsa", name.substring(name.indexOf('.') + 1), "its size is in its name");
    try (Stream<Path> all = Files.list(cache())) {
      assertEquals(List.of(archive), all.toList(), "no part and no demo output left behind");
    }

    Path log = tmp.resolve("classes.log");
    Ran second = run(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log),
        "demo", "--output-dir", "second", "--format", "json");
    assertEquals(1, second.code, second.err);
    String loaded = Files.readString(log);
    assertTrue(loaded.contains("org.wbaudit.cli.Main source: shared objects file (top)"),
        "wbaudit's classes come from the archive");
    assertEquals(List.of(archive), archives(), "a later run makes no other");

    // Cut short (a full disk, a crash), the archive would crash the JVM: it is never used.
    byte[] bytes = Files.readAllBytes(archive);
    Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-------"));
    Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));  // the JVM would crash on it

    Ran cut = run(Map.of(), "demo", "--output-dir", "cut", "--format", "json");
    assertEquals(1, cut.code, cut.err);
    assertTrue(cut.err.startsWith("wbaudit: wrote "), cut.err);
    try (Stream<Path> crashes = Files.list(tmp.resolve("work"))) {
      assertEquals(List.of(), crashes.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList());
    }
    Path again = onlyArchive();  // the cut one removed
    String made = again.getFileName().toString();
    assertEquals(Files.size(again) + ".jsa", made.substring(made.indexOf('.') + 1), "a whole archive made anew");
    assertTrue(Files.size(again) > bytes.length / 2, "not the cut one");
  }

  @Test
  void leftOutWhenAskedOrWhenTheJavaHasNoBaseArchive() throws Exception {
    assertEquals(1, run(Map.of("WBAUDIT_CDS", "off"), "demo", "--output-dir", "off").code);
    assertFalse(Files.exists(cache()), "WBAUDIT_CDS=off");
    assertEquals(1, run(Map.of("WBAUDIT_JAVA_OPTS", "-XX:+UseSerialGC"), "demo", "--output-dir", "opts").code);
    assertFalse(Files.exists(cache()), "the user's own JVM options");
    // A Java without the JDK's own archive cannot make one: the launcher does not ask it to.
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow()).toRealPath();
    Path bare = Files.createDirectories(tmp.resolve("jdk/bin")).resolve("java");
    Files.writeString(bare, "#!/bin/sh\nexec " + java + " \"$@\"\n");
    Files.setPosixFilePermissions(bare, PosixFilePermissions.fromString("rwxr-xr-x"));
    Ran noBase = run(Map.of("JAVA_HOME", tmp.resolve("jdk").toString()), "demo", "--output-dir", "nobase");
    assertEquals(1, noBase.code, noBase.err);
    assertFalse(Files.exists(cache()), "no base archive, no archive");
  }

  @Test
  void twoFirstRunsAtOnceBothEndWellAndOtherInstallsKeepTheirNewest() throws Exception {
    // Archives of two other installs (another jar or Java): the newer stays, the older goes.
    Files.createDirectories(cache());
    Path older = Files.writeString(cache().resolve("111.1.jsa"), "x");
    Path newer = Files.writeString(cache().resolve("222.1.jsa"), "y");
    Files.setLastModifiedTime(older, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
    Process a = start(Map.of(), "demo", "--output-dir", "a");
    Process b = start(Map.of(), "demo", "--output-dir", "b");
    assertTrue(a.waitFor(180, TimeUnit.SECONDS) && b.waitFor(180, TimeUnit.SECONDS), "two first runs did not end");
    assertEquals(1, a.exitValue());
    assertEquals(1, b.exitValue());
    assertFalse(Files.exists(older), "the older other archive is removed");
    assertTrue(Files.exists(newer), "the newest other archive is kept");
    Files.delete(newer);
    List<Path> made = archives();
    assertFalse(made.isEmpty());
    for (Path archive : made) {
      String name = archive.getFileName().toString();
      assertEquals(Files.size(archive) + ".jsa", name.substring(name.indexOf('.') + 1));
    }
    try (Stream<Path> all = Files.list(cache())) {
      assertEquals(made, all.sorted().toList(), "only whole archives are left");
    }
    assertEquals(1, run(Map.of(), "demo", "--output-dir", "c").code, "and a third run uses one");
  }

  private Path cache() {
    return home.resolve(".cache/wbaudit");
  }

  private List<Path> archives() throws IOException {
    try (Stream<Path> all = Files.list(cache())) {
      return all.filter(f -> f.getFileName().toString().endsWith(".jsa")).sorted().toList();
    }
  }

  private Path onlyArchive() throws IOException {
    List<Path> all = archives();
    assertEquals(1, all.size(), "one archive: " + all);
    return all.get(0);
  }

  private record Ran(int code, String out, String err) {}

  private Ran run(Map<String, String> env, String... args) throws Exception {
    Process p = start(env, args);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the launcher did not end in 180 s");
    Path work = tmp.resolve("work");
    return new Ran(p.exitValue(), Files.readString(work.resolve("out")).strip(),
        Files.readString(work.resolve("err")).strip());
  }

  private Process start(Map<String, String> env, String... args) throws IOException {
    Path work = Files.createDirectories(tmp.resolve("work"));
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(work.resolve("out").toFile()).redirectError(work.resolve("err").toFile());
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("WBAUDIT_") || k.equals("XDG_CACHE_HOME")
        || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JAVA_HOME"));
    e.put("HOME", home.toString());
    e.putAll(env);
    return pb.start();
  }
}
