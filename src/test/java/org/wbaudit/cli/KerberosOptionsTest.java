package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wbaudit.directory.Kerberos;

/** The Kerberos and discovery options: every wrong combination is a usage error, before any traffic. */
class KerberosOptionsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--url ldap://dc1 --domain corp.example --bind-dn a@B --password-env X | --url or --domain, not both",
      "--bind-dn a@B --password-env X | give --url (or --domain)",
      "--url ldap://dc1 --site hq --auth kerberos | --site needs --domain",
      "--domain corp.example --dc-hostname dc1 --auth kerberos | --dc-hostname goes with --url",
      "--url ldap://dc1 --keytab /k --bind-dn a@B | --keytab needs --auth kerberos",
      "--url ldap://dc1 --krb5-conf /k --bind-dn a@B --password-env X | --krb5-conf needs --auth kerberos",
      "--url ldap://dc1 --auth kerberos --keytab /k | --keytab needs --bind-dn account@REALM",
      "--url ldap://dc1 --auth kerberos --bind-dn CN=svc,DC=corp | not a DN",
      "--url ldap://dc1 --auth kerberos --bind-dn a@B --keytab /k --password-env X | exclude each other",
      "--url ldap://dc1 --auth kerberos --dns-server host:99999 | --dns-server: the port",
      "--url ldap://dc1 --auth kerberos --krb5-conf /no/such/krb5.conf | --krb5-conf: /no/such/krb5.conf: no such file",
      "--url ldap://dc1 --auth basic | --auth",
      "--url ldap://dc1 --password-env X | give --bind-dn"})
  void wrongCombinationsAreUsageErrors(String args, String said) {
    Cli r = Cli.run("", ("audit " + args).split(" "));
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains(said), r.err());
  }

  @Test
  void theTicketCacheIsKrb5ccnameAsJavaCanReadIt() {
    assertEquals(Path.of("/tmp/cc"), KerberosCredentials.ticketCache(Map.of("KRB5CCNAME", "FILE:/tmp/cc")));
    assertEquals(Path.of("/tmp/cc"), KerberosCredentials.ticketCache(Map.of("KRB5CCNAME", "/tmp/cc")));
    assertTrue(KerberosCredentials.ticketCache(Map.of()).toString().startsWith("/tmp/krb5cc_"));
    UserError keyring = assertThrows(UserError.class,
        () -> KerberosCredentials.ticketCache(Map.of("KRB5CCNAME", "KEYRING:persistent:0")));
    assertTrue(keyring.getMessage().contains("KEYRING: cache; Java reads only file caches"), keyring.getMessage());
  }

  @Test
  void credentialsComeFromTheKeytabThePasswordOrTheCache() throws Exception {
    Path conf = Files.createTempFile("krb5", ".conf");
    Map<String, String> env = Map.of("KRB5_CONFIG", conf + ":/etc/krb5.conf", "KRB5CCNAME", "FILE:/tmp/none");
    Kerberos keytab = KerberosCredentials.choose("svc@CORP", Path.of("/k"), null, false, env, null);
    assertEquals(Kerberos.Source.KEYTAB, keytab.source());
    assertEquals(conf, keytab.krb5Conf(), "KRB5_CONFIG's first file");
    assertEquals(Kerberos.Source.PASSWORD,
        KerberosCredentials.choose("svc@CORP", null, null, true, env, null).source());
    Kerberos cache = KerberosCredentials.choose(null, null, null, false, env, null);
    assertEquals(Kerberos.Source.TICKET_CACHE, cache.source());
    assertEquals(Path.of("/tmp/none"), cache.ticketCache(), "no terminal: no prompt, the cache's error");
  }

  /** #24: a device or a FIFO as the ticket cache is refused before Java's Kerberos opens it. */
  @Test
  void aTicketCacheThatIsADeviceOrAFifoIsRefusedAtOnce(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Path fifo = tmp.resolve("cc.fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    for (String cache : java.util.List.of("FILE:/dev/zero", "FILE:" + fifo, fifo.toString())) {
      Cli r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
          () -> Cli.run("", Map.of("KRB5CCNAME", cache), "audit", "--url", "ldap://127.0.0.1:1", "--auth",
              "kerberos", "--quiet"));
      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().contains("KRB5CCNAME: ") && r.err().contains("is not a regular file"), r.err());
    }
  }

  /**
   * #24: Java's own loader hangs on a FIFO in a krb5.conf's includedir (and reads a device
   * forever): every file it would read is checked first, named with the file that included it.
   */
  @Test
  void aKrb5ConfIncludingAFifoIsRefusedNamingIt(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("krb5.conf.d"));
    Files.writeString(dir.resolve("realms.conf"), "[realms]\n");
    Files.writeString(dir.resolve(".hidden"), "ignored, as Java ignores it");
    Path fifo = dir.resolve("evil.conf");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Path conf = Files.writeString(tmp.resolve("krb5.conf"), "[libdefaults]\n  default_realm = CORP\n"
        + "includedir " + dir + "\n");
    Cli r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
        () -> Cli.run("", Map.of(), "audit", "--url", "ldap://127.0.0.1:1", "--auth", "kerberos",
            "--krb5-conf", conf.toString(), "--bind-dn", "svc@CORP", "--password-env", "PW", "--quiet"));
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--krb5-conf: " + fifo + " (included from " + conf + "): not a regular file"), r.err());

    Files.delete(fifo);
    Path include = Files.writeString(tmp.resolve("big.conf"), "#".repeat((int) org.wbaudit.directory.Krb5ConfFiles.MAX_SIZE + 1));
    Files.writeString(conf, "include " + include + "\n");
    Cli big = Cli.run("", Map.of(), "audit", "--url", "ldap://127.0.0.1:1", "--auth", "kerberos",
        "--krb5-conf", conf.toString(), "--bind-dn", "svc@CORP", "--password-env", "PW", "--quiet");
    assertEquals(2, big.exitCode(), big.err());
    assertTrue(big.err().contains(include + " (included from " + conf + "): ") && big.err().contains("too large"), big.err());
    assertEquals(java.util.List.of(conf, dir.resolve("realms.conf")),
        org.wbaudit.directory.Krb5ConfFiles.check(Files.writeString(conf, "includedir " + dir + "\n")),
        "the files Java reads: .hidden is not one");
  }
}
