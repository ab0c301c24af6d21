package org.wbaudit.audit;

import java.util.ArrayList;
import java.util.EnumMap;
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
import org.wbaudit.directory.PrincipalDirectory;
import org.wbaudit.directory.PrincipalInfo;
import org.wbaudit.directory.ProtectionDirectory;
import org.wbaudit.directory.SchemaReader;
import org.wbaudit.directory.TokenFacts;
import org.wbaudit.access.TokenAssembly;
import org.wbaudit.sd.Sid;
import org.wbaudit.directory.UserSource;
import org.wbaudit.directory.SchemaNames;
import org.wbaudit.rules.ConnectorPatterns;
import org.wbaudit.rules.ProtectedGroups;
import org.wbaudit.sd.MalformedDescriptorException;
import org.wbaudit.sd.SecurityDescriptor;

/**
 * Everything about one domain that every user's judgement shares, built once: the domain, the
 * audited principal and its token, schema names, the verdict cache and the ancestors' cache.
 * {@code audit} and {@code explain} judge users through the same context, so they cannot
 * disagree. Not thread-safe: one per forest thread.
 */
public final class DomainContext {
  /** Distinct descriptors remembered; a domain rarely has more than a few hundred. */
  static final int DESCRIPTOR_CACHE = 20_000;

  private final DirectorySession session;
  private final DomainReader reader;
  private final PrincipalDirectory principals;
  private final UserSource users;
  private final DomainInfo domain;
  private final PrincipalInfo principal;
  private final ResolvedToken token;
  private final SchemaNames schema;
  private final Verdicts verdicts;
  private final UserRightsEvaluator evaluator;
  private final PropagationCheck.Ancestors ancestors;
  private final PrincipalChoice choice;
  private final Protection protection;

  /**
   * How the audited account was chosen when wbaudit was not told its name: found in the
   * directory ({@code --principal auto}) or read from the sync engine's configuration.
   *
   * @param method {@link #AUTO} or {@link #SYNC_CONFIG}
   * @param chosen its DN
   * @param why in words
   * @param candidates the other connector accounts found, as "name (DN), last logon …"
   */
  public record PrincipalChoice(String method, String chosen, String why, List<String> candidates) {
    public PrincipalChoice {
      candidates = List.copyOf(candidates);
    }
  }

  /** The principal chosen from the sync engine's exported configuration. */
  public static final String SYNC_CONFIG = "sync-config";

  /** What {@code --principal} takes to let wbaudit find the connector account itself. */
  public static final String AUTO = "auto";

  private DomainContext(DirectorySession session, DomainReader reader,
      PrincipalDirectory principals, DomainInfo domain, PrincipalInfo principal,
      ResolvedToken token, SchemaNames schema, PrincipalChoice choice) {
    this.choice = choice;
    this.protection = Protection.read(new ProtectionDirectory(session), ProtectedGroups.builtIn(),
        domain.domainSid());
    this.session = session;
    this.reader = reader;
    this.principals = principals;
    this.users = new UserSource(session);
    this.domain = domain;
    this.principal = principal;
    this.token = token;
    this.schema = schema;
    this.verdicts = new Verdicts(domain.domainSid(), schema, token.names());
    this.evaluator = new UserRightsEvaluator(token.token(), DESCRIPTOR_CACHE);
    this.ancestors = PropagationCheck.ancestorsFrom(reader, domain.dn());
  }

  /**
   * Reads the domain, finds the principal and assembles its token.
   *
   * @param principalName DN, UPN or sAMAccountName of the account whose rights are judged
   * @throws DirectoryException NOT_FOUND when there is no such account; READ when the domain
   *     object cannot be read
   */
  public static DomainContext open(DirectorySession session, String principalName)
      throws DirectoryException {
    return open(session, principalName, null);
  }

  /**
   * As {@link #open(DirectorySession, String)}, for the account a sync engine's configuration
   * names: the report says so, with {@code why}.
   *
   * @param why why this account is the principal; null when it was named or is found by auto
   */
  public static DomainContext open(DirectorySession session, String principalName, String why)
      throws DirectoryException {
    DomainReader reader = new DomainReader(session);
    PrincipalDirectory principals = new PrincipalDirectory(session);
    DomainInfo domain = reader.domain();
    PrincipalChoice choice = null;
    if (why == null && AUTO.equalsIgnoreCase(principalName)) {
      choice = choose(session, reader.domainDn(), domain.domainSid());
      principalName = choice.chosen();
    }
    PrincipalInfo principal = principals.findPrincipal(principalName);
    if (principal == null) {
      throw new DirectoryException(DirectoryException.Kind.NOT_FOUND,
          "no account named " + principalName + " in " + reader.domainDn()
          + (why != null ? " (" + why + ")" : ""), null, null);
    }
    if (why != null) {
      choice = new PrincipalChoice(SYNC_CONFIG, principal.dn(), why, List.of());
    }
    ResolvedToken token = ResolvedToken.of(principals, principal, domain.domainSid());
    return new DomainContext(session, reader, principals, domain, principal, token,
        new SchemaReader(session).schemaNames(), choice);
  }

  /**
   * The connector account found by {@link ConnectorDiscovery} and chosen by what it can do: one
   * holding Reset Password (directly or through its groups) over one that does not, whatever
   * their names and logon times say.
   *
   * @throws DirectoryException NOT_FOUND when there is none; SETTINGS when several are plausible
   */
  private static PrincipalChoice choose(DirectorySession session, String domainDn, Sid domainSid)
      throws DirectoryException {
    List<ConnectorDiscovery.Connector> found =
        ConnectorDiscovery.discover(session, ConnectorPatterns.builtIn()).connectors();
    java.util.Set<Sid> grantees = new java.util.HashSet<>();
    for (ConnectorDiscovery.Connector c : found) {
      if (c.kinds().contains(ConnectorDiscovery.GRANT_HOLDER) && c.sid() != null) {
        grantees.add(Sid.parse(c.sid()));
      }
    }
    PrincipalDirectory principals = new PrincipalDirectory(session);
    java.util.function.Predicate<ConnectorDiscovery.Connector> capable = c -> {
      if (c.kinds().contains(ConnectorDiscovery.GRANT_HOLDER)) {
        return true;
      }
      try {
        PrincipalInfo p = principals.findPrincipal(c.dn());
        if (p == null) {
          return false;
        }
        TokenFacts facts = principals.tokenFacts(p, domainSid);
        return TokenAssembly.networkLogon(p.sid(), facts.groups(), facts.builtinAliasMembers()).sids()
            .stream().anyMatch(grantees::contains);
      } catch (DirectoryException e) {
        return false; // what cannot be read is not evidence of a grant
      }
    };
    ConnectorDiscovery.Choice choice = ConnectorDiscovery.choose(found, capable);
    if (choice.chosen() == null && choice.plausible().isEmpty()) {
      throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, "--principal auto: no"
          + " connector account found in " + domainDn + " (no MSOL_ account, no provAgentgMSA$,"
          + " and no account holding Reset Password on the users below a container); give"
          + " --principal NAME", null, null);
    }
    if (choice.chosen() == null) {
      List<String> listed = new ArrayList<>();
      for (ConnectorDiscovery.Connector c : choice.plausible()) {
        listed.add(describe(c) + (capable.test(c) ? ", holds Reset Password" : ", holds no Reset Password grant"));
      }
      throw new DirectoryException(DirectoryException.Kind.SETTINGS, "--principal auto: "
          + choice.plausible().size() + " accounts could be the connector account, and wbaudit does"
          + " not guess between them: " + String.join("; ", listed) + ". Give --principal NAME, or"
          + " the sync engine's configuration (--sync-config DIR)", null, null);
    }
    ConnectorDiscovery.Connector best = choice.chosen();
    List<String> others = new ArrayList<>();
    for (ConnectorDiscovery.Connector c : found) {
      if (c.account() && c != best) {
        others.add(describe(c));
      }
    }
    boolean holds = capable.test(best);
    String why = String.join("/", best.kinds()) + ": " + String.join("; ", best.evidence())
        + (holds ? "; the only connector account that holds Reset Password"
            + (best.kinds().contains(ConnectorDiscovery.GRANT_HOLDER) ? "" : " (through its groups)")
            : "; no account holds Reset Password, and it is the only connector account named so")
        + " (last logon " + (best.lastLogon() == null ? "never" : best.lastLogon()) + ")";
    return new PrincipalChoice(AUTO, best.dn(), why, others);
  }

  private static String describe(ConnectorDiscovery.Connector c) {
    return c.samAccountName() + " (" + c.dn() + "), " + String.join("/", c.kinds())
        + (Boolean.FALSE.equals(c.enabled()) ? ", disabled" : "")
        + ", last logon " + (c.lastLogon() == null ? "never" : c.lastLogon());
  }

  /** SDProp's protection in this domain. */
  Protection protection() {
    return protection;
  }

  /** How the principal was chosen; null when it was named. */
  public PrincipalChoice choice() {
    return choice;
  }

  /** One user, judged: its class, descriptor and a verdict per writeback right. */
  public UserContext judge(DirectoryObject o) {
    UUID objectClass = classOf(o);
    List<String> protectedBy = protection.pathOf(o);
    if (o.descriptor() == null) {
      return new UserContext(o, objectClass, null, DescriptorStatus.UNREADABLE,
          "no nTSecurityDescriptor returned",
          allUnknown("the audited account cannot read this user's security descriptor"), ancestors,
          protectedBy, protection.known());
    }
    UserRights rights;
    try {
      rights = evaluator.evaluate(o.descriptor(), objectClass, o.objectSid());
    } catch (MalformedDescriptorException e) {
      return new UserContext(o, objectClass, null, DescriptorStatus.MALFORMED, e.getMessage(),
          allUnknown("the security descriptor cannot be parsed: " + e.getMessage()), ancestors,
          protectedBy, protection.known());
    }
    return new UserContext(o, objectClass, rights.descriptor(), DescriptorStatus.READ, null,
        verdicts.of(rights), ancestors, protectedBy, protection.known());
  }

  /** The schemaIDGUID of the object's structural class (user's when the schema cannot say). */
  UUID classOf(DirectoryObject o) {
    UUID objectClass = schema.classGuid(o.structuralClass());
    if (objectClass == null && "user".equalsIgnoreCase(o.structuralClass())) {
      objectClass = WritebackRight.Guid.USER_CLASS;
    }
    return objectClass;
  }

  /** Unexpire Password on this domain's object. */
  RightVerdict unexpire() {
    return unexpire(domain);
  }

  /**
   * Unexpire Password on a domain object of this forest, for this principal's token: groups
   * local to another domain are not in it, so a grant to one of them is not seen.
   */
  RightVerdict unexpire(DomainInfo d) {
    if (d.descriptor() == null) {
      return RightVerdict.unknown("the audited account cannot read the domain's security descriptor");
    }
    try {
      SecurityDescriptor sd = SecurityDescriptor.parse(d.descriptor());
      UUID cls = schema.classGuid("domainDNS");
      Decision decision = AccessCheck.evaluate(sd, token.token(), d.domainSid(),
          WritebackRight.UNEXPIRE_PASSWORD.request(cls != null ? cls : WritebackRight.Guid.DOMAIN_DNS_CLASS));
      return new Verdicts(d.domainSid(), schema, token.names()).of(decision);
    } catch (MalformedDescriptorException e) {
      return RightVerdict.unknown("the domain's security descriptor cannot be parsed: " + e.getMessage());
    }
  }

  private static Map<WritebackRight, RightVerdict> allUnknown(String reason) {
    Map<WritebackRight, RightVerdict> out = new EnumMap<>(WritebackRight.class);
    for (WritebackRight r : WritebackRight.EVALUATED) {
      out.put(r, RightVerdict.unknown(reason));
    }
    return out;
  }

  public DirectorySession session() {
    return session;
  }

  public DomainReader reader() {
    return reader;
  }

  public PrincipalDirectory principals() {
    return principals;
  }

  public UserSource users() {
    return users;
  }

  public DomainInfo domain() {
    return domain;
  }

  public PrincipalInfo principal() {
    return principal;
  }

  public ResolvedToken token() {
    return token;
  }

  public SchemaNames schema() {
    return schema;
  }

  Verdicts verdicts() {
    return verdicts;
  }

  UserRightsEvaluator evaluator() {
    return evaluator;
  }
}
