package org.wbaudit.audit;

import java.util.Map;
import org.wbaudit.rules.RuleId;

/** ACCOUNT_DISABLED and ACCOUNT_LOCKED_OUT: states in which a written-back reset fails. */
final class AccountStateCheck implements UserCheck {
  @Override
  public void check(UserContext user, Findings findings) {
    if (user.object().disabled()) {
      findings.emit(RuleId.ACCOUNT_DISABLED, user.dn(), "The account is disabled",
          Map.of("userAccountControl", user.object().userAccountControl()));
    }
    if (user.object().lockedOut()) {
      findings.emit(RuleId.ACCOUNT_LOCKED_OUT, user.dn(), "The account is locked out", Map.of());
    }
  }
}
