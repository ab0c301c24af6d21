package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.wbaudit.audit.AnchorAttribute;

class ConfigFileTest {
  static final String CORP = "{\"name\":\"corp\",\"url\":\"ldaps://dc1.corp.example\","
      + "\"bindDn\":\"svc-sync@corp.example\",\"passwordEnv\":\"CORP_PW\"";

  static Path file(String text) throws Exception {
    Path p = Files.createTempFile("wbaudit-config", ".json");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void theIssuesExampleReadsWithDefaults() throws Exception {
    ConfigFile c = ConfigFile.read(file("""
        {"forests": [
          {"name": "corp", "url": "ldaps://dc1.corp.example", "bindDn": "svc-sync@corp.example",
           "passwordEnv": "CORP_SYNC_PASSWORD", "trustAll": false},
          {"name": "fabrikam", "url": "ldaps://dc1.fabrikam.example", "bindDn": "svc-sync@fabrikam.example",
           "passwordFile": "/etc/wbaudit/fabrikam.pw", "dcUrls": ["ldaps://10.1.2.3", "ldap://dc2.fabrikam.example"],
           "searchBases": ["OU=People,DC=fabrikam,DC=example"]}
        ],
        "anchors": ["userPrincipalName", "mail", "proxyAddresses", "mailNickname", "mS-DS-ConsistencyGuid"]}
        """));
    assertEquals(2, c.forests().size());
    ConfigFile.Forest corp = c.forests().get(0);
    assertEquals("dc1.corp.example", corp.url().host());
    assertEquals("CORP_SYNC_PASSWORD", corp.passwordEnv());
    assertEquals(ConfigFile.DEFAULT_PAGE_SIZE, corp.pageSize());
    assertEquals(ConfigFile.DEFAULT_READ_CONNECTIONS, corp.readConnections());
    assertFalse(corp.trustAll());
    assertEquals(Path.of("/etc/wbaudit/fabrikam.pw"), c.forests().get(1).passwordFile());
    assertEquals(2, c.forests().get(1).dcUrls().size());
    assertFalse(c.forests().get(1).dcUrls().get(1).secureFromStart());
    assertEquals(List.of(AnchorAttribute.values()), c.anchors());
    assertEquals(List.of("OU=People,DC=fabrikam,DC=example"), c.forests().get(1).searchBases());
    assertEquals(List.of(), corp.searchBases());
  }

  @Test
  void anchorsDefaultToAllAndKeepTheGivenOrder() throws Exception {
    assertEquals(List.of(AnchorAttribute.values()), ConfigFile.read(file("{\"forests\":[" + CORP + "}]}")).anchors());
    assertEquals(List.of(AnchorAttribute.MAIL, AnchorAttribute.USER_PRINCIPAL_NAME),
        ConfigFile.read(file("{\"forests\":[" + CORP + "}],\"anchors\":[\"MAIL\",\"userprincipalname\"]}")).anchors());
  }

  @Test
  void historyAndKeepRunsAreTopLevelKeys() throws Exception {
    ConfigFile c = ConfigFile.read(file("{\"forests\":[" + CORP + "}],\"history\":\"/var/lib/wbaudit/history\",\"keepRuns\":30}"));
    assertEquals(Path.of("/var/lib/wbaudit/history"), c.history());
    assertEquals(30, c.keepRuns());
    ConfigFile none = ConfigFile.read(file("{\"forests\":[" + CORP + "}]}"));
    assertEquals(null, none.history());
    for (String bad : List.of("\"history\":\"\"", "\"history\":3", "\"history\":\"h\",\"keepRuns\":0",
        "\"keepRuns\":5")) {
      UserError e = assertThrows(UserError.class,
          () -> ConfigFile.read(file("{\"forests\":[" + CORP + "}]," + bad + "}")), bad);
      assertEquals(ExitCode.USAGE, e.exitCode(), bad);
      assertTrue(e.getMessage().contains(bad.contains("keepRuns") ? "keepRuns" : "history"), e.getMessage());
    }
  }

  /** Each broken file is refused with exit 2, naming the key and what is wrong. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      not JSON             | {"forests": [                                                   | line 1, column 14: not valid JSON
      not an object        | []                                                              | must be a JSON object
      no forests           | {}                                                              | forests: must be a non-empty array
      empty forests        | {"forests": []}                                                 | forests: must be a non-empty array
      unknown top key      | {"forests": [CORP}], "anchor": []}                              | anchor: unknown key (known keys: forests, anchors, history, keepRuns, syncConfig, cloudSyncSchema)
      case slip            | {"forests": [CORP, "bindDN": "x"}]}                             | forests[0].bindDN: unknown key (did you mean "bindDn"?)
      missing url          | {"forests": [{"name":"a","bindDn":"b","passwordEnv":"P"}]}      | forests[0].url: missing
      bad url              | {"forests": [{"name":"a","url":"http://x","bindDn":"b","passwordEnv":"P"}]} | forests[0].url:
      missing name         | {"forests": [{"url":"ldaps://x","bindDn":"b","passwordEnv":"P"}]} | forests[0].name: missing
      name with a slash    | {"forests": [{"name":"a/b","url":"ldaps://x","bindDn":"b","passwordEnv":"P"}]} | forests[0].name: "a/b" may hold only
      two passwords        | {"forests": [CORP, "passwordFile": "/x"}]}                      | forests[0]: give exactly one of "passwordEnv" and "passwordFile"
      no password          | {"forests": [{"name":"a","url":"ldaps://x","bindDn":"b"}]}      | forests[0]: give exactly one of
      trustAll not boolean | {"forests": [CORP, "trustAll": "yes"}]}                         | forests[0].trustAll: must be true or false, not "yes"
      trust both ways      | {"forests": [CORP, "trustAll": true, "trustStore": "/ca.pem"}]} | forests[0]: "trustAll" and "trustStore" exclude each other
      page size text       | {"forests": [CORP, "pageSize": "big"}]}                         | forests[0].pageSize: must be a whole number from 1 to 10000, not "big"
      page size zero       | {"forests": [CORP, "pageSize": 0}]}                             | forests[0].pageSize: must be a whole number from 1 to 10000, not 0
      too many readers     | {"forests": [CORP, "readConnections": 9}]}                      | forests[0].readConnections: must be a whole number from 1 to 8
      dcUrls not a list    | {"forests": [CORP, "dcUrls": "ldaps://x"}]}                     | forests[0].dcUrls: must be an array
      bad dc url           | {"forests": [CORP, "dcUrls": ["ldaps://ok", "ftp://x"]}]}       | forests[0].dcUrls[1]:
      same name twice      | {"forests": [CORP}, CORP}]}                                     | forests[1].name: "corp" names two forests
      unknown anchor       | {"forests": [CORP}], "anchors": ["mail", "sn"]}                 | anchors[1]: "sn" is not an anchor attribute
      anchor twice         | {"forests": [CORP}], "anchors": ["mail", "Mail"]}               | anchors[1]: mail is listed twice
      search base not DN   | {"forests": [CORP, "searchBases": ["people"]}]}                 | forests[0].searchBases[0]: must be a DN, not "people"
      search bases string  | {"forests": [CORP, "searchBases": "OU=a"}]}                     | forests[0].searchBases: must be an array of DNs
      """)
  void aBrokenFileNamesTheKeyAndTheProblem(String what, String text, String expected) throws Exception {
    Path p = file(text.replace("CORP", CORP));
    UserError e = assertThrows(UserError.class, () -> ConfigFile.read(p));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void aMissingFileIsSaidSo() {
    UserError e = assertThrows(UserError.class, () -> ConfigFile.read(Path.of("/nonexistent/wbaudit.json")));
    assertEquals("/nonexistent/wbaudit.json: no such file", e.getMessage());
  }

  @Test
  void theCommandLineRefusesConfigWithUrlAndAMissingPasswordNamesTheForest() throws Exception {
    Path p = file("{\"forests\":[" + CORP + "}]}");
    Cli both = Cli.run("", "audit", "--config", p.toString(), "--url", "ldaps://x");
    assertEquals(2, both.exitCode());
    assertTrue(both.err().contains("--config excludes --url"), both.err());
    Cli neither = Cli.run("", "audit");
    assertEquals(2, neither.exitCode());
    assertTrue(neither.err().contains("give --url (or --domain), or --config FILE"), neither.err());
    Cli noPassword = Cli.run("", "audit", "--config", p.toString());
    assertEquals(2, noPassword.exitCode());
    assertTrue(noPassword.err().contains("forests[0] (corp)") && noPassword.err().contains("CORP_PW"),
        noPassword.err());
  }

  @Test
  void kerberosForestsNeedNoPasswordAndEveryMistakeIsNamedByKey() throws Exception {
    ConfigFile c = ConfigFile.read(file("{\"forests\":[{\"name\":\"corp\",\"url\":\"ldap://dc1.corp.example\","
        + "\"auth\":\"kerberos\",\"krb5Conf\":\"/etc/krb5.conf\",\"dcHostname\":\"dc1.corp.example\"},"
        + "{\"name\":\"fab\",\"url\":\"ldap://dc1.fab.example\",\"auth\":\"kerberos\",\"bindDn\":\"svc@FAB.EXAMPLE\","
        + "\"keytab\":\"/etc/wbaudit/fab.keytab\"}]}"));
    assertTrue(c.forests().get(0).kerberos());
    assertEquals(Path.of("/etc/krb5.conf"), c.forests().get(0).krb5Conf());
    assertEquals("dc1.corp.example", c.forests().get(0).dcHostname());
    assertEquals(Path.of("/etc/wbaudit/fab.keytab"), c.forests().get(1).keytab());
    String base = "{\"name\":\"corp\",\"url\":\"ldap://dc1.corp.example\"";
    for (String[] bad : new String[][] {
        {base + ",\"auth\":\"ntlm\"}", "forests[0].auth", "must be \"simple\" or \"kerberos\""},
        {CORP + ",\"keytab\":\"/k\"}", "forests[0].keytab", "needs \"auth\": \"kerberos\""},
        {base + ",\"auth\":\"kerberos\",\"keytab\":\"/k\"}", "forests[0].bindDn", "missing"},
        {base + ",\"auth\":\"kerberos\",\"bindDn\":\"a@B\",\"keytab\":\"/k\",\"passwordEnv\":\"X\"}",
            "forests[0].keytab", "exclude each other"},
        {base + ",\"auth\":\"kerberos\",\"krb5Conf\":\"/a\"},{\"name\":\"b\",\"url\":\"ldap://b\","
            + "\"auth\":\"kerberos\",\"krb5Conf\":\"/b\"}", "forests[1].krb5Conf", "the same Kerberos configuration"}}) {
      UserError e = assertThrows(UserError.class, () -> ConfigFile.read(file("{\"forests\":[" + bad[0] + "]}")));
      assertTrue(e.getMessage().contains(bad[1]) && e.getMessage().contains(bad[2]), bad[0] + " -> " + e.getMessage());
    }
  }
}
