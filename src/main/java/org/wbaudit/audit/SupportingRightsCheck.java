package org.wbaudit.audit;

import java.util.EnumMap;
import java.util.Map;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.rules.RuleId;

/**
 * The rights checked besides Reset Password: write lockoutTime and write pwdLastSet, which
 * resets and unlocks need, and Change Password, which a change needs (its rule stops that
 * operation only, and stays informational).
 */
final class SupportingRightsCheck implements UserCheck {
  private static final Map<WritebackRight, String> RULES = new EnumMap<>(Map.of(
      WritebackRight.CHANGE_PASSWORD, RuleId.CHANGE_PASSWORD_NOT_GRANTED,
      WritebackRight.WRITE_LOCKOUT_TIME, RuleId.WRITE_LOCKOUT_TIME_NOT_GRANTED,
      WritebackRight.WRITE_PWD_LAST_SET, RuleId.WRITE_PWD_LAST_SET_NOT_GRANTED));

  @Override
  public void check(UserContext user, Findings findings) {
    if (user.descriptor() == null) {
      return;
    }
    RULES.forEach((right, rule) -> {
      RightVerdict v = user.right(right);
      if (v.granted() == null) {
        findings.emit(RuleId.RIGHT_UNDECIDABLE, user.dn(),
            right.displayName() + " cannot be decided: " + v.reason(), v.details(right.key()));
      } else if (Boolean.FALSE.equals(v.granted())) {
        findings.emit(rule, user.dn(),
            right.displayName() + " is not available to the audited account: " + v.reason(),
            v.details(right.key()));
      }
    });
  }
}
