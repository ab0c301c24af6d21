package org.wbaudit.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bound sessions to the forest's other domains, one DC each, opened while the password is
 * still at hand (right after the main session): each domain's own object holds its Unexpire
 * Password grant and password policy, and only that domain's DCs hold it.
 *
 * @param sessions by domain DN (lower case), for domains a DC could be bound for
 * @param errors by domain DN, why no DC of that domain could be used
 * @param topology the forest's domains and DCs as read to open these sessions, so the audit
 *     need not read them again; null when not read
 */
public record DomainSessions(Map<String, DirectorySession> sessions, Map<String, String> errors,
    ForestTopology topology) implements AutoCloseable {
  public static final DomainSessions NONE = new DomainSessions(Map.of(), Map.of(), null);

  /**
   * Opens one session per domain of the forest other than the main session's: a DC of each is
   * taken from {@code dcUrls} when given (its root DSE says which domain it serves), else from
   * the configuration partition (its dNSHostName, with the main URL's scheme and port).
   */
  public static DomainSessions open(DirectorySession main, ConnectionSettings settings,
      List<LdapUrl> dcUrls) {
    Map<String, DirectorySession> sessions = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    ForestTopology topology;
    try {
      topology = new TopologyReader(main).topology();
    } catch (DirectoryException e) {
      return NONE; // the audit reports the unreadable configuration itself
    }
    String own = main.rootDse().defaultNamingContext();
    // Which domain each listed DC serves, from its root DSE: read once, whatever the domains.
    Map<LdapUrl, String> servedBy = new LinkedHashMap<>();
    if (topology.domains().size() > 1) {
      for (LdapUrl u : dcUrls) {
        try {
          servedBy.put(u, main.probe(u).defaultNamingContext());
        } catch (DirectoryException unreachable) {
          // The DC checks report it; another DC may serve its domain.
        }
      }
    }
    for (ForestTopology.Domain d : topology.domains()) {
      if (d.dn().equalsIgnoreCase(own)) {
        continue;
      }
      List<LdapUrl> candidates = new ArrayList<>();
      if (!dcUrls.isEmpty()) {
        servedBy.forEach((u, nc) -> {
          if (d.dn().equalsIgnoreCase(nc)) {
            candidates.add(u);
          }
        });
      } else {
        for (ForestTopology.Controller c : topology.controllers()) {
          if (c.hostName() != null && c.domains().stream().anyMatch(x -> x.equalsIgnoreCase(d.dn()))) {
            candidates.add(new LdapUrl(c.hostName(), main.url().port(), main.url().secureFromStart()));
          }
        }
      }
      String key = d.dn().toLowerCase(Locale.ROOT);
      List<String> failures = new ArrayList<>();
      for (LdapUrl u : candidates) {
        try {
          sessions.put(key, DirectorySession.open(settings.withUrl(u).withReadConnections(1)));
          break;
        } catch (DirectoryException e) {
          failures.add(e.getMessage());
        }
      }
      if (!sessions.containsKey(key)) {
        errors.put(key, candidates.isEmpty() ? "no domain controller of this domain is known"
            + (dcUrls.isEmpty() ? "" : " among dcUrls") : String.join("; ", failures));
      }
    }
    return new DomainSessions(sessions, errors, topology);
  }

  @Override
  public void close() {
    sessions.values().forEach(DirectorySession::close);
  }
}
