package org.wbaudit.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.directory.PrincipalDirectory;
import org.wbaudit.directory.PrincipalInfo;
import org.wbaudit.syncconfig.SyncEngine;

/**
 * The connector accounts a sync engine's configuration names for a domain, beside those found
 * in the directory ({@link ConnectorDiscovery}), and where the two differ: an account the export
 * names that does not exist or holds no Reset Password grant, and a connector account the
 * directory holds that the export does not use.
 */
public final class SyncConfigAccounts {
  private SyncConfigAccounts() {}

  /**
   * One account of the export.
   *
   * @param account as the export names it (DOMAIN\\user)
   * @param partitions the domains it reads
   * @param dn where it is in the directory; null when it is not found
   * @param kinds what discovery calls it; empty when discovery did not find it
   * @param differences where the export and the directory differ; empty when they agree
   */
  public record Account(String account, List<String> partitions, String dn, List<String> kinds,
      List<String> differences) {}

  /**
   * @param forest the forest the export's connector reads; null when it has none for this domain
   * @param accounts the export's accounts for this domain
   * @param notInExport connector accounts the directory holds that the export does not name
   */
  public record Comparison(String source, String forest, List<Account> accounts, List<String> notInExport) {}

  /** Compares the export's accounts for the domain of {@code session} with {@code found}. */
  public static Comparison compare(SyncEngine engine, ConnectorDiscovery.Result found,
      DirectorySession session) throws DirectoryException {
    SyncEngineBinding binding;
    try {
      binding = SyncEngineBinding.bind(engine, session, null);
    } catch (DirectoryException e) {
      return new Comparison(engine.source(), null, List.of(), List.of(e.getMessage()));
    }
    SyncEngine.AdConnector c = binding.connector();
    Map<SyncEngine.Account, List<String>> partitionsOf = new LinkedHashMap<>();
    for (SyncEngine.Partition p : c.partitions()) {
      SyncEngine.Account a = c.accountFor(p);
      if (p.selected() && a != null) {
        partitionsOf.computeIfAbsent(a, k -> new ArrayList<>()).add(p.dn());
      }
    }
    PrincipalDirectory principals = new PrincipalDirectory(session);
    List<Account> accounts = new ArrayList<>();
    List<String> named = new ArrayList<>();
    for (Map.Entry<SyncEngine.Account, List<String>> e : partitionsOf.entrySet()) {
      String user = e.getKey().user();
      named.add(user.toLowerCase(Locale.ROOT));
      ConnectorDiscovery.Connector d = found.connectors().stream()
          .filter(x -> x.samAccountName() != null && x.samAccountName().equalsIgnoreCase(user))
          .findFirst().orElse(null);
      List<String> differences = new ArrayList<>();
      String dn = d != null ? d.dn() : null;
      if (d == null) {
        PrincipalInfo p = principals.findPrincipal(user);
        if (p == null) {
          differences.add("no account " + user + " in " + found.domain() + ": writeback runs as an account"
              + " that does not exist here");
        } else {
          dn = p.dn();
          differences.add("it exists, but holds Reset Password on no container's users and is named as no"
              + " sync engine names its account");
        }
      } else if (!d.kinds().contains(ConnectorDiscovery.GRANT_HOLDER)) {
        differences.add("it holds Reset Password on no container's users (" + String.join(", ", d.kinds()) + ")");
      }
      accounts.add(new Account(e.getKey().toString(), e.getValue(), dn, d == null ? List.of() : d.kinds(),
          differences));
    }
    List<String> notInExport = new ArrayList<>();
    for (ConnectorDiscovery.Connector d : found.connectors()) {
      boolean engineAccount = d.kinds().stream().anyMatch(k -> !k.equals(ConnectorDiscovery.GRANT_HOLDER));
      if (d.account() && engineAccount && d.samAccountName() != null
          && !named.contains(d.samAccountName().toLowerCase(Locale.ROOT))) {
        notInExport.add(d.samAccountName() + " (" + d.dn() + "), " + String.join("/", d.kinds())
            + ": a connector account the export does not use");
      }
    }
    return new Comparison(engine.source(), c.forest(), accounts, notInExport);
  }
}
