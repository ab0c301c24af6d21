package org.wbaudit.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit's answer for one user.
 *
 * @param forest the run's name of the forest the user is in
 * @param descriptor "read", "unreadable" or "malformed"
 * @param rights per right key (resetPassword, changePassword, writeLockoutTime, writePwdLastSet)
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
    Map<String, RightVerdict> rights) {
  public ObjectResult {
    rights = Collections.unmodifiableMap(new LinkedHashMap<>(rights));
  }
}
