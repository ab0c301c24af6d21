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
 */
public record DomainSessions(Map<String, DirectorySession> sessions, Map<String, String> errors)
    implements AutoCloseable {
  public static final DomainSessions NONE = new DomainSessions(Map.of(), Map.of());

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
      topology = new DomainReader(main).topology();
    } catch (DirectoryException e) {
      return NONE; // the audit reports the unreadable configuration itself
    }
    String own = main.rootDse().defaultNamingContext();
    for (ForestTopology.Domain d : topology.domains()) {
      if (d.dn().equalsIgnoreCase(own)) {
        continue;
      }
      List<LdapUrl> candidates = new ArrayList<>();
      if (!dcUrls.isEmpty()) {
        for (LdapUrl u : dcUrls) {
          try {
            RootDse dse = main.probe(u);
            if (d.dn().equalsIgnoreCase(dse.defaultNamingContext())) {
              candidates.add(u);
            }
          } catch (DirectoryException unreachable) {
            // The DC checks report it; another candidate may serve.
          }
        }
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
    return new DomainSessions(sessions, errors);
  }

  @Override
  public void close() {
    sessions.values().forEach(DirectorySession::close);
  }
}
