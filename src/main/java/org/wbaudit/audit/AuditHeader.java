package org.wbaudit.audit;

import java.time.Instant;
import java.util.List;

/**
 * What the audit ran against and as whom; known before the first user is read.
 *
 * @param token each SID of the audited principal's token with its name
 * @param tokenMethod "tokenGroups" or "memberOf"
 * @param forest the name the run gives this forest (the configuration file's, or the DC's host)
 * @param controllers every DC of the forest checked, the audited one first
 * @param otherDomains the forest's other domains (DNs): their users are not read here
 * @param domains every domain of the forest checked for Unexpire Password and the password
 *     policy, this one first; an other domain no DC could be bound for carries the reason
 * @param anchorsChecked anchor attributes read from this forest
 * @param anchorsSkipped anchor attributes asked for that this forest's schema lacks
 * @param scope the sync scope applied: the default rules' ids, OUs, excluded OUs, group
 * @param principalChoice how the principal was found with {@code --principal auto}; null when named
 * @param protection how AdminSDHolder protection was read: method, groups, dSHeuristics
 * @param samAccess what writeback's SAM calls need of the domain: the SAM server, domain and
 *     Builtin objects' verdicts, and Pre-Windows 2000 Compatible Access's membership
 * @param userRead how the users were read with {@code --incremental}: mode ("full" or
 *     "incremental") and reason; empty without it
 */
public record AuditHeader(
    String toolVersion,
    Instant startedAt,
    DomainController dc,
    String domainDn,
    String domainSid,
    String principalDn,
    String principalSid,
    String boundAs,
    String tokenMethod,
    List<TokenEntry> token,
    PasswordPolicy passwordPolicy,
    String unexpirePassword,
    String forest,
    List<ControllerStatus> controllers,
    List<String> otherDomains,
    List<DomainStatus> domains,
    List<String> anchorsChecked,
    List<String> anchorsSkipped,
    java.util.Map<String, Object> scope,
    DomainContext.PrincipalChoice principalChoice,
    java.util.Map<String, Object> protection,
    java.util.Map<String, Object> samAccess,
    java.util.Map<String, Object> userRead) {

  /**
   * The DC audited, what its root DSE says, and how wbaudit reached it.
   *
   * @param authentication how wbaudit authenticated (never a secret)
   * @param protection what protects the connection (TLS, or Kerberos sealing)
   * @param passedOver DCs found through DNS and tried first, each with why it was passed over
   */
  public record DomainController(String url, String dnsHostName, int functionalLevel,
      boolean policyHints2066, boolean policyHints2239, String authentication, String protection,
      List<String> passedOver) {
    public DomainController {
      passedOver = passedOver == null ? List.of() : List.copyOf(passedOver);
    }

    /** A DC described by its root DSE alone (tests, the demo). */
    public DomainController(String url, String dnsHostName, int functionalLevel,
        boolean policyHints2066, boolean policyHints2239) {
      this(url, dnsHostName, functionalLevel, policyHints2066, policyHints2239, null, null,
          List.of());
    }
  }

  /** One SID of the token. */
  public record TokenEntry(String sid, String name) {}

  /** The domain's password policy as it bears on a reset. */
  public record PasswordPolicy(long minPwdAgeSeconds, int pwdHistoryLength, int minPwdLength,
      boolean complexity, int lockoutThreshold) {}

  /**
   * One domain controller's readiness.
   *
   * @param url where it was read (or would have been)
   * @param dnsHostName its name, from its root DSE or the configuration partition
   * @param reachable whether its root DSE could be read
   * @param policyHints2066 null when unreachable
   * @param policyHints2239 null when unreachable
   * @param error why it could not be read; null when it could
   */
  public record ControllerStatus(String url, String dnsHostName, boolean reachable,
      Boolean policyHints2066, Boolean policyHints2239, String error) {}

  /**
   * One domain's checks.
   *
   * @param dc where its domain object was read; null when no DC of it could be used
   * @param unexpirePassword granted, not-granted or unknown; null when not checked
   * @param passwordPolicy null when not checked
   * @param error why it was not checked; null when it was
   */
  public record DomainStatus(String dn, String dc, String unexpirePassword,
      PasswordPolicy passwordPolicy, String error) {}

  public AuditHeader {
    domains = List.copyOf(domains);
    token = List.copyOf(token);
    controllers = List.copyOf(controllers);
    otherDomains = List.copyOf(otherDomains);
    anchorsChecked = List.copyOf(anchorsChecked);
    anchorsSkipped = List.copyOf(anchorsSkipped);
    protection = protection == null ? java.util.Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(protection));
    scope = scope == null ? java.util.Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scope));
    samAccess = samAccess == null ? java.util.Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(samAccess));
    userRead = userRead == null ? java.util.Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(userRead));
  }
}
