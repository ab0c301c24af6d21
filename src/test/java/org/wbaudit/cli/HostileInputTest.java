package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bad and hostile input, each refused or handled with its exit code and one clear line, without
 * connecting anywhere (the URLs below are never reached: every check comes first).
 */
class HostileInputTest {
  static final String NOWHERE = "ldaps://127.0.0.1:1";

  static void assertOneLine(Cli r, int code, String contains) {
    assertEquals(code, r.exitCode(), r.err());
    assertTrue(r.err().contains(contains), r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void anEndlessPasswordFileIsRefusedNotReadIntoTheHeap() {
    Cli r = Cli.run("", "audit", "--url", NOWHERE, "--bind-dn", "a@b", "--password-file", "/dev/zero");
    assertOneLine(r, 2, "not a password file");
  }

  @Test
  void aPasswordInTheUrlIsRefusedAndNeverEchoed() {
    Cli r = Cli.run("", "audit", "--url", "ldaps://sync:Secr3t!@dc1.corp.example", "--bind-dn", "a@b",
        "--password-env", "PW");
    assertOneLine(r, 2, "user name or password in the URL");
    assertFalse(r.err().contains("Secr3t"), r.err());
    assertOneLine(Cli.run("", "audit", "--url", "ldaps://dc1:99999", "--bind-dn", "a", "--password-env", "PW"),
        2, "not a TCP port");
  }

  @Test
  void aTrustStoreThatIsNoneIsNamedBeforeAnythingConnects() throws Exception {
    Path bad = Files.createTempFile("wbaudit", ".jks");
    Files.writeString(bad, "not a key store");
    assertOneLine(Cli.run("", "audit", "--url", NOWHERE, "--bind-dn", "a", "--password-env", "PW",
        "--trust-store", bad.toString()), 2, bad + ": it is neither a PEM file nor a JKS or PKCS12");
  }

  @Test
  void searchBasesAreCheckedBeforeAnythingConnects() {
    assertOneLine(Cli.run("", "audit", "--url", NOWHERE, "--bind-dn", "a", "--password-env", "PW",
        "--search-base", "notadn"), 2, "\"notadn\" is not a DN");
    assertOneLine(Cli.run("", "audit", "--url", NOWHERE, "--bind-dn", "a", "--password-env", "PW",
        "--search-base", "DC=corp,DC=example", "--search-base", "OU=HR,DC=corp,DC=example"), 2,
        "OU=HR,DC=corp,DC=example is at or below DC=corp,DC=example");
  }

  @Test
  void aConfigFileRefusesTheOptionsItWouldIgnoreAndKeysGivenTwice() throws Exception {
    Path config = Files.createTempFile("wbaudit", ".json");
    Files.writeString(config, "{\"forests\": [{\"name\": \"corp\", \"url\": \"ldaps://x\", \"bindDn\": \"b\","
        + " \"passwordEnv\": \"P\"}]}");
    for (String[] extra : new String[][] {{"--timeout", "5"}, {"--connect-timeout", "5"},
        {"--search-base", "DC=x"}, {"--read-connections", "3"}}) {
      assertOneLine(Cli.run("", "audit", "--config", config.toString(), extra[0], extra[1]), 2,
          "--config excludes");
    }
    Files.writeString(config, "{\"forests\": [{\"name\": \"corp\", \"name\": \"other\", \"url\": \"ldaps://x\","
        + " \"bindDn\": \"b\", \"passwordEnv\": \"P\"}]}");
    assertOneLine(Cli.run("", "audit", "--config", config.toString()), 2, "Duplicate field 'name'");
    Files.writeString(config, "{\"forests\": [{\"name\": \"" + "n".repeat(100_000) + "\", \"url\": \"ldaps://x\","
        + " \"bindDn\": \"b\", \"passwordEnv\": \"P\"}]}");
    Cli longName = Cli.run("", "audit", "--config", config.toString());
    assertOneLine(longName, 2, "at most 64");
    assertTrue(longName.err().length() < 1000, "the message does not repeat the whole name");
  }

  @Test
  void aBaselineOfAnotherSchemaOrNoneIsRefused() throws Exception {
    Path old = Files.createTempFile("wbaudit", ".json");
    Files.writeString(old, "{\"schemaVersion\": \"3.0\", \"findings\": []}");
    assertOneLine(Cli.run("", "demo", "--baseline", old.toString()), 2, "of schema 3.0");
    Files.writeString(old, "{\"findings\": []}");
    assertOneLine(Cli.run("", "demo", "--baseline", old.toString()), 2, "no schemaVersion");
  }

  @Test
  void anEventLogInUtf16WithAByteOrderMarkIsReadAndABinaryFileIsNamed() throws Exception {
    String xml = "<Event><System><Provider Name=\"PasswordResetService\"/><EventID>31001</EventID>"
        + "<TimeCreated SystemTime=\"2026-11-01T10:00:00.000Z\"/></System><EventData><Data>x</Data>"
        + "</EventData></Event>";
    Path wide = Files.createTempFile("wbaudit-events", ".xml");
    byte[] body = xml.getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[body.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(body, 0, withBom, 2, body.length);
    Files.write(wide, withBom);
    Cli r = Cli.run("", "events", wide.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Events read: 1"), r.out());
    Path binary = Files.createTempFile("wbaudit-events", ".evtx");
    Files.write(binary, new byte[] {0x45, 0x6c, 0x66, 0x46, 0, 0, 0, 1, 2, 3});
    assertOneLine(Cli.run("", "events", binary.toString()), 5, binary + ": not a text event log");
  }

  @Test
  void theReportGoesIntoAFifoOrADeviceWithoutReplacingIt() throws Exception {
    Path dir = Files.createTempDirectory("wbaudit-nodes");
    Path fifo = dir.resolve("report.fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    // A reader for the FIFO, as a log shipper would be.
    Process cat = new ProcessBuilder("cat", fifo.toString()).redirectOutput(dir.resolve("read").toFile()).start();
    Cli r = Cli.run("", "demo", "--output", fifo.toString(), "--fail-on", "critical");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(cat.waitFor(30, TimeUnit.SECONDS));
    assertTrue(Files.readString(dir.resolve("read")).contains("\"schemaVersion\""));
    assertTrue(isFifo(fifo), "the FIFO is still a FIFO");
    Cli toStdout = Cli.run("", "demo", "--output", "/dev/stdout", "--fail-on", "critical");
    assertEquals(0, toStdout.exitCode(), toStdout.err());
    assertTrue(Files.isSymbolicLink(Path.of("/dev/stdout")), "/dev/stdout is still a link");
    assertOneLine(Cli.run("", "demo", "--output", dir.toString()), 2, "is a folder");
    assertOneLine(Cli.run("", "demo", "--output", ""), 2, "empty file name");
  }

  /**
   * A character device of the test's own (the null device's numbers, made with mknod in a
   * temporary folder, so a regression that replaced it could not harm the machine's /dev/null).
   * Making a device node needs root: an integration test, as the suite's other root-only tests.
   */
  @Test
  @org.junit.jupiter.api.Tag("integration")
  void theReportGoesIntoADeviceWithoutReplacingIt() throws Exception {
    Path dir = Files.createTempDirectory("wbaudit-device");
    Path device = dir.resolve("null");
    Process mknod = new ProcessBuilder("mknod", device.toString(), "c", "1", "3").redirectErrorStream(true).start();
    String said = new String(mknod.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, mknod.waitFor(), "mknod (needs root, as the integration suite runs): " + said);
    Cli toDevice = Cli.run("", "demo", "--output", device.toString(), "--fail-on", "critical");
    assertEquals(0, toDevice.exitCode(), toDevice.err());
    assertTrue(Files.readAttributes(device, java.nio.file.attribute.BasicFileAttributes.class).isOther(),
        "the device is still a device");
    try (var left = Files.list(dir)) {
      assertEquals(List.of(device), left.toList(), "nothing written beside it");
    }
    Files.delete(device);
    Files.delete(dir);
  }

  static boolean isFifo(Path p) throws Exception {
    Process stat = new ProcessBuilder("stat", "-c", "%F", p.toString()).start();
    return new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains("fifo");
  }

  /** #24: a NUL, an escape or a bell in a configuration's path is the key's mistake, printed safely. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "history, '', history", "passwordFile, forest, forests[0].passwordFile",
    "keytab, forest, forests[0].keytab", "trustStore, forest, forests[0].trustStore"})
  void aControlCharacterInAConfigPathIsAUsageErrorNamingTheKey(String key, String where, String named,
      @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    for (String bad : List.of("\\u0000", "\\u001b[31m", "\\u0007")) {
      String entry = "\"" + key + "\": \"/tmp/x" + bad + "y\"";
      String forest = "{\"name\": \"corp\", \"url\": \"" + NOWHERE + "\", \"bindDn\": \"svc@corp\""
          + (key.equals("keytab") ? ", \"auth\": \"kerberos\"" : key.equals("passwordFile") ? ""
              : ", \"passwordEnv\": \"PW\"") + (where.isEmpty() ? "" : ", " + entry) + "}";
      Path config = Files.writeString(tmp.resolve("c.json"),
          "{" + (where.isEmpty() ? entry + ", " : "") + "\"forests\": [" + forest + "]}");
      Cli r = Cli.run("", java.util.Map.of("PW", "x"), "audit", "--config", config.toString());
      assertOneLine(r, 2, named + ": holds a control character (U+");
      assertFalse(r.err().contains("\u001b") || r.err().contains("\u0007"), "raw control on the terminal: " + r.err());
    }
  }

  @Test
  void theInternalErrorLineEscapesWhatItQuotes() {
    String line = Main.internalError(new IllegalStateException("bad \u001b]0;title\u0007 path"));
    assertFalse(line.contains("\u001b") || line.contains("\u0007"), line);
    assertTrue(line.startsWith("wbaudit: internal error: java.lang.IllegalStateException: bad "), line);
  }
}
