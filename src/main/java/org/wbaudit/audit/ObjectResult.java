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
    PasswordPolicyRef passwordPolicy) {
  /** Which policy governs a user. */
  public record PasswordPolicyRef(String source, String pso) {}

  public ObjectResult {
    rights = Collections.unmodifiableMap(new LinkedHashMap<>(rights));
    blockers = blockers == null ? List.of() : List.copyOf(blockers);
    protectedBy = protectedBy == null ? null : List.copyOf(protectedBy);
  }
}
