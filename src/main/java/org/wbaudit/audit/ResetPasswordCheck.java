package org.wbaudit.audit;

import org.wbaudit.rules.RuleId;
import org.wbaudit.access.WritebackRight;

/** RESET_PASSWORD_NOT_GRANTED, and RIGHT_UNDECIDABLE when a conditional ACE might decide. */
public final class ResetPasswordCheck implements UserCheck {
  private static final String KEY = WritebackRight.RESET_PASSWORD.key();

  @Override
  public void check(AuditedUser user, Findings findings) {
    RightVerdict v = user.rights().get(KEY);
    if (v == null || user.descriptor() == null) {
      return; // unreadable or malformed descriptors are DescriptorCheck's concern
    }
    if (v.granted() == null) {
      findings.emit(RuleId.RIGHT_UNDECIDABLE, user.object().dn(),
          "Reset Password cannot be decided: " + v.reason(), v.details(KEY));
    } else if (!v.granted()) {
      findings.emit(RuleId.RESET_PASSWORD_NOT_GRANTED, user.object().dn(),
          "The audited account cannot reset this password: " + v.reason(), v.details(KEY));
    }
  }
}
