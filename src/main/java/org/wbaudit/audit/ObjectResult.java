package org.wbaudit.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit's answer for one user.
 *
 * @param forest the run's name of the forest the user is in
 * @param descriptor "read", "unreadable" or "malformed"
 * @param rights per right key (resetPassword, changePassword, writeLockoutTime, writePwdLastSet)
 * @param inScope whether writeback can ever be asked for this user (the sync scope): null when a
 *     rule of the sync engine's configuration that could decide it cannot be evaluated
 * @param scopeReason why not, when it is out of scope (or undecided); with a sync engine's
 *     configuration also what took it in; null otherwise
 * @param ready whether its own object lets the connector reset it: true, false, or null when
 *     something that decides it cannot be seen; null out of scope
 * @param blockers the rule ids that make {@code ready} false or null; empty otherwise
 * @param protectedBy the path (the user's DN, the groups, the protected group last) that makes
 *     SDProp protect it; null when it is not protected or membership could not be read
 * @param passwordPolicy the policy a written-back password must pass: its source (domain, pso
 *     or unknown) and the PSO's DN
 * @param operations the readiness of each writeback operation (rules/operations.json), the first
 *     being {@code ready} and {@code blockers}; null out of scope
 */
public record ObjectResult(
    String forest,
    String dn,
    String objectGuid,
    String objectSid,
    String userPrincipalName,
    String samAccountName,
    String objectClass,
    boolean enabled,
    boolean lockedOut,
    boolean adminCount,
    boolean inheritanceDisabled,
    String descriptor,
    Map<String, RightVerdict> rights,
    Boolean inScope,
    String scopeReason,
    Boolean ready,
    List<String> blockers,
    List<String> protectedBy,
    PasswordPolicyRef passwordPolicy,
    Map<String, OperationVerdict> operations) {
  /** Which policy governs a user. */
  public record PasswordPolicyRef(String source, String pso) {}

  /** One operation's readiness: true, false or null, and the rules that make it so. */
  public record OperationVerdict(Boolean ready, List<String> blockers) {
    public OperationVerdict {
      blockers = List.copyOf(blockers);
    }
  }

  /** A result without per-operation verdicts (a user out of scope, a report of an older version). */
  public ObjectResult(String forest, String dn, String objectGuid, String objectSid,
      String userPrincipalName, String samAccountName, String objectClass, boolean enabled,
      boolean lockedOut, boolean adminCount, boolean inheritanceDisabled, String descriptor,
      Map<String, RightVerdict> rights, Boolean inScope, String scopeReason, Boolean ready,
      List<String> blockers, List<String> protectedBy, PasswordPolicyRef passwordPolicy) {
    this(forest, dn, objectGuid, objectSid, userPrincipalName, samAccountName, objectClass, enabled,
        lockedOut, adminCount, inheritanceDisabled, descriptor, rights, inScope, scopeReason, ready,
        blockers, protectedBy, passwordPolicy, null);
  }

  /**
   * The same result stopped by {@code rules} as well, found when the run ended: every operation
   * not ready (in scope), the rules added to its blockers.
   */
  public ObjectResult withBlockers(List<String> rules) {
    if (rules.isEmpty() || !Boolean.TRUE.equals(inScope)) {
      return this;
    }
    List<String> b = new java.util.ArrayList<>(blockers);
    rules.stream().filter(r -> !b.contains(r)).forEach(b::add);
    Map<String, OperationVerdict> ops = null;
    if (operations != null) {
      ops = new LinkedHashMap<>();
      for (Map.Entry<String, OperationVerdict> e : operations.entrySet()) {
        List<String> ob = new java.util.ArrayList<>(e.getValue().blockers());
        rules.stream().filter(r -> !ob.contains(r)).forEach(ob::add);
        ops.put(e.getKey(), new OperationVerdict(false, ob));
      }
    }
    return new ObjectResult(forest, dn, objectGuid, objectSid, userPrincipalName, samAccountName,
        objectClass, enabled, lockedOut, adminCount, inheritanceDisabled, descriptor, rights, inScope,
        scopeReason, false, b, protectedBy, passwordPolicy, ops);
  }

  public ObjectResult {
    rights = Collections.unmodifiableMap(new LinkedHashMap<>(rights));
    blockers = blockers == null ? List.of() : List.copyOf(blockers);
    protectedBy = protectedBy == null ? null : List.copyOf(protectedBy);
    operations = operations == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(operations));
  }
}
