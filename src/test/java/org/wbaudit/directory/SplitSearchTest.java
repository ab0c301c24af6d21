package org.wbaudit.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading users over several connections: every user exactly once, however the tree is cut. */
class SplitSearchTest {
  static List<String> usersRead(DemoDirectory demo, int readers, int pageSize) throws Exception {
    List<String> dns = new ArrayList<>();
    try (DirectorySession s = DirectorySession.open(demo.settings().withReadConnections(readers))) {
      long n = new UserSource(s).users(pageSize, o -> dns.add(o.dn()));
      assertEquals(dns.size(), n);
    }
    return dns;
  }

  static void assertEveryUserOnce(DemoDirectory demo, List<String> read) throws Exception {
    assertEquals(read.size(), new HashSet<>(read).size(), "no user twice: " + read);
    assertEquals(Set.copyOf(demo.userDns()), Set.copyOf(read));
  }

  @Test
  void everyUserOnceWhateverTheNumberOfConnections() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      for (int readers : new int[] {1, 2, 3, ConnectionSettings.MAX_READERS}) {
        for (int pageSize : new int[] {1, 3, 500}) {
          assertEveryUserOnce(demo, usersRead(demo, readers, pageSize));
        }
      }
    }
  }

  @Test
  void theDomainIsCutAtOusAndContainersButNotAtGroups() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start();
        DirectorySession s = DirectorySession.open(demo.settings())) {
      List<PagedSearch.SearchPart> parts = new UserSource(s).userSearchParts(DemoDirectory.BASE);
      String base = DemoDirectory.BASE;
      assertTrue(parts.contains(new PagedSearch.SearchPart(base, SearchScope.ONE)), parts.toString());
      assertTrue(parts.contains(new PagedSearch.SearchPart("OU=Sales," + base, SearchScope.ONE)), parts.toString());
      // Two levels down, a container is read whole.
      assertTrue(parts.contains(new PagedSearch.SearchPart("OU=Region,OU=Sales," + base, SearchScope.SUB)), parts.toString());
      assertTrue(parts.stream().noneMatch(p -> p.base().startsWith("CN=Domain Users,")), parts.toString());
      // Two levels down with no container inside: its users are all direct, read one level.
      assertTrue(parts.contains(new PagedSearch.SearchPart("CN=Microsoft,CN=Program Data," + base,
          SearchScope.ONE)), parts.toString());
    }
  }

  @Test
  void belowTheCutALeafIsReadOneLevelAndANestIsReadWhole() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      String leaf = "OU=Leaf,OU=Sales," + DemoDirectory.BASE;
      String nest = "OU=Nest,OU=Sales," + DemoDirectory.BASE;
      demo.server().add(ou(leaf));
      demo.server().add(user("CN=in-leaf," + leaf));
      demo.server().add(ou(nest));
      demo.server().add(user("CN=in-nest," + nest));
      demo.server().add(ou("OU=Inner," + nest));
      demo.server().add(user("CN=in-inner,OU=Inner," + nest));
      try (DirectorySession s = DirectorySession.open(demo.settings())) {
        List<PagedSearch.SearchPart> parts = new UserSource(s).userSearchParts(DemoDirectory.BASE);
        assertTrue(parts.contains(new PagedSearch.SearchPart(leaf, SearchScope.ONE)), parts.toString());
        assertTrue(parts.contains(new PagedSearch.SearchPart(nest, SearchScope.SUB)), parts.toString());
      }
      List<String> read = usersRead(demo, 2, 3);
      assertEveryUserOnce(demo, read);
      assertTrue(read.containsAll(List.of("CN=in-leaf," + leaf, "CN=in-nest," + nest,
          "CN=in-inner,OU=Inner," + nest)), read.toString());
    }
  }

  @Test
  void aWideContainerIsReadWholeAndStillEveryUserOnce() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      String wide = "OU=Wide," + DemoDirectory.BASE;
      demo.server().add(ou(wide));
      for (int i = 0; i <= UserSource.SPLIT_WIDTH; i++) {
        String child = "OU=Team" + i + "," + wide;
        demo.server().add(ou(child));
        demo.server().add(user("CN=u" + i + "," + child));
      }
      demo.server().add(user("CN=direct," + wide));
      try (DirectorySession s = DirectorySession.open(demo.settings())) {
        List<PagedSearch.SearchPart> parts = new UserSource(s).userSearchParts(DemoDirectory.BASE);
        assertTrue(parts.contains(new PagedSearch.SearchPart(wide, SearchScope.SUB)), parts.toString());
      }
      List<String> read = usersRead(demo, 3, 7);
      assertEveryUserOnce(demo, read);
      assertTrue(read.contains("CN=direct," + wide));
    }
  }

  static Entry ou(String dn) {
    Entry e = new Entry(dn);
    e.addAttribute("objectClass", "top", "organizationalUnit");
    return e;
  }

  static Entry user(String dn) {
    Entry e = new Entry(dn);
    e.addAttribute("objectClass", "top", "person", "organizationalPerson", "user");
    e.addAttribute("objectCategory", "person");
    return e;
  }
}
