package org.wbaudit.syncconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cloud Sync's scope from a job's schema (the variant written for the tests). */
class CloudSyncSchemaTest {
  static final Path SCHEMA = Path.of("src/test/resources/syncconfig/cloud-sync/schema.json");
  static final String GROUP = "CN=G-Cloud,OU=Groups,DC=corp,DC=example,DC=test";
  static final String NESTED = "CN=G-Team,OU=Groups,DC=corp,DC=example,DC=test";

  @Test
  void theAdToEntraRuleGivesDomainContainersAndGroup() {
    SyncEngine e = CloudSyncSchema.read(SCHEMA);
    assertEquals(SyncEngine.Kind.ENTRA_CLOUD_SYNC, e.kind());
    assertNull(e.writebackEnabled(), "the schema does not say");
    assertEquals(List.of("corp.example.test"), e.forests(), "the writeback rule runs the other way and is not read");
    SyncEngine.AdConnector c = e.connectorFor("corp.example.test");
    assertNull(c.account(), "the schema names no account: the gMSA is found in the directory");
    assertEquals(new SyncEngine.GroupScope(GROUP, 1), c.group());
    assertEquals(List.of("OU=Sales,DC=corp,DC=example,DC=test", "OU=HR,DC=corp,DC=example,DC=test"),
        c.partition("DC=corp,DC=example,DC=test").inclusions());
  }

  @Test
  void directMembersAndMembersOfGroupsThatAreDirectMembersAreInNothingDeeper() {
    SyncEngine e = CloudSyncSchema.read(SCHEMA);
    ConnectorScope s = new ConnectorScope(e, e.connectorFor("corp.example.test"), t -> null,
        Set.of(ConnectorScope.normalDn(NESTED)));
    assertEquals(true, s.decide("CN=a,OU=Sales,DC=corp,DC=example,DC=test", "user",
        a -> a.equals("memberOf") ? List.of(GROUP) : List.of()).inScope());
    ConnectorScope.Placement nested = s.decide("CN=b,OU=HR,DC=corp,DC=example,DC=test", "user",
        a -> a.equals("memberOf") ? List.of(NESTED) : List.of());
    assertEquals(true, nested.inScope(), nested.reason());
    assertTrue(nested.reason().contains("nested group"), nested.reason());
    ConnectorScope.Placement deeper = s.decide("CN=c,OU=HR,DC=corp,DC=example,DC=test", "user",
        a -> a.equals("memberOf") ? List.of("CN=G-Deeper,OU=Groups,DC=corp,DC=example,DC=test") : List.of());
    assertEquals(false, deeper.inScope(), deeper.reason());
    assertEquals(false, s.decide("CN=d,OU=Legal,DC=corp,DC=example,DC=test", "user",
        a -> a.equals("memberOf") ? List.of(GROUP) : List.of()).inScope(), "not below an included container");
  }
}
