package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync engine's configuration that cannot be used is a usage error (exit 2) naming the file and
 * the element, before anything connects: no report, nothing half-read taken as whole. The
 * audit's --url points at a port nothing listens on, so reaching it would be exit 3.
 */
class SyncConfigInputTest {
  static final Path VARIANT = Path.of("src/test/resources/syncconfig/two-forests");
  static final String CONNECTOR = "Connector_{0d5e0b7a-1111-4c2e-9a51-6a1f00000001}.xml";

  @TempDir Path tmp;

  Cli audit(String... more) {
    List<String> a = new ArrayList<>(List.of("audit", "--url", "ldaps://127.0.0.1:1", "--bind-dn",
        "svc@corp.example.test", "--password-env", "PW", "--output", tmp.resolve("report.json").toString()));
    a.addAll(List.of(more));
    return Cli.run("", java.util.Map.of("PW", "secret"), a.toArray(String[]::new));
  }

  void usage(Cli r, String... says) {
    assertEquals(2, r.exitCode(), r.err());
    for (String s : says) {
      assertTrue(r.err().contains(s), "stderr should say " + s + ": " + r.err());
    }
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(tmp.resolve("report.json")), "no report");
  }

  /** A copy of the variant export whose AD connector file holds {@code text}. */
  Path exportWithConnector(String text) throws Exception {
    Path dir = tmp.resolve("export");
    org.wbaudit.TestFiles.copy(VARIANT, dir);
    Files.writeString(dir.resolve("Connectors").resolve(CONNECTOR), text);
    return dir;
  }

  @Test
  void aFolderThatIsNotAnExport() throws Exception {
    Path notExport = Files.createDirectories(tmp.resolve("photos"));
    Files.writeString(notExport.resolve("holiday.jpg"), "x");
    usage(audit("--sync-config", notExport.toString()), notExport.toString(),
        "not an export of Get-ADSyncServerConfiguration");
    usage(audit("--sync-config", tmp.resolve("absent").toString()), "no such folder");
  }

  @Test
  void aTruncatedFileIsNamedWithItsLine() throws Exception {
    String whole = Files.readString(VARIANT.resolve("Connectors").resolve(CONNECTOR));
    Path dir = exportWithConnector(whole.substring(0, whole.indexOf("<ma-partition-data>") + 40));
    usage(audit("--sync-config", dir.toString()), CONNECTOR, ": line ", "not well-formed XML");
  }

  @Test
  void anXmlBombAndADtdAreRefusedUnread() throws Exception {
    StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE ma-data [<!ENTITY a \"aaaaaaaaaa\">");
    for (int i = 1; i < 10; i++) {
      bomb.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
    }
    bomb.append("]><ma-data><name>&a9;</name></ma-data>");
    Path dir = exportWithConnector(bomb.toString());
    Cli r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> audit("--sync-config", dir.toString()));
    usage(r, CONNECTOR, "a DTD (<!DOCTYPE");
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    Path dir2 = tmp.resolve("export2");
    org.wbaudit.TestFiles.copy(VARIANT, dir2);
    Files.writeString(dir2.resolve("GlobalSettings/MV.xml"), "<!DOCTYPE s [<!ENTITY x SYSTEM \""
        + secret.toUri() + "\">]><saved-mv-configuration server='&x;'/>");
    Cli external = audit("--sync-config", dir2.toString());
    usage(external, "MV.xml", "DTD");
    assertFalse(external.err().contains("TOP-SECRET") || external.out().contains("TOP-SECRET"));
  }

  @Test
  void aGigabyteFileIsRefusedBeforeItIsRead() throws Exception {
    Path dir = exportWithConnector("");
    try (RandomAccessFile f = new RandomAccessFile(dir.resolve("Connectors").resolve(CONNECTOR).toFile(), "rw")) {
      f.setLength(1L << 30); // sparse: no disk is spent
    }
    Cli r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> audit("--sync-config", dir.toString()));
    usage(r, CONNECTOR, "too large: 1073741824 bytes");
  }

  @Test
  void aFifoNamedLikeAConnectorIsNotOpened() throws Exception {
    Path dir = exportWithConnector("");
    Path fifo = dir.resolve("Connectors").resolve(CONNECTOR);
    Files.delete(fifo);
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Cli r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> audit("--sync-config", dir.toString()));
    usage(r, CONNECTOR, "not a regular file");
  }

  @Test
  void aRequiredElementMissingIsNamedByItsPath() throws Exception {
    String whole = Files.readString(VARIANT.resolve("Connectors").resolve(CONNECTOR));
    Path dir = exportWithConnector(whole.replace("<forest-name>corp.example.test</forest-name>", ""));
    usage(audit("--sync-config", dir.toString()), CONNECTOR,
        "/ma-data/private-configuration/adma-configuration/forest-name: missing");
  }

  @Test
  void aJsonThatIsNotCloudSyncsSchema() throws Exception {
    Path notSchema = Files.writeString(tmp.resolve("job.json"), "{\"id\": \"x\", \"value\": []}");
    usage(audit("--cloud-sync-schema", notSchema.toString()), notSchema.toString(), "not a Cloud Sync job's schema");
    Path truncated = Files.writeString(tmp.resolve("cut.json"), "{\"synchronizationRules\": [{\"name\":");
    usage(audit("--cloud-sync-schema", truncated.toString()), truncated.toString(), "not valid JSON");
    Path noAd = Files.writeString(tmp.resolve("noad.json"), "{\"synchronizationRules\": [{\"sourceDirectoryName\":"
        + " \"AzureActiveDirectory\", \"targetDirectoryName\": \"corp.example\"}]}");
    usage(audit("--cloud-sync-schema", noAd.toString()), "no rule provisions from Active Directory");
  }

  @Test
  void theScopeAndThePrincipalComeFromOnePlace() throws Exception {
    usage(audit("--sync-config", VARIANT.toString(), "--scope-ou", "OU=Sales,DC=corp,DC=example,DC=test"),
        "--sync-config and --scope-ou");
    usage(audit("--sync-config", VARIANT.toString(), "--principal", "svc-sync"), "--sync-config and --principal");
    usage(audit("--cloud-sync-schema", tmp.resolve("x.json").toString(), "--scope-group", "CN=G,DC=c"),
        "--cloud-sync-schema and --scope-group");
    usage(audit("--sync-config", VARIANT.toString(), "--cloud-sync-schema", tmp.resolve("x.json").toString()),
        "exclude each other");
    Path config = Files.writeString(tmp.resolve("forests.json"), "{\"syncConfig\": \"" + VARIANT.toAbsolutePath()
        + "\", \"forests\": [{\"name\": \"corp\", \"url\": \"ldaps://127.0.0.1:1\", \"bindDn\": \"svc\","
        + " \"passwordEnv\": \"PW\", \"scope\": {\"ous\": [\"OU=Sales,DC=corp,DC=example,DC=test\"]}}]}");
    Cli r = Cli.run("", java.util.Map.of("PW", "x"), "audit", "--config", config.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("forests[0].scope") && r.err().contains("syncConfig"), r.err());
    Path nul = Files.writeString(tmp.resolve("nul.json"), "{\"syncConfig\": \"/tmp/a\\u0000b\", \"forests\": [{\"name\":"
        + " \"corp\", \"url\": \"ldaps://127.0.0.1:1\", \"bindDn\": \"svc\", \"passwordEnv\": \"PW\"}]}");
    Cli n = Cli.run("", java.util.Map.of("PW", "x"), "audit", "--config", nul.toString());
    assertEquals(2, n.exitCode(), n.err());
    assertTrue(n.err().contains("syncConfig: holds a control character (U+0000)"), n.err());
  }
}
