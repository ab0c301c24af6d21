package org.wbaudit.audit;

import org.wbaudit.rules.RuleId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.wbaudit.access.AccessCheck;
import org.wbaudit.access.Decision;
import org.wbaudit.access.UserRights;
import org.wbaudit.access.UserRightsEvaluator;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectoryObject;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.directory.DomainInfo;
import org.wbaudit.directory.DomainReader;
import org.wbaudit.directory.DomainSessions;
import org.wbaudit.directory.ForestTopology;
import org.wbaudit.directory.LdapUrl;
import org.wbaudit.directory.Oids;
import org.wbaudit.directory.PrincipalInfo;
import org.wbaudit.directory.RootDse;
import org.wbaudit.directory.SchemaNames;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.rules.Severity;
import org.wbaudit.sd.MalformedDescriptorException;
import org.wbaudit.sd.SecurityDescriptor;

/**
 * The audit of one domain through one DC, as one principal: reads, decides, and streams results
 * to a sink. Never writes to the directory.
 */
public final class Auditor {
  /** Distinct descriptors remembered; a domain rarely has more than a few hundred. */
  static final int DESCRIPTOR_CACHE = 20_000;

  private final RuleCatalog catalog;
  private final Clock clock;
  private final String toolVersion;
  private final List<UserCheck> checks = List.of(
      new DescriptorCheck(), new ResetPasswordCheck(), new SupportingRightsCheck(),
      new AdminCountCheck(), new InheritanceCheck(), new AccountStateCheck());

  private final AcceptedRisks accepted;

  public Auditor(RuleCatalog catalog, Clock clock, String toolVersion) {
    this(catalog, clock, toolVersion, AcceptedRisks.NONE);
  }

  public Auditor(RuleCatalog catalog, Clock clock, String toolVersion, AcceptedRisks accepted) {
    this.catalog = catalog;
    this.clock = clock;
    this.toolVersion = toolVersion;
    this.accepted = accepted;
  }

  /**
   * Options of one forest's audit.
   *
   * @param principal whose rights to judge; null for the bound account
   * @param boundAs the bind name
   * @param pageSize users per LDAP page
   * @param progress told how many users have been read
   * @param forest this forest's name in the run
   * @param anchors anchor attributes to collect into {@code anchorIndex}
   * @param anchorIndex where anchor values go; null to collect none
   * @param dcUrls DCs to check instead of those the configuration partition lists; may be empty
   * @param searchBases where to read users; empty for the whole domain
   * @param otherDomains bound sessions to the forest's other domains, for their domain checks
   */
  public record Options(String principal, String boundAs, int pageSize, Progress progress,
      String forest, List<AnchorAttribute> anchors, AnchorIndex anchorIndex,
      List<LdapUrl> dcUrls, List<String> searchBases, DomainSessions otherDomains) {
    public Options {
      anchors = List.copyOf(anchors);
      dcUrls = List.copyOf(dcUrls);
      searchBases = List.copyOf(searchBases);
    }

    /** One forest, named after its DC, collecting no anchors. */
    public Options(String principal, String boundAs, int pageSize, Progress progress) {
      this(principal, boundAs, pageSize, progress, null, List.of(), null, List.of(), List.of(),
          DomainSessions.NONE);
    }

    /** The same options for the forest {@code name}, collecting anchors into {@code index}. */
    public Options forForest(String name, List<AnchorAttribute> anchorAttributes, AnchorIndex index) {
      return new Options(principal, boundAs, pageSize, progress, name, anchorAttributes, index,
          dcUrls, searchBases, otherDomains);
    }

    public Options withOtherDomains(DomainSessions sessions) {
      return new Options(principal, boundAs, pageSize, progress, forest, anchors, anchorIndex,
          dcUrls, searchBases, sessions);
    }
  }

  /** Told how many users have been read, now and then; for progress on a terminal. */
  public interface Progress {
    void usersRead(long count);

    /** The user stream ended, after {@code count} users. */
    default void finished(long count) {
      usersRead(count);
    }

    Progress NONE = count -> { };
  }

  /**
   * Runs the audit.
   *
   * @throws DirectoryException when the audit cannot start (domain object or principal
   *     unreadable); failures after it started end it with {@code complete=false} instead
   */
  public AuditSummary run(DirectorySession session, Options options, AuditSink sink)
      throws DirectoryException {
    Instant started = clock.instant();
    long usnBefore = session.freshRootDse().highestCommittedUsn();
    RootDse dse = session.rootDse();
    DomainReader reader = new DomainReader(session);
    DomainInfo domain = reader.domain();
    String principalName = options.principal() != null ? options.principal() : options.boundAs();
    PrincipalInfo principal = reader.findPrincipal(principalName);
    if (principal == null) {
      throw new DirectoryException(DirectoryException.Kind.NOT_FOUND,
          "no account named " + principalName + " in " + reader.domainDn(), null, null);
    }
    ResolvedToken token = ResolvedToken.of(reader, principal, domain.domainSid());
    List<String> missing = new ArrayList<>();
    SchemaNames schema = reader.schemaNames();
    Verdicts verdicts = new Verdicts(domain.domainSid(), schema, token.names());

    RightVerdict unexpire = unexpire(domain, token, verdicts, schema);
    Counting counting = new Counting(sink, accepted);
    Findings findings = new Findings(catalog, counting);
    // Findings of the DC checks wait until the header is out: a sink sees begin first.
    List<Finding> early = new ArrayList<>();
    Findings earlyFindings = new Findings(catalog, early::add);
    DomainChecks.policyHints(session.url().toString(), dse, earlyFindings);
    ForestTopology topology = options.otherDomains().topology();
    try {
      if (topology == null) {
        topology = reader.topology();
      }
    } catch (DirectoryException e) {
      topology = new ForestTopology(List.of(), List.of());
      missing.add("the forest's domains and domain controllers (configuration partition): "
          + e.getMessage());
    }
    List<AuditHeader.ControllerStatus> controllers =
        ControllerChecks.check(session, topology, options.dcUrls(), earlyFindings);
    List<String> otherDomains = topology.domains().stream().map(ForestTopology.Domain::dn)
        .filter(dn -> !dn.equalsIgnoreCase(domain.dn())).toList();
    List<AuditHeader.DomainStatus> domains = new ArrayList<>();
    domains.add(new AuditHeader.DomainStatus(domain.dn(), session.url().toString(),
        label(unexpire), policy(domain), null));
    for (String other : otherDomains) {
      domains.add(otherDomain(other, options.otherDomains(), token, schema, earlyFindings));
    }
    for (String base : options.searchBases()) {
      if (!reader.exists(base)) {
        throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, "search base " + base
            + " does not exist (or the audited account cannot see it) in " + domain.dn(), null, null);
      }
    }
    List<AnchorAttribute> anchors = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    if (options.anchorIndex() != null) {
      for (AnchorAttribute a : options.anchors()) {
        boolean present;
        try {
          present = reader.schemaHasAttribute(a.ldapName());
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
    String forest = options.forest() != null ? options.forest()
        : dse.dnsHostName() != null ? dse.dnsHostName() : session.url().host();
    sink.begin(header(started, session, dse, domain, principal, token, unexpire, options, forest,
        controllers, otherDomains, domains, anchors, skipped));
    early.forEach(counting::finding);

    DomainChecks.unexpirePassword(domain, unexpire, findings);
    DomainChecks.passwordPolicy(domain, findings);

    UserRightsEvaluator evaluator = new UserRightsEvaluator(token.token(), DESCRIPTOR_CACHE);
    PropagationCheck propagation = new PropagationCheck(PropagationCheck.ancestorsFrom(reader, domain.dn()), evaluator,
        domain.domainSid());
    Remediation.Planner remedies = new Remediation.Planner(domain.dn(), principal.sid(),
        principal.samAccountName() + "@" + DomainReader.dnsName(domain.dn()),
        catalog.get(RuleId.ADMIN_COUNT_SET).remediation());
    Map<WritebackRight, long[]> rightCounts = new EnumMap<>(WritebackRight.class);
    WritebackRight.PER_USER.forEach(r -> rightCounts.put(r, new long[3]));
    long[] read = {0};
    SchemaNames names = schema;
    try {
      List<String> anchorNames = anchors.stream().map(AnchorAttribute::ldapName).toList();
      reader.users(options.pageSize(), anchorNames, options.searchBases(), object -> {
        AuditedUser user = judge(object, evaluator, verdicts, names);
        for (AnchorAttribute a : anchors) {
          List<byte[]> values = object.otherValues().get(a.ldapName());
          if (values != null) {
            options.anchorIndex().add(forest, object.dn(), !object.disabled(), a, a.normalise(values));
          }
        }
        for (WritebackRight r : WritebackRight.PER_USER) {
          Boolean g = user.rights().get(r.key()).granted();
          rightCounts.get(r)[g == null ? 2 : g ? 0 : 1]++;
        }
        Findings aboutUser = findings.about(object.objectGuid() != null
            ? object.objectGuid().toString() : object.dn().toLowerCase(java.util.Locale.ROOT));
        for (UserCheck check : checks) {
          check.check(user, aboutUser);
        }
        UUID cls = classOf(object, names);
        propagation.check(user, cls, aboutUser);
        remedies.consider(user, cls);
        counting.object(result(forest, user));
        if (++read[0] % 1000 == 0) {
          options.progress().usersRead(read[0]);
        }
      });
    } catch (DirectoryException e) {
      missing.add("users after the first " + read[0] + ": " + e.getMessage());
    }
    options.progress().finished(read[0]);
    long usnAfter = -1;
    try {
      usnAfter = session.freshRootDse().highestCommittedUsn();
    } catch (DirectoryException e) {
      missing.add("highestCommittedUSN after the audit: " + e.getMessage());
    }
    Instant finished = clock.instant();
    Map<String, AuditSummary.RightCounts> rights = new LinkedHashMap<>();
    rightCounts.forEach((r, c) -> rights.put(r.key(), new AuditSummary.RightCounts(c[0], c[1], c[2])));
    AuditSummary summary = new AuditSummary(read[0], counting.byRule, counting.bySeverity(), rights,
        missing.isEmpty(), missing, finished, Duration.between(started, finished).toMillis(),
        usnBefore, usnAfter, evaluator.cacheMisses(), counting.suppressed, remedies.plan());
    sink.end(summary);
    return summary;
  }

  private AuditedUser judge(DirectoryObject o, UserRightsEvaluator evaluator, Verdicts verdicts,
      SchemaNames schema) {
    if (o.descriptor() == null) {
      return new AuditedUser(o, null, "unreadable", "no nTSecurityDescriptor returned",
          allUnknown("the audited account cannot read this user's security descriptor"));
    }
    UUID objectClass = classOf(o, schema);
    UserRights rights;
    try {
      rights = evaluator.evaluate(o.descriptor(), objectClass, o.objectSid());
    } catch (MalformedDescriptorException e) {
      return new AuditedUser(o, null, "malformed", e.getMessage(),
          allUnknown("the security descriptor cannot be parsed: " + e.getMessage()));
    }
    return new AuditedUser(o, rights.descriptor(), "read", null, verdicts.of(rights));
  }

  /** The schemaIDGUID of the object's structural class (user's when the schema cannot say). */
  static UUID classOf(DirectoryObject o, SchemaNames schema) {
    UUID objectClass = schema.classGuid(o.structuralClass());
    if (objectClass == null && "user".equalsIgnoreCase(o.structuralClass())) {
      objectClass = WritebackRight.Guid.USER_CLASS;
    }
    return objectClass;
  }

  private static Map<String, RightVerdict> allUnknown(String reason) {
    Map<String, RightVerdict> out = new LinkedHashMap<>();
    for (WritebackRight r : WritebackRight.PER_USER) {
      out.put(r.key(), RightVerdict.unknown(reason));
    }
    return out;
  }

  private static ObjectResult result(String forest, AuditedUser u) {
    DirectoryObject o = u.object();
    return new ObjectResult(forest, o.dn(), o.objectGuid() == null ? null : o.objectGuid().toString(),
        o.objectSid() == null ? null : o.objectSid().toString(), o.userPrincipalName(),
        o.samAccountName(), o.structuralClass(), !o.disabled(), o.lockedOut(), o.adminCount() == 1,
        u.inheritanceDisabled(), u.descriptorStatus(), u.rights());
  }

  private static RightVerdict unexpire(DomainInfo domain, ResolvedToken token, Verdicts verdicts,
      SchemaNames schema) {
    if (domain.descriptor() == null) {
      return RightVerdict.unknown("the audited account cannot read the domain's security descriptor");
    }
    try {
      SecurityDescriptor sd = SecurityDescriptor.parse(domain.descriptor());
      UUID cls = schema.classGuid("domainDNS");
      Decision d = AccessCheck.evaluate(sd, token.token(), domain.domainSid(),
          WritebackRight.UNEXPIRE_PASSWORD.request(cls != null ? cls : WritebackRight.Guid.DOMAIN_DNS_CLASS));
      return verdicts.of(d);
    } catch (MalformedDescriptorException e) {
      return RightVerdict.unknown("the domain's security descriptor cannot be parsed: " + e.getMessage());
    }
  }

  private AuditHeader header(Instant started, DirectorySession session, RootDse dse,
      DomainInfo domain, PrincipalInfo principal, ResolvedToken token, RightVerdict unexpire,
      Options options, String forest, List<AuditHeader.ControllerStatus> controllers,
      List<String> otherDomains, List<AuditHeader.DomainStatus> domains,
      List<AnchorAttribute> anchors, List<String> skipped) {
    List<AuditHeader.TokenEntry> entries = new ArrayList<>();
    token.token().sids().stream().sorted().forEach(s ->
        entries.add(new AuditHeader.TokenEntry(s.toString(), token.names().getOrDefault(s, s.toString()))));
    return new AuditHeader(toolVersion, started,
        new AuditHeader.DomainController(session.url().toString(), dse.dnsHostName(),
            dse.domainControllerFunctionality(), dse.supportsControl(Oids.POLICY_HINTS_2066),
            dse.supportsControl(Oids.POLICY_HINTS_2239)),
        domain.dn(), domain.domainSid().toString(), principal.dn(), principal.sid().toString(),
        options.boundAs(), token.method(), entries,
        policy(domain), label(unexpire), forest, controllers, otherDomains, domains,
        anchors.stream().map(AnchorAttribute::ldapName).toList(), skipped);
  }

  private static String label(RightVerdict v) {
    return v.granted() == null ? "unknown" : v.granted() ? "granted" : "not-granted";
  }

  private static AuditHeader.PasswordPolicy policy(DomainInfo d) {
    return new AuditHeader.PasswordPolicy(d.minPwdAge().toSeconds(), d.pwdHistoryLength(),
        d.minPwdLength(), d.complexityRequired(), d.lockoutThreshold());
  }

  /**
   * Another domain of the forest: Unexpire Password on its domain object and its password
   * policy, read through a session bound to one of its DCs. The principal's token is the one
   * read from its own domain: groups local to the other domain are not in it, so a grant to one
   * of them is not seen (the finding says not-granted where a DC of that domain might grant).
   */
  private AuditHeader.DomainStatus otherDomain(String dn, DomainSessions sessions,
      ResolvedToken token, SchemaNames schema, Findings findings) {
    String key = dn.toLowerCase(java.util.Locale.ROOT);
    DirectorySession s = sessions.sessions().get(key);
    if (s == null) {
      String why = sessions.errors().get(key);
      return new AuditHeader.DomainStatus(dn, null, null, null,
          why != null ? why : "no session to a DC of this domain (give one in the configuration's dcUrls)");
    }
    try {
      DomainInfo info = new DomainReader(s).domain();
      RightVerdict v = unexpire(info, token, new Verdicts(info.domainSid(), schema, token.names()), schema);
      DomainChecks.unexpirePassword(info, v, findings);
      DomainChecks.passwordPolicy(info, findings);
      return new AuditHeader.DomainStatus(info.dn(), s.url().toString(), label(v), policy(info), null);
    } catch (DirectoryException e) {
      return new AuditHeader.DomainStatus(dn, s.url().toString(), null, null, e.getMessage());
    }
  }

  /** Counts findings on their way to the real sink; accepted risks are marked, not counted. */
  private static final class Counting implements AuditSink {
    private final AuditSink next;
    private final AcceptedRisks accepted;
    final Map<String, Long> byRule = new LinkedHashMap<>();
    final Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
    long suppressed;

    Counting(AuditSink next, AcceptedRisks accepted) {
      this.next = next;
      this.accepted = accepted;
    }

    Map<String, Long> bySeverity() {
      Map<String, Long> out = new LinkedHashMap<>();
      for (Severity s : Severity.values()) {
        out.put(s.label(), bySeverity.getOrDefault(s, 0L));
      }
      return out;
    }

    @Override
    public void begin(AuditHeader header) {
      next.begin(header);
    }

    @Override
    public void object(ObjectResult result) {
      next.object(result);
    }

    @Override
    public void finding(Finding raw) {
      Finding f = accepted.apply(raw);
      if (f.suppression() != null) {
        suppressed++;
      } else {
        byRule.merge(f.rule(), 1L, Long::sum);
        bySeverity.merge(f.severity(), 1L, Long::sum);
      }
      next.finding(f);
    }

    @Override
    public void end(AuditSummary summary) {
      next.end(summary);
    }
  }

}
