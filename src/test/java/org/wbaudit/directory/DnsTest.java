package org.wbaudit.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wbaudit.it.StubDns;

/** DC discovery against a DNS server the test runs, through Java's own resolver. */
class DnsTest {
  @Test
  void aServerIsHostAndOptionalPort() {
    assertEquals("DNS server 10.0.0.53:53", Dns.server("10.0.0.53").toString());
    assertEquals("DNS server dns.corp.example:5353", Dns.server("dns.corp.example:5353").toString());
    assertEquals("DNS server [fd00::53]:53", Dns.server("[fd00::53]").toString());
    assertEquals("DNS server [fd00::53]:5300", Dns.server("[fd00::53]:5300").toString());
    for (String bad : List.of("", "host:0", "host:70000", "host:x", "[fd00::53", "a b")) {
      assertThrows(IllegalArgumentException.class, () -> Dns.server(bad), bad);
    }
  }

  @Test
  void dcsAreTriedByPriorityThenWeightSiteFirst() throws Exception {
    try (StubDns stub = new StubDns()) {
      stub.srv("_ldap._tcp.dc._msdcs.corp.example",
          new StubDns.Srv(10, 0, 389, "dc3.corp.example"),
          new StubDns.Srv(0, 10, 389, "dc2.corp.example"),
          new StubDns.Srv(0, 90, 3268, "dc1.corp.example"));
      stub.srv("_ldap._tcp.hq._sites.dc._msdcs.corp.example", new StubDns.Srv(0, 0, 389, "dc3.corp.example"));
      Dns dns = Dns.server(stub.address());
      assertEquals(List.of("ldap://dc1.corp.example:3268", "ldap://dc2.corp.example:389",
          "ldap://dc3.corp.example:389"),
          DcLocator.candidates("corp.example", null, dns, false).stream().map(Object::toString).toList());
      assertEquals(List.of("ldap://dc3.corp.example:389", "ldap://dc1.corp.example:3268",
          "ldap://dc2.corp.example:389"),
          DcLocator.candidates("CORP.EXAMPLE.", "hq", dns, false).stream().map(Object::toString).toList());
      assertEquals("ldaps://dc1.corp.example:636",
          DcLocator.candidates("corp.example", null, dns, true).get(0).toString());

      stub.a("dc1.corp.example", "10.1.2.3");
      assertEquals("10.1.2.3", dns.address("dc1.corp.example"));
      DirectoryException unknown = assertThrows(DirectoryException.class, () -> dns.address("dc9.corp.example"));
      assertTrue(unknown.getMessage().contains("no address record"), unknown.getMessage());
      DirectoryException none = assertThrows(DirectoryException.class,
          () -> DcLocator.candidates("nowhere.example", null, dns, false));
      assertTrue(none.getMessage().contains("_ldap._tcp.dc._msdcs.nowhere.example"), none.getMessage());
    }
  }

  @Test
  void aSilentServerIsNamedWithinSeconds() {
    // Port 9 on loopback: nothing answers (discard), or the port is closed.
    Dns silent = Dns.server("127.0.0.1:9");
    long started = System.nanoTime();
    DirectoryException e = assertThrows(DirectoryException.class,
        () -> DcLocator.candidates("corp.example", null, silent, false));
    assertTrue((System.nanoTime() - started) / 1_000_000_000L < 15, "bounded");
    assertTrue(e.getMessage().contains("127.0.0.1:9"), e.getMessage());
  }
}
