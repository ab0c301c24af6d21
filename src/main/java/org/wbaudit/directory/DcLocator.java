package org.wbaudit.directory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds a domain's DCs the way Windows clients do, through the DC locator's SRV records
 * ({@code _ldap._tcp.dc._msdcs.<domain>}, and first {@code _ldap._tcp.<site>._sites.dc._msdcs.
 * <domain>} when a site is given), and opens a session with the first that answers.
 */
public final class DcLocator {
  private DcLocator() {}

  /**
   * The DCs to try, in order: the site's, then the rest of the domain's.
   *
   * @param secure true to reach them over ldaps:// (port 636), false over the SRV record's port
   * @throws DirectoryException when DNS cannot be asked, or names no DC
   */
  public static List<LdapUrl> candidates(String domain, String site, Dns dns, boolean secure)
      throws DirectoryException {
    String d = domain.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    List<String> names = new ArrayList<>();
    if (site != null) {
      names.add("_ldap._tcp." + site + "._sites.dc._msdcs." + d);
    }
    names.add("_ldap._tcp.dc._msdcs." + d);
    Set<LdapUrl> out = new LinkedHashSet<>();
    for (String name : names) {
      for (Dns.Service s : dns.services(name)) {
        out.add(new LdapUrl(s.host(), secure ? 636 : s.port(), secure));
      }
    }
    if (out.isEmpty()) {
      throw new DirectoryException(DirectoryException.Kind.CONNECT, "DNS names no domain controller"
          + " for " + d + ": " + String.join(" and ", names) + " have no SRV records at " + dns
          + (dns.isSpecific() ? "" : " (give the AD DNS server with --dns-server)"), null, null);
    }
    return List.copyOf(out);
  }

  /**
   * Opens a session with the first DC that answers. A DC that cannot be reached, is not an AD
   * DC, or fails the TLS handshake is passed over; a refused bind is not, as every DC of the
   * domain would refuse it the same way.
   *
   * @param tried told of each DC passed over, as it happens
   */
  public static DirectorySession open(ConnectionSettings settings, List<LdapUrl> candidates,
      Consumer<String> tried) throws DirectoryException {
    List<String> passedOver = new ArrayList<>();
    for (LdapUrl u : candidates) {
      try {
        return DirectorySession.open(settings.withUrl(u), passedOver);
      } catch (DirectoryException e) {
        if (e.kind() == DirectoryException.Kind.BIND || e.kind() == DirectoryException.Kind.SETTINGS) {
          throw e;
        }
        String line = u + ": " + e.getMessage();
        passedOver.add(line);
        tried.accept(line);
      }
    }
    throw new DirectoryException(DirectoryException.Kind.CONNECT,
        "no domain controller found through DNS answered: " + String.join("; ", passedOver),
        null, null);
  }
}
