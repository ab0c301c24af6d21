package org.wbaudit.audit;

import org.wbaudit.rules.RuleId;
import java.util.Map;

/** ACCOUNT_DISABLED and ACCOUNT_LOCKED_OUT: states in which a written-back reset fails. */
public final class AccountStateCheck implements UserCheck {
  @Override
  public void check(AuditedUser user, Findings findings) {
    if (user.object().disabled()) {
      findings.emit(RuleId.ACCOUNT_DISABLED, user.object().dn(), "The account is disabled",
          Map.of("userAccountControl", user.object().userAccountControl()));
    }
    if (user.object().lockedOut()) {
      findings.emit(RuleId.ACCOUNT_LOCKED_OUT, user.object().dn(), "The account is locked out", Map.of());
    }
  }
}
