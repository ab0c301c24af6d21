package org.wbaudit.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The forest's domains and domain controllers, from its configuration partition. */
public final class TopologyReader {
  private final DirectorySession session;

  public TopologyReader(DirectorySession session) {
    this.session = session;
  }

  /** crossRef systemFlags: the naming context is a domain. */
  private static final int FLAG_CR_NTDS_DOMAIN = 0x2;

  /**
   * The forest's domains (crossRef objects under CN=Partitions) and domain controllers (nTDSDSA
   * objects under CN=Sites, with their server object's dNSHostName). A forest whose
   * configuration partition cannot be read gives an empty topology: the DC wbaudit is connected
   * to is still checked.
   */
  public ForestTopology topology() throws DirectoryException {
    String config = session.rootDse().configurationNamingContext();
    if (config == null) {
      return new ForestTopology(List.of(), List.of());
    }
    List<ForestTopology.Domain> domains = new ArrayList<>();
    List<SearchResultEntry> refs = new ArrayList<>();
    searchIfPresent("CN=Partitions," + config, SearchScope.ONE,
        Filter.createEqualityFilter("objectClass", "crossRef"), refs, "nCName", "dnsRoot", "systemFlags");
    for (SearchResultEntry e : refs) {
      if ((Entries.intOr(e, "systemFlags", 0) & FLAG_CR_NTDS_DOMAIN) != 0
          && e.getAttributeValue("nCName") != null) {
        domains.add(new ForestTopology.Domain(e.getAttributeValue("nCName"), e.getAttributeValue("dnsRoot")));
      }
    }
    List<ForestTopology.Controller> controllers = new ArrayList<>();
    List<SearchResultEntry> dsas = new ArrayList<>();
    searchIfPresent("CN=Sites," + config, SearchScope.SUB,
        Filter.createEqualityFilter("objectClass", "nTDSDSA"), dsas, "msDS-HasDomainNCs", "hasMasterNCs");
    for (SearchResultEntry e : dsas) {
      String server;
      try {
        server = e.getParsedDN().getParentString();
      } catch (com.unboundid.ldap.sdk.LDAPException x) {
        continue;
      }
      SearchResultEntry s = server == null ? null : session.readEntry(server, "dNSHostName");
      Set<String> held = new LinkedHashSet<>();
      for (String attr : List.of("msDS-HasDomainNCs", "hasMasterNCs")) {
        String[] v = e.getAttributeValues(attr);
        if (v != null) {
          for (String nc : v) {
            if (domains.stream().anyMatch(d -> d.dn().equalsIgnoreCase(nc))) {
              held.add(nc);
            }
          }
        }
      }
      controllers.add(new ForestTopology.Controller(
          s == null ? null : s.getAttributeValue("dNSHostName"), server, List.copyOf(held)));
    }
    return new ForestTopology(domains, controllers);
  }

  private void searchIfPresent(String base, SearchScope scope, Filter filter,
      List<SearchResultEntry> into, String... attributes) throws DirectoryException {
    try {
      session.pagedSearch(base, scope, filter, 500, false, into::add, attributes);
    } catch (DirectoryException e) {
      if (e.result() == null || e.result().code() != LdapResult.NO_SUCH_OBJECT) {
        throw e;
      }
    }
  }
}
