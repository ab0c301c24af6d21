package org.wbaudit.directory;

import java.util.List;

/**
 * The domains and domain controllers of a forest, as its configuration partition lists them.
 *
 * @param domains each domain's naming context and DNS name (crossRef objects of domains)
 * @param controllers each DC: its DNS host name and the domains it holds (nTDSDSA objects)
 */
public record ForestTopology(List<Domain> domains, List<Controller> controllers) {
  public ForestTopology {
    domains = List.copyOf(domains);
    controllers = List.copyOf(controllers);
  }

  /** A domain: naming context DN and DNS name. */
  public record Domain(String dn, String dnsName) {}

  /**
   * A domain controller.
   *
   * @param hostName the server object's dNSHostName; null when it has none
   * @param serverDn the server object under CN=Sites
   * @param domains DNs of the domain naming contexts it holds
   */
  public record Controller(String hostName, String serverDn, List<String> domains) {
    public Controller {
      domains = List.copyOf(domains);
    }
  }
}
