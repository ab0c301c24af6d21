package org.wbaudit.audit;

import org.wbaudit.access.WritebackRight;
import org.wbaudit.rules.RuleId;

/** RESET_PASSWORD_NOT_GRANTED, and RIGHT_UNDECIDABLE when a conditional ACE might decide. */
final class ResetPasswordCheck implements UserCheck {
  private static final WritebackRight RIGHT = WritebackRight.RESET_PASSWORD;

  @Override
  public void check(UserContext user, Findings findings) {
    RightVerdict v = user.right(RIGHT);
    if (user.descriptor() == null) {
      return; // unreadable or malformed descriptors are DescriptorCheck's concern
    }
    if (v.granted() == null) {
      findings.emit(RuleId.RIGHT_UNDECIDABLE, user.dn(),
          "Reset Password cannot be decided: " + v.reason(), v.details(RIGHT.key()));
    } else if (!v.granted()) {
      findings.emit(RuleId.RESET_PASSWORD_NOT_GRANTED, user.dn(),
          "The audited account cannot reset this password: " + v.reason(), v.details(RIGHT.key()));
    }
  }
}
