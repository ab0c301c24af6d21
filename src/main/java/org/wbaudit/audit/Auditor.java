package org.wbaudit.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wbaudit.directory.DirectoryChanges;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectoryObject;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.directory.DomainInfo;
import org.wbaudit.directory.DistinguishedNames;
import org.wbaudit.directory.DomainSessions;
import org.wbaudit.directory.LdapUrl;
import org.wbaudit.directory.PasswordPolicies;
import org.wbaudit.directory.Oids;
import org.wbaudit.directory.RootDse;
import org.wbaudit.rules.Operations;
import org.wbaudit.rules.Readiness;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.rules.RuleId;
import org.wbaudit.syncconfig.SyncEngine;

/**
 * The audit of one domain through one DC, as one principal: reads, decides, and streams results
 * to a sink. Never writes to the directory.
 */
public final class Auditor {
  private final RuleCatalog catalog;
  private final Clock clock;
  private final String toolVersion;
  private final AcceptedRisks accepted;
  private final Operations operations = Operations.builtIn();

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
   * @param scope the sync scope chosen by the admin (OUs, group); the default rules always apply
   * @param expiryWarningDays warn this many days before the connector's password expires
   * @param syncEngine the sync engine's exported configuration: its connector for this forest
   *     names the principal and decides the scope; null when the admin gives them
   * @param states where the users read are kept, for incremental runs; null to read all, keep none
   * @param fullEvery with states: read all users when the last full read is older than this
   */
  public record Options(String principal, String boundAs, int pageSize, Progress progress,
      String forest, List<AnchorAttribute> anchors, AnchorIndex anchorIndex,
      List<LdapUrl> dcUrls, List<String> searchBases, DomainSessions otherDomains,
      SyncScope.Settings scope, int expiryWarningDays, SyncEngine syncEngine, UserStates states,
      Duration fullEvery) {
    /** The days before expiry from which the connector's password is reported as expiring. */
    public static final int DEFAULT_EXPIRY_WARNING_DAYS = 14;

    /** An incremental run reads every user when the last full read is older than this. */
    public static final Duration DEFAULT_FULL_EVERY = Duration.ofDays(7);

    public Options(String principal, String boundAs, int pageSize, Progress progress,
        String forest, List<AnchorAttribute> anchors, AnchorIndex anchorIndex,
        List<LdapUrl> dcUrls, List<String> searchBases, DomainSessions otherDomains,
        SyncScope.Settings scope) {
      this(principal, boundAs, pageSize, progress, forest, anchors, anchorIndex, dcUrls,
          searchBases, otherDomains, scope, DEFAULT_EXPIRY_WARNING_DAYS, null, null, DEFAULT_FULL_EVERY);
    }

    public Options {
      anchors = List.copyOf(anchors);
      dcUrls = List.copyOf(dcUrls);
      searchBases = List.copyOf(searchBases);
      scope = scope == null ? SyncScope.Settings.ALL : scope;
    }

    /** One forest, named after its DC, collecting no anchors, the default scope. */
    public Options(String principal, String boundAs, int pageSize, Progress progress) {
      this(principal, boundAs, pageSize, progress, null, List.of(), null, List.of(), List.of(),
          DomainSessions.NONE, SyncScope.Settings.ALL);
    }

    /** The same options for the forest {@code name}, collecting anchors into {@code index}. */
    public Options forForest(String name, List<AnchorAttribute> anchorAttributes, AnchorIndex index) {
      return new Options(principal, boundAs, pageSize, progress, name, anchorAttributes, index,
          dcUrls, searchBases, otherDomains, scope, expiryWarningDays, syncEngine, states, fullEvery);
    }

    public Options withOtherDomains(DomainSessions sessions) {
      return new Options(principal, boundAs, pageSize, progress, forest, anchors, anchorIndex,
          dcUrls, searchBases, sessions, scope, expiryWarningDays, syncEngine, states, fullEvery);
    }

    public Options withScope(SyncScope.Settings s) {
      return new Options(principal, boundAs, pageSize, progress, forest, anchors, anchorIndex,
          dcUrls, searchBases, otherDomains, s, expiryWarningDays, syncEngine, states, fullEvery);
    }

    public Options withPrincipal(String p) {
      return new Options(p, boundAs, pageSize, progress, forest, anchors, anchorIndex,
          dcUrls, searchBases, otherDomains, scope, expiryWarningDays, syncEngine, states, fullEvery);
    }

    /** The same options, scope and principal read from this sync engine's configuration. */
    public Options withSyncEngine(SyncEngine engine) {
      return new Options(principal, boundAs, pageSize, progress, forest, anchors, anchorIndex,
          dcUrls, searchBases, otherDomains, scope, expiryWarningDays, engine, states, fullEvery);
    }

    /** The same options, keeping the users read in {@code s} and reading only what changed. */
    public Options withStates(UserStates s, Duration every) {
      return new Options(principal, boundAs, pageSize, progress, forest, anchors, anchorIndex,
          dcUrls, searchBases, otherDomains, scope, expiryWarningDays, syncEngine, s, every);
    }

    public Options withExpiryWarningDays(int days) {
      return new Options(principal, boundAs, pageSize, progress, forest, anchors, anchorIndex,
          dcUrls, searchBases, otherDomains, scope, days, syncEngine, states, fullEvery);
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
   * Runs the audit, in phases: the domain's context (domain, principal, token, schema), the
   * forest's checks, then every user through the registered checks, streamed to {@code sink}.
   *
   * @throws DirectoryException when the audit cannot start (domain object or principal
   *     unreadable); failures after it started end it with {@code complete=false} instead
   */
  public AuditSummary run(DirectorySession session, Options options, AuditSink sink)
      throws DirectoryException {
    Instant started = clock.instant();
    long usnBefore = session.freshRootDse().highestCommittedUsn();
    SyncEngineBinding engine = options.syncEngine() == null ? null
        : SyncEngineBinding.bind(options.syncEngine(), session, options.forest());
    SyncEngine.Account account = engine == null ? null
        : engine.account(DistinguishedNames.dnsName(session.rootDse().defaultNamingContext()));
    DomainContext ctx = account != null
        ? DomainContext.open(session, account.user(), engine.why(account))
        : DomainContext.open(session, options.principal() != null ? options.principal() : boundAs(options, session));
    ForestPhase.Facts facts = ForestPhase.run(ctx, options, engine, catalog, started);
    RootDse dse = session.rootDse();
    String forest = options.forest() != null ? options.forest()
        : dse.dnsHostName() != null ? dse.dnsHostName() : session.url().host();
    List<AnchorAttribute> anchors = facts.anchors();
    List<String> extra = new ArrayList<>(anchors.stream().map(AnchorAttribute::ldapName).toList());
    facts.scope().attributes().stream().filter(a -> !extra.contains(a)).forEach(extra::add);
    extra.add(PasswordPolicyResolver.RESULTANT);
    PasswordPolicyResolver policies = PasswordPolicyResolver.read(ctx);
    UserRead reading = userRead(session, ctx, options, forest, extra, usnBefore, started);
    sink.begin(header(started, ctx, options, forest, facts, reading));

    Tally tally = new Tally();
    AuditSink counting = ForwardingSink.findings(sink, raw -> {
      Finding f = accepted.apply(raw);
      tally.finding(f);
      return f;
    });
    facts.findings().forEach(counting::finding);
    Findings findings = new Findings(catalog, counting);
    ConnectorHealth health = facts.health();
    List<String> missing = new ArrayList<>(facts.missing());

    List<UserCheck> checks = UserChecks.forDomain(ctx);
    Remediation.Planner remedies = new Remediation.Planner(ctx.domain().dn(), ctx.principal().sid(),
        ctx.principal().samAccountName() + "@" + DistinguishedNames.dnsName(ctx.domain().dn()),
        catalog.get(RuleId.ADMIN_COUNT_SET).remediation());
    SyncScope scope = facts.scope();
    Map<SyncEngine.SyncRule, List<String>> undecided = new LinkedHashMap<>();
    Map<String, Long> governed = new LinkedHashMap<>();
    long[] policyUnknown = {0};
    long[] read = {0};
    try {
      reading.read(object -> {
        if (++read[0] % 1000 == 0) {
          options.progress().usersRead(read[0]);
        }
        UserContext user = ctx.judge(object);
        health.consider(user); // every user it could take over counts, in scope or not
        SyncScope.Decision place = scope.decide(object);
        PasswordPolicyResolver.Resolved policy = policies.of(object);
        if (!place.in()) {
          // Never synchronized, or not known to be: no findings, no counts, no anchor; the
          // verdicts stay in the report.
          if (place.inScope() == null) {
            tally.scopeUnknown();
            undecided.computeIfAbsent(place.undecidedBy(), k -> new ArrayList<>()).add(object.dn());
          } else {
            tally.outOfScope();
          }
          counting.object(result(forest, user, place, null, policy));
          return;
        }
        if (policy.source().equals("unknown")) {
          policyUnknown[0]++;
        } else {
          governed.merge(policy.pso() == null ? "" : policy.pso().toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
        user.rights().forEach((r, v) -> tally.verdict(r, v.granted()));
        UserReadiness readiness = new UserReadiness(catalog, operations.all());
        Findings aboutUser = findings.about(subject(object)).alsoTo(readiness::consider);
        for (UserCheck check : checks) {
          check.check(user, aboutUser);
        }
        remedies.check(user, aboutUser);
        String container = DistinguishedNames.parentOf(object.dn());
        tally.readiness(readiness, operations.all(), container);
        AnchorIndex.Standing standing = null;
        for (AnchorAttribute a : anchors) {
          List<byte[]> values = object.otherValues().get(a.ldapName());
          if (values != null) {
            standing = standing != null ? standing : readiness.standing(subject(object), container);
            options.anchorIndex().add(forest, object.dn(), !object.disabled(), standing, a, a.normalise(values));
          }
        }
        counting.object(result(forest, user, place, readiness, policy));
      });
    } catch (DirectoryException e) {
      missing.add("users after the first " + read[0] + ": " + e.getMessage());
    }
    health.report(findings);
    undecided.forEach((rule, dns) -> notEvaluable(rule, dns, findings));
    AuditSummary.Policies policyUse = reportPolicies(ctx, policies, governed, policyUnknown[0], findings,
        tally, forest);
    everyoneBlockers(facts.findings(), forest, tally);
    options.progress().finished(read[0]);
    long usnAfter = -1;
    try {
      usnAfter = session.freshRootDse().highestCommittedUsn();
    } catch (DirectoryException e) {
      missing.add("highestCommittedUSN after the audit: " + e.getMessage());
    }
    missing.addAll(session.unread());
    if (missing.isEmpty()) {
      reading.finish();
    } else {
      reading.abandon("the run is incomplete");
    }
    Instant finished = clock.instant();
    AuditSummary summary = new AuditSummary(read[0], tally.byRule(), tally.bySeverity(),
        tally.rights(), missing.isEmpty(), missing, finished,
        Duration.between(started, finished).toMillis(), usnBefore, usnAfter,
        ctx.evaluator().cacheMisses(), tally.suppressed(), remedies.plan(), tally.readiness(),
        health.facts(), policyUse);
    sink.end(summary);
    return summary;
  }

  /**
   * PASSWORD_POLICY_BLOCKS_RESET once per policy (the domain's, each PSO) that can reject a
   * written-back password and governs users in scope, with how many; each such policy stops
   * those users at once, so it is counted among the blockers of everyone it governs.
   */
  private AuditSummary.Policies reportPolicies(DomainContext ctx, PasswordPolicyResolver policies,
      Map<String, Long> governed, long unknown, Findings findings, Tally tally, String forest) {
    List<AuditSummary.PolicyUse> uses = new ArrayList<>();
    DomainInfo d = ctx.domain();
    long domainUsers = governed.getOrDefault("", 0L);
    boolean domainBlocks = DomainChecks.passwordPolicy(d.dn(), "The domain policy", d.minPwdAge(),
        d.pwdHistoryLength(), d.minPwdLength(), d.complexityRequired(), domainUsers, findings);
    uses.add(new AuditSummary.PolicyUse("domain", d.dn(), null, d.minPwdAge().toSeconds(),
        d.maxPwdAge() == null ? null : d.maxPwdAge().toDays(), d.pwdHistoryLength(),
        d.minPwdLength(), d.complexityRequired(), domainUsers, domainBlocks));
    if (domainBlocks) {
      everyone(RuleId.PASSWORD_POLICY_BLOCKS_RESET, new AuditSummary.Blocker(RuleId.PASSWORD_POLICY_BLOCKS_RESET,
          forest, 1, domainUsers), tally);
    }
    for (PasswordPolicies.Pso p : policies.psos()) {
      long users = governed.getOrDefault(p.dn().toLowerCase(Locale.ROOT), 0L);
      boolean blocks = users > 0 && DomainChecks.passwordPolicy(p.dn(), "The password settings object "
          + p.dn(), p.minAge(), p.historyLength(), p.minLength(), p.complexity(), users, findings);
      uses.add(new AuditSummary.PolicyUse("pso", p.dn(), p.precedence(), p.minAge().toSeconds(),
          p.maxAge() == null ? null : p.maxAge().toDays(), p.historyLength(), p.minLength(),
          p.complexity(), users, !p.minAge().isZero() || p.historyLength() > 0));
      if (blocks) {
        everyone(RuleId.PASSWORD_POLICY_BLOCKS_RESET, new AuditSummary.Blocker(RuleId.PASSWORD_POLICY_BLOCKS_RESET,
            forest, 1, users), tally);
      }
    }
    return new AuditSummary.Policies(uses, unknown);
  }

  /** What findings about a user, and the report's late blockers, key it by: its GUID, else its DN. */
  static String subject(DirectoryObject o) {
    return o.objectGuid() != null ? o.objectGuid().toString() : o.dn().toLowerCase(Locale.ROOT);
  }

  /** Examples of the users a rule leaves undecided that its finding names. */
  static final int UNDECIDED_NAMED = 20;

  /** SYNC_RULE_NOT_EVALUABLE once per rule, with how many users it leaves undecided. */
  private static void notEvaluable(SyncEngine.SyncRule rule, List<String> dns, Findings findings) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("syncRule", rule.name());
    d.put("file", rule.file());
    d.put("users", dns.size());
    d.put("examples", dns.subList(0, Math.min(UNDECIDED_NAMED, dns.size())));
    findings.emit(RuleId.SYNC_RULE_NOT_EVALUABLE, null, "The synchronization rule '" + rule.name()
        + "' (" + rule.file() + ") cannot be evaluated for " + dns.size() + (dns.size() == 1 ? " user" : " users")
        + ": their sync scope is unknown", d);
  }

  /**
   * @param readiness null for a user out of scope, or whose scope is undecided
   */
  private static ObjectResult result(String forest, UserContext u, SyncScope.Decision place,
      UserReadiness readiness, PasswordPolicyResolver.Resolved policy) {
    DirectoryObject o = u.object();
    return new ObjectResult(forest, o.dn(), o.objectGuid() == null ? null : o.objectGuid().toString(),
        o.objectSid() == null ? null : o.objectSid().toString(), o.userPrincipalName(),
        o.samAccountName(), o.structuralClass(), !o.disabled(), o.lockedOut(), u.adminCount(),
        u.inheritanceDisabled(), u.status().label(), u.rightsByKey(), place.inScope(),
        place.reason(), readiness == null ? null : readiness.ready(0),
        readiness == null ? List.of() : readiness.blockers(0), u.protectedBy(),
        new ObjectResult.PasswordPolicyRef(policy.source(), policy.pso()),
        readiness == null ? null : readiness.verdicts());
  }

  /**
   * Forest-phase findings that stop writeback for every user at once, counted per rule, for
   * each operation they stop.
   */
  private void everyoneBlockers(List<Finding> forestFindings, String forest, Tally tally) {
    Map<String, Long> perRule = new LinkedHashMap<>();
    for (Finding f : forestFindings) {
      perRule.merge(f.rule(), 1L, Long::sum);
    }
    perRule.forEach((rule, n) -> everyone(rule, new AuditSummary.Blocker(rule, forest, n, tally.inScope()), tally));
  }

  /** Counts a blocker of everyone for each operation its rule stops. */
  private void everyone(String rule, AuditSummary.Blocker b, Tally tally) {
    List<Operations.Operation> ops = operations.all();
    for (int i = 0; i < ops.size(); i++) {
      if (catalog.get(rule).readinessFor(ops.get(i), null) == Readiness.BLOCKS) {
        tally.everyone(b, ops.get(i).id(), i == 0);
      }
    }
  }

  /**
   * How this run reads its users: all of them, or with {@link Options#states()} what changed
   * since the last complete run. The state's key names the forest and domain; the read key what
   * decides what a read returns, so that a state is reused only by a run that reads the same.
   */
  private UserRead userRead(DirectorySession session, DomainContext ctx, Options options,
      String forest, List<String> extra, long usnBefore,
      Instant started) throws DirectoryException {
    if (options.states() == null) {
      return UserRead.full(ctx.users(), options.pageSize(), extra, options.searchBases());
    }
    String domain = ctx.domain().dn();
    List<String> attributes = extra.stream().map(a -> a.toLowerCase(Locale.ROOT)).sorted().toList();
    List<String> bases = options.searchBases().stream().map(b -> b.toLowerCase(Locale.ROOT)).sorted().toList();
    String readKey = String.join("|", toolVersion, String.valueOf(boundAs(options, session)),
        domain.toLowerCase(Locale.ROOT), String.join(";", attributes), String.join(";", bases));
    return UserRead.plan(options.states(), forest + " " + domain, readKey, ctx.users(),
        new DirectoryChanges(session), options.pageSize(), extra,
        options.searchBases(), domain, boundAccountPsos(session), usnBefore, started, options.fullEvery());
  }

  /**
   * The PSOs as the bound account reads them (an admin binding for the connector may read what
   * the connector cannot): what decides users' msDS-ResultantPSO; null when unreadable.
   */
  private static List<PasswordPolicies.Pso> boundAccountPsos(DirectorySession session) {
    try {
      PasswordPolicies dir = new PasswordPolicies(session);
      return dir.containerDescriptor() == null ? null : dir.all();
    } catch (DirectoryException e) {
      return null;
    }
  }

  private AuditHeader header(Instant started, DomainContext ctx, Options options, String forest,
      ForestPhase.Facts facts, UserRead reading) {
    DirectorySession session = ctx.session();
    RootDse dse = session.rootDse();
    ResolvedToken token = ctx.token();
    List<AuditHeader.TokenEntry> entries = new ArrayList<>();
    token.token().sids().stream().sorted().forEach(s ->
        entries.add(new AuditHeader.TokenEntry(s.toString(), token.names().getOrDefault(s, s.toString()))));
    return new AuditHeader(toolVersion, started,
        new AuditHeader.DomainController(session.url().toString(), dse.dnsHostName(),
            dse.domainControllerFunctionality(), dse.supportsControl(Oids.POLICY_HINTS_2066),
            dse.supportsControl(Oids.POLICY_HINTS_2239), session.authentication(),
            session.protection(), session.passedOver()),
        ctx.domain().dn(), ctx.domain().domainSid().toString(), ctx.principal().dn(),
        ctx.principal().sid().toString(), boundAs(options, session), token.method(), entries,
        policy(ctx.domain()), facts.domains().get(0).unexpirePassword(), forest,
        facts.controllers(), facts.otherDomains(), facts.domains(),
        facts.anchors().stream().map(AnchorAttribute::ldapName).toList(), facts.anchorsSkipped(),
        facts.scope().describe(), ctx.choice(), ctx.protection().describe(), facts.samAccess(),
        reading.describe());
  }

  /** The bind name given, or (Kerberos with a ticket cache) whom the DC says is bound. */
  private static String boundAs(Options options, DirectorySession session) {
    return options.boundAs() != null ? options.boundAs() : session.boundAs();
  }

  static String label(RightVerdict v) {
    return v.granted() == null ? "unknown" : v.granted() ? "granted" : "not-granted";
  }

  static AuditHeader.PasswordPolicy policy(DomainInfo d) {
    return new AuditHeader.PasswordPolicy(d.minPwdAge().toSeconds(), d.pwdHistoryLength(),
        d.minPwdLength(), d.complexityRequired(), d.lockoutThreshold());
  }
}
