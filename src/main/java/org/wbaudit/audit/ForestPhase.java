package org.wbaudit.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.directory.DomainInfo;
import org.wbaudit.directory.DomainReader;
import org.wbaudit.directory.DomainSessions;
import org.wbaudit.directory.ForestTopology;
import org.wbaudit.directory.SchemaReader;
import org.wbaudit.directory.TopologyReader;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.rules.ScopeRules;

/**
 * The checks on a forest as a whole, run once before its users are read, in this order: the
 * audited connector account's own state, the policy-hints control on every DC, Unexpire Password and the password policy on every domain, the search
 * bases, and which anchor attributes the schema has. Its facts go into the audit's header; its
 * findings follow the header, before any user's.
 */
final class ForestPhase {
  /**
   * What the forest phase found.
   *
   * @param controllers every DC checked, the audited one first
   * @param otherDomains the forest's other domains (DNs)
   * @param domains every domain checked, this one first
   * @param anchors anchor attributes this forest's schema has
   * @param anchorsSkipped anchor attributes it lacks
   * @param missing parts that could not be read, for the summary
   * @param findings what the checks found, in the order found
   * @param health the connector account's own checks, to go on counting while users are read
   * @param scope the sync scope the users are placed in
   * @param samAccess what writeback's SAM calls need of the domain, as decided
   */
  record Facts(List<AuditHeader.ControllerStatus> controllers, List<String> otherDomains,
      List<AuditHeader.DomainStatus> domains, List<AnchorAttribute> anchors,
      List<String> anchorsSkipped, List<String> missing, List<Finding> findings,
      ConnectorHealth health, SyncScope scope, java.util.Map<String, Object> samAccess) {}

  private ForestPhase() {}

  /**
   * @throws DirectoryException NOT_FOUND when a search base does not exist: the audit cannot
   *     start
   */
  static Facts run(DomainContext ctx, Auditor.Options options, SyncEngineBinding engine,
      RuleCatalog catalog, java.time.Instant now) throws DirectoryException {
    List<Finding> found = new ArrayList<>();
    Findings findings = new Findings(catalog, found::add);
    List<String> missing = new ArrayList<>();
    DirectorySession session = ctx.session();
    DomainReader reader = ctx.reader();
    DomainInfo domain = ctx.domain();

    ConnectorStateCheck.check(ctx.principal(), findings);
    ConnectorHealth health = ConnectorHealth.check(ctx, now, options.expiryWarningDays(), findings);
    DomainChecks.policyHints(session.url().toString(), session.rootDse(), findings);
    ForestTopology topology = options.otherDomains().topology();
    try {
      if (topology == null) {
        topology = new TopologyReader(session).topology();
      }
    } catch (DirectoryException e) {
      topology = new ForestTopology(List.of(), List.of());
      missing.add("the forest's domains and domain controllers (configuration partition): "
          + e.getMessage());
    }
    List<AuditHeader.ControllerStatus> controllers =
        ControllerChecks.check(session, topology, options.dcUrls(), findings);

    RightVerdict unexpire = ctx.unexpire();
    List<String> otherDomains = topology.domains().stream().map(ForestTopology.Domain::dn)
        .filter(dn -> !dn.equalsIgnoreCase(domain.dn())).toList();
    List<AuditHeader.DomainStatus> domains = new ArrayList<>();
    domains.add(new AuditHeader.DomainStatus(domain.dn(), session.url().toString(),
        Auditor.label(unexpire), Auditor.policy(domain), null));
    for (String other : otherDomains) {
      domains.add(otherDomain(ctx, other, options.otherDomains(), findings));
    }
    for (String base : options.searchBases()) {
      if (!reader.exists(base)) {
        throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, "search base " + base
            + " does not exist (or the audited account cannot see it) in " + domain.dn(), null, null);
      }
    }
    SyncScope scope;
    if (engine != null) {
      List<String> all = new ArrayList<>(List.of(domain.dn()));
      all.addAll(otherDomains);
      engine.check(all, findings);
      scope = engine.scope(ctx, ScopeRules.builtIn(), findings);
    } else {
      scope = new SyncScope(ScopeRules.builtIn(), options.scope(), ctx.principal().dn());
    }
    // A scope that names nothing would silently leave every user out.
    for (String dn : options.scope().dns()) {
      if (!reader.exists(dn)) {
        throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, "sync scope: " + dn
            + " does not exist (or the audited account cannot see it) in " + domain.dn(), null, null);
      }
    }
    List<AnchorAttribute> anchors = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    if (options.anchorIndex() != null) {
      for (AnchorAttribute a : options.anchors()) {
        boolean present;
        try {
          present = new SchemaReader(session).schemaHasAttribute(a.ldapName());
        } catch (DirectoryException e) {
          present = true; // cannot tell: ask for it; a DC returns nothing for an unknown name
        }
        if (present) {
          anchors.add(a);
        } else {
          skipped.add(a.ldapName());
        }
      }
    }
    DomainChecks.unexpirePassword(domain, unexpire, findings);
    java.util.Map<String, Object> sam = SamAccess.check(ctx, findings);
    // This domain's password policies are reported once the users are read: each with the
    // users in scope it governs (the domain's and every password settings object's).
    return new Facts(controllers, otherDomains, domains, anchors, skipped, missing, found, health,
        scope, sam);
  }

  /**
   * Another domain of the forest: Unexpire Password on its domain object and its password
   * policy, read through a session bound to one of its DCs. The principal's token is the one
   * read from its own domain: groups local to the other domain are not in it, so a grant to one
   * of them is not seen (the finding says not-granted where a DC of that domain might grant).
   */
  private static AuditHeader.DomainStatus otherDomain(DomainContext ctx, String dn,
      DomainSessions sessions, Findings findings) {
    String key = dn.toLowerCase(Locale.ROOT);
    DirectorySession s = sessions.sessions().get(key);
    if (s == null) {
      String why = sessions.errors().get(key);
      return new AuditHeader.DomainStatus(dn, null, null, null,
          why != null ? why : "no session to a DC of this domain (give one in the configuration's dcUrls)");
    }
    try {
      DomainInfo info = new DomainReader(s).domain();
      RightVerdict v = ctx.unexpire(info);
      DomainChecks.unexpirePassword(info, v, findings);
      DomainChecks.passwordPolicy(info, findings);
      return new AuditHeader.DomainStatus(info.dn(), s.url().toString(), Auditor.label(v),
          Auditor.policy(info), null);
    } catch (DirectoryException e) {
      return new AuditHeader.DomainStatus(dn, s.url().toString(), null, null, e.getMessage());
    }
  }
}
