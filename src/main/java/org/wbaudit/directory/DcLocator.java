package org.wbaudit.directory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Finds a domain's DCs the way Windows clients do, through the DC locator's SRV records
 * ({@code _ldap._tcp.dc._msdcs.<domain>}, and first {@code _ldap._tcp.<site>._sites.dc._msdcs.
 * <domain>} when a site is given), and opens a session with the first that answers.
 *
 * <p>DNS is input like any other: a record whose target is not a host name is passed over and
 * named, never the end of the run; at most {@link #DEFAULT_MAX_DCS} DCs are tried unless told
 * otherwise, all within one deadline, and what was passed over is summed up in a few lines
 * however many records DNS holds.
 */
public final class DcLocator {
  /** DCs tried at most, best first, unless the caller says otherwise. */
  public static final int DEFAULT_MAX_DCS = 10;
  /** Passed-over DCs and records a message lists by name; the rest are counted. */
  static final int NAMED = 5;

  /** A host name as DNS may hold one: labels of letters, digits, '-' and '_', dot-separated. */
  private static final Pattern HOST = Pattern.compile(
      "(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");

  private DcLocator() {}

  /**
   * The DCs DNS names, best first.
   *
   * @param urls the DCs to try, at most the cap
   * @param rejected each record passed over because its target is no host name, as DNS gave it
   * @param beyondCap DCs found but not to be tried (over the cap)
   */
  public record Found(List<LdapUrl> urls, List<String> rejected, int beyondCap) {
    public Found {
      urls = List.copyOf(urls);
      rejected = List.copyOf(rejected);
    }

    /** What was left out before any connection, in a few lines; empty when nothing was. */
    public List<String> notes() {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < Math.min(NAMED, rejected.size()); i++) {
        out.add("passed over SRV record " + rejected.get(i) + ": its target is not a host name");
      }
      if (rejected.size() > NAMED) {
        out.add("passed over " + (rejected.size() - NAMED) + " more SRV records whose target is not a host name");
      }
      if (beyondCap > 0) {
        out.add(beyondCap + " more DCs found through DNS are not tried (at most " + urls.size()
            + "; --max-dcs to change it)");
      }
      return out;
    }
  }

  /**
   * The DCs to try, in order: the site's, then the rest of the domain's; at most {@code max}.
   *
   * @param secure true to reach them over ldaps:// (port 636), false over the SRV record's port
   * @throws DirectoryException when DNS cannot be asked, or names no DC with a host name
   */
  public static Found candidates(String domain, String site, Dns dns, boolean secure, int max)
      throws DirectoryException {
    String d = domain.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    List<String> names = new ArrayList<>();
    if (site != null) {
      names.add("_ldap._tcp." + site + "._sites.dc._msdcs." + d);
    }
    names.add("_ldap._tcp.dc._msdcs." + d);
    Set<LdapUrl> out = new LinkedHashSet<>();
    Set<String> rejected = new LinkedHashSet<>();
    for (String name : names) {
      for (Dns.Service s : dns.services(name)) {
        if (!s.readable() || !HOST.matcher(s.host()).matches() || s.port() < 1 || s.port() > 65535) {
          rejected.add("\"" + (s.readable() ? s.priority() + " " + s.weight() + " " + s.port() + " " + s.host()
              : s.host()) + "\" of " + name);
        } else {
          out.add(new LdapUrl(s.host(), secure ? 636 : s.port(), secure));
        }
      }
    }
    if (out.isEmpty()) {
      throw new DirectoryException(DirectoryException.Kind.CONNECT, "DNS names no domain controller"
          + " for " + d + ": " + String.join(" and ", names) + " have no SRV records"
          + (rejected.isEmpty() ? "" : " whose target is a host name") + " at " + dns
          + (rejected.isEmpty() ? "" : " (" + rejected.size() + " other records, such as "
              + rejected.iterator().next() + ")")
          + (dns.isSpecific() ? "" : " (give the AD DNS server with --dns-server)"), null, null);
    }
    List<LdapUrl> all = List.copyOf(out);
    int n = Math.min(max, all.size());
    return new Found(all.subList(0, n), List.copyOf(rejected), all.size() - n);
  }

  /**
   * Opens a session with the first DC that answers, all tries within {@code deadline} and each
   * within a quarter of it (at least five seconds): N silent DCs cost the deadline, not N times
   * the response timeout. A DC that cannot be reached, is not an AD DC, or fails the TLS
   * handshake is passed over; a refused bind is not, as every DC of the domain would refuse it
   * the same way. The session keeps the settings' own timeouts for the audit.
   *
   * @param tried told of each DC passed over, as it happens
   */
  public static DirectorySession open(ConnectionSettings settings, List<LdapUrl> candidates,
      Duration deadline, Consumer<String> tried) throws DirectoryException {
    List<String> passedOver = new ArrayList<>();
    long end = System.nanoTime() + deadline.toNanos();
    Duration perDc = max(deadline.dividedBy(4), Duration.ofSeconds(5));
    int triedCount = 0;
    for (LdapUrl u : candidates) {
      Duration left = Duration.ofNanos(end - System.nanoTime());
      if (left.compareTo(Duration.ofMillis(500)) < 0) {
        break;
      }
      Duration bound = min(perDc, left);
      triedCount++;
      try {
        return DirectorySession.open(settings.withUrl(u), passedOver,
            min(settings.connectTimeout(), bound), min(settings.responseTimeout(), bound));
      } catch (DirectoryException e) {
        if (e.kind() == DirectoryException.Kind.BIND || e.kind() == DirectoryException.Kind.SETTINGS) {
          throw e;
        }
        String line = u + ": " + e.getMessage();
        passedOver.add(line);
        tried.accept(line);
      }
    }
    int untried = candidates.size() - triedCount;
    StringBuilder b = new StringBuilder("no domain controller found through DNS answered");
    if (untried > 0) {
      b.append(" within ").append(deadline.toSeconds()).append(" s (").append(triedCount)
          .append(" tried, ").append(untried).append(" not reached before the deadline)");
    }
    b.append(": ");
    b.append(String.join("; ", passedOver.subList(0, Math.min(NAMED, passedOver.size()))));
    if (passedOver.size() > NAMED) {
      b.append("; and ").append(passedOver.size() - NAMED).append(" more");
    }
    throw new DirectoryException(DirectoryException.Kind.CONNECT, b.toString(), null, null);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
