package org.wbaudit.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts and completeness, known at the end.
 *
 * @param usersRead users the audit received and judged
 * @param findingsByRule count per rule id
 * @param findingsBySeverity count per severity label
 * @param rights per right key: how many users have it granted, not granted, unknown
 * @param complete false when part of the audit is missing; {@code missing} says which part
 * @param highestCommittedUsnBefore the DC's highestCommittedUSN when the audit started
 * @param highestCommittedUsnAfter and when it ended: equal unless something else wrote
 * @param readiness the users in the sync scope: how many writeback can serve, and why not
 * @param connector the audited account's own health and reach; null when not checked
 * @param passwordPolicies the policies that govern the users in scope; null when not read
 */
public record AuditSummary(
    long usersRead,
    Map<String, Long> findingsByRule,
    Map<String, Long> findingsBySeverity,
    Map<String, RightCounts> rights,
    boolean complete,
    List<String> missing,
    Instant finishedAt,
    long durationMillis,
    long highestCommittedUsnBefore,
    long highestCommittedUsnAfter,
    long distinctDescriptors,
    long findingsSuppressed,
    List<Remediation> remediation,
    Readiness readiness,
    Connector connector,
    Policies passwordPolicies) {

  /** How a right came out across users. */
  public record RightCounts(long granted, long notGranted, long unknown) {
    static final RightCounts NONE = new RightCounts(0, 0, 0);

    /** One more verdict: granted, not granted, or unknown (null). */
    RightCounts plus(Boolean verdict) {
      return verdict == null ? new RightCounts(granted, notGranted, unknown + 1)
          : verdict ? new RightCounts(granted + 1, notGranted, unknown)
          : new RightCounts(granted, notGranted + 1, unknown);
    }

    RightCounts plus(RightCounts o) {
      return new RightCounts(granted + o.granted, notGranted + o.notGranted, unknown + o.unknown);
    }
  }

  /**
   * One readiness verdict per user in the sync scope, added up.
   *
   * @param inScope users writeback can serve
   * @param ready those whose own object lets the connector reset them
   * @param notReady those whose own object stops it (see {@code causes})
   * @param unknown those for which something that decides it cannot be seen
   * @param outOfScope users read but never synchronized (no findings are made about them)
   * @param causes why users are not ready, per first blocker and container, largest first
   * @param everyone findings that stop writeback for every user at once (a DC without the
   *     policy-hints control, a password policy, the connector account itself): not copied into
   *     each user's blockers
   * @param scopeUnknown users whose sync scope a rule of the sync engine's configuration leaves
   *     undecided (counted neither in nor out of scope)
   * @param operations the same counts for each writeback operation (rules/operations.json), by
   *     its id; the first is the self-service reset the fields above count
   */
  public record Readiness(long inScope, long ready, long notReady, long unknown, long outOfScope,
      List<Cause> causes, List<Blocker> everyone, long scopeUnknown,
      Map<String, OperationReadiness> operations) {
    public static final Readiness NONE = new Readiness(0, 0, 0, 0, 0, List.of(), List.of());

    public Readiness {
      causes = List.copyOf(causes);
      everyone = List.copyOf(everyone);
      operations = operations == null ? Map.of()
          : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(operations));
    }

    /** Without users of undecided scope, or per-operation counts. */
    public Readiness(long inScope, long ready, long notReady, long unknown, long outOfScope,
        List<Cause> causes, List<Blocker> everyone) {
      this(inScope, ready, notReady, unknown, outOfScope, causes, everyone, 0, Map.of());
    }
  }

  /**
   * One operation's readiness over the users in scope.
   *
   * @param everyone findings that stop this operation for every user at once
   */
  public record OperationReadiness(long ready, long notReady, long unknown, List<Blocker> everyone) {
    public OperationReadiness {
      everyone = List.copyOf(everyone);
    }
  }

  /**
   * The audited connector account beyond its token.
   *
   * @param protectedBy its path into a protected group; null when it is in none
   * @param replicationRights Replicating Directory Changes (getChanges) and ... All
   *     (getChangesAll) on the domain head: expected for password hash sync, and what makes the
   *     account as sensitive as a domain admin
   * @param domainHead what the domain head's DACL gives it beyond writeback (fullControl,
   *     writeDac, writeOwner)
   * @param usersBeyondWriteback per right beyond writeback, how many users' DACLs give it
   * @param passwordExpires when its password expires; null when never or unknown
   * @param passwordExpiry the same in words: a date, "never (...)" or "unknown (...)"
   */
  public record Connector(List<String> protectedBy, Map<String, Boolean> replicationRights,
      List<String> domainHead, Map<String, Long> usersBeyondWriteback, String passwordExpires,
      String passwordExpiry) {
    public Connector {
      protectedBy = protectedBy == null ? null : List.copyOf(protectedBy);
      replicationRights = Collections.unmodifiableMap(new LinkedHashMap<>(replicationRights));
      domainHead = List.copyOf(domainHead);
      usersBeyondWriteback = Collections.unmodifiableMap(new LinkedHashMap<>(usersBeyondWriteback));
    }
  }

  /**
   * The password policies a written-back password must pass, each once, with the users in scope
   * each governs.
   *
   * @param unknownUsers users in scope whose policy cannot be known (it could be a PSO the
   *     audited account may not read): neither blocked for it nor assumed the domain's
   */
  public record Policies(List<PolicyUse> policies, long unknownUsers) {
    public Policies {
      policies = List.copyOf(policies);
    }
  }

  /**
   * One policy.
   *
   * @param source "domain" or "pso"
   * @param dn the domain's or the PSO's DN
   * @param precedence the PSO's; null for the domain's
   * @param maxPwdAgeDays null when passwords never expire under it
   * @param blocksReset whether its minimum age or history can reject a written-back password
   */
  public record PolicyUse(String source, String dn, Integer precedence, long minPwdAgeSeconds,
      Long maxPwdAgeDays, int pwdHistoryLength, int minPwdLength, boolean complexity, long users,
      boolean blocksReset) {}

  /** Users not ready (or unknown) for one reason under one container. */
  public record Cause(String rule, String container, long users) {}

  /**
   * A finding that blocks every in-scope user of a forest at once.
   *
   * @param findings how many findings of the rule there are (one per DC, say)
   * @param usersAffected the in-scope users it stops
   */
  public record Blocker(String rule, String forest, long findings, long usersAffected) {}

  /** The same summary with another readiness (a blocker found when the run ended). */
  public AuditSummary withReadiness(Readiness r) {
    return new AuditSummary(usersRead, findingsByRule, findingsBySeverity, rights, complete, missing,
        finishedAt, durationMillis, highestCommittedUsnBefore, highestCommittedUsnAfter,
        distinctDescriptors, findingsSuppressed, remediation, r, connector, passwordPolicies);
  }

  public AuditSummary {
    findingsByRule = Collections.unmodifiableMap(new LinkedHashMap<>(findingsByRule));
    findingsBySeverity = Collections.unmodifiableMap(new LinkedHashMap<>(findingsBySeverity));
    rights = Collections.unmodifiableMap(new LinkedHashMap<>(rights));
    missing = List.copyOf(missing);
    remediation = List.copyOf(remediation);
    readiness = readiness == null ? Readiness.NONE : readiness;
  }
}
