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
          DcLocator.candidates("corp.example", null, dns, false, 10).urls().stream().map(Object::toString).toList());
      assertEquals(List.of("ldap://dc3.corp.example:389", "ldap://dc1.corp.example:3268",
          "ldap://dc2.corp.example:389"),
          DcLocator.candidates("CORP.EXAMPLE.", "hq", dns, false, 10).urls().stream().map(Object::toString).toList());
      assertEquals("ldaps://dc1.corp.example:636",
          DcLocator.candidates("corp.example", null, dns, true, 10).urls().get(0).toString());

      stub.a("dc1.corp.example", "10.1.2.3");
      assertEquals("10.1.2.3", dns.address("dc1.corp.example"));
      DirectoryException unknown = assertThrows(DirectoryException.class, () -> dns.address("dc9.corp.example"));
      assertTrue(unknown.getMessage().contains("no address record"), unknown.getMessage());
      DirectoryException none = assertThrows(DirectoryException.class,
          () -> DcLocator.candidates("nowhere.example", null, dns, false, 10));
      assertTrue(none.getMessage().contains("_ldap._tcp.dc._msdcs.nowhere.example"), none.getMessage());
    }
  }

  @Test
  void aSilentServerIsNamedWithinSeconds() {
    // Port 9 on loopback: nothing answers (discard), or the port is closed.
    Dns silent = Dns.server("127.0.0.1:9");
    long started = System.nanoTime();
    DirectoryException e = assertThrows(DirectoryException.class,
        () -> DcLocator.candidates("corp.example", null, silent, false, 10));
    assertTrue((System.nanoTime() - started) / 1_000_000_000L < 15, "bounded");
    assertTrue(e.getMessage().contains("127.0.0.1:9"), e.getMessage());
  }

  /** #24: a record whose target is no host name is passed over and named, never the end of the run. */
  @Test
  void badSrvTargetsArePassedOverAndNamed() throws Exception {
    try (StubDns stub = new StubDns()) {
      stub.srv("_ldap._tcp.dc._msdcs.corp.example",
          new StubDns.Srv(0, 100, 389, "evil\u001b[31m.corp.example"),
          new StubDns.Srv(0, 100, 389, "with space.corp.example"),
          new StubDns.Srv(0, 100, 389, "dc9.corp.example:636"),
          new StubDns.Srv(5, 100, 389, "dc1.corp.example"));
      DcLocator.Found found = DcLocator.candidates("corp.example", null, Dns.server(stub.address()), false, 10);
      assertEquals(List.of("ldap://dc1.corp.example:389"), found.urls().stream().map(Object::toString).toList());
      assertEquals(3, found.rejected().size(), found.rejected().toString());
      assertEquals(3, found.notes().size(), found.notes().toString());
      assertTrue(found.notes().stream().anyMatch(n -> n.contains("dc9.corp.example:636")), found.notes().toString());
      assertTrue(found.notes().stream().allMatch(n -> n.contains("its target is not a host name")));

      stub.srv("_ldap._tcp.dc._msdcs.bad.example", new StubDns.Srv(0, 0, 389, "a b.bad.example"));
      DirectoryException none = assertThrows(DirectoryException.class,
          () -> DcLocator.candidates("bad.example", null, Dns.server(stub.address()), false, 10));
      assertTrue(none.getMessage().contains("whose target is a host name") && none.getMessage().contains("a b"),
          none.getMessage());
    }
  }

  /**
   * #24: many records give a capped list, best first, and a bounded summary. (Java's resolver
   * takes 8,000 bytes over UDP, and this stub answers only over UDP: 170 records.)
   */
  @Test
  void manyRecordsAreCappedByPriorityAndWeight() throws Exception {
    try (StubDns stub = new StubDns()) {
      List<StubDns.Srv> records = new java.util.ArrayList<>();
      for (int i = 0; i < 150; i++) {
        records.add(new StubDns.Srv(i % 7, i % 100, 389, "dc" + i + ".corp.example"));
      }
      for (int i = 0; i < 20; i++) {
        records.add(new StubDns.Srv(0, 0, 389, "bad" + i + ":1.corp.example"));
      }
      stub.srv("_ldap._tcp.dc._msdcs.corp.example", records.toArray(StubDns.Srv[]::new));
      DcLocator.Found found = DcLocator.candidates("corp.example", null, Dns.server(stub.address()), false, 10);
      assertEquals(10, found.urls().size());
      assertEquals(140, found.beyondCap());
      // Priority 0 holds i = 0, 7, ..., 147; the heaviest of those first.
      List<String> expected = records.stream().filter(r -> r.priority() == 0 && !r.target().contains(":"))
          .sorted(java.util.Comparator.comparingInt(StubDns.Srv::weight).reversed()
              .thenComparing(StubDns.Srv::target))
          .limit(10).map(r -> "ldap://" + r.target() + ":389").toList();
      assertEquals(expected, found.urls().stream().map(Object::toString).toList());
      assertEquals(20, found.rejected().size());
      assertTrue(found.notes().size() <= DcLocator.NAMED + 2, found.notes().toString());
      assertTrue(String.join("\n", found.notes()).length() < 2_000, "a bounded summary");
    }
  }
}
