package org.wbaudit.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.directory.ForestTopology;
import org.wbaudit.directory.LdapUrl;
import org.wbaudit.directory.Oids;
import org.wbaudit.directory.RootDse;
import org.wbaudit.rules.RuleId;

/**
 * Every domain controller of the forest: its root DSE read (no credentials) for the password
 * policy hints control. Writeback may reach any of them, so one DC without the control, or one
 * that cannot be checked, is a finding of its own.
 */
final class ControllerChecks {
  private ControllerChecks() {}

  /** Root DSEs read at once; each waits at most the connect timeout. */
  private static final int PARALLEL_PROBES = 8;

  /**
   * @param dcUrls DCs to check instead of the discovered ones (names that do not resolve here);
   *     empty to check what the configuration partition lists
   * @return the status of each DC, the connected one first
   */
  static List<AuditHeader.ControllerStatus> check(DirectorySession session, ForestTopology topology,
      List<LdapUrl> dcUrls, Findings findings) {
    RootDse own = session.rootDse();
    List<AuditHeader.ControllerStatus> out = new ArrayList<>();
    out.add(new AuditHeader.ControllerStatus(session.url().toString(), own.dnsHostName(), true,
        own.supportsControl(Oids.POLICY_HINTS_2066), own.supportsControl(Oids.POLICY_HINTS_2239), null));
    List<LdapUrl> targets = new ArrayList<>();
    List<String> names = new ArrayList<>();
    if (!dcUrls.isEmpty()) {
      for (LdapUrl u : dcUrls) {
        if (!sameServer(u, session.url())) {
          targets.add(u);
          names.add(null);
        }
      }
    } else {
      for (ForestTopology.Controller c : topology.controllers()) {
        if (c.hostName() == null) {
          unreachable(out, findings, c.serverDn(), null,
              "its server object " + c.serverDn() + " has no dNSHostName");
        } else if (!c.hostName().equalsIgnoreCase(own.dnsHostName())) {
          targets.add(new LdapUrl(c.hostName(), session.url().port(), session.url().secureFromStart()));
          names.add(c.hostName());
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_PROBES, targets.size())),
        r -> {
          Thread t = new Thread(r, "wbaudit-dc-probe");
          t.setDaemon(true);
          return t;
        });
    try {
      List<Future<RootDse>> probes = new ArrayList<>();
      for (LdapUrl u : targets) {
        probes.add(pool.submit(() -> session.probe(u)));
      }
      for (int i = 0; i < targets.size(); i++) {
        String url = targets.get(i).toString();
        try {
          RootDse dse = probes.get(i).get();
          if (dse.dnsHostName() != null && dse.dnsHostName().equalsIgnoreCase(own.dnsHostName())) {
            continue; // the connected DC, listed under another name
          }
          out.add(new AuditHeader.ControllerStatus(url,
              dse.dnsHostName() != null ? dse.dnsHostName() : names.get(i), true,
              dse.supportsControl(Oids.POLICY_HINTS_2066), dse.supportsControl(Oids.POLICY_HINTS_2239), null));
          DomainChecks.policyHints(url, dse, findings);
        } catch (ExecutionException e) {
          String reason = e.getCause() instanceof DirectoryException d ? d.getMessage() : String.valueOf(e.getCause());
          unreachable(out, findings, url, names.get(i), reason);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          unreachable(out, findings, url, names.get(i), "interrupted");
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  private static void unreachable(List<AuditHeader.ControllerStatus> out, Findings findings,
      String url, String name, String reason) {
    out.add(new AuditHeader.ControllerStatus(url, name, false, null, null, reason));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("dc", url);
    d.put("dnsHostName", name);
    d.put("reason", reason);
    findings.emit(RuleId.DC_UNREACHABLE, null, "Domain controller " + (name != null ? name : url)
        + " could not be checked: " + reason, d);
  }

  private static boolean sameServer(LdapUrl a, LdapUrl b) {
    return a.host().toLowerCase(Locale.ROOT).equals(b.host().toLowerCase(Locale.ROOT))
        && a.port() == b.port();
  }
}
