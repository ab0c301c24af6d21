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
}
