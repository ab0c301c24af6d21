package org.wbaudit.audit;

import org.wbaudit.rules.RuleId;
import java.util.Map;

/** ADMIN_COUNT_SET: AdminSDHolder-protected users, whose DACL SDProp overwrites. */
public final class AdminCountCheck implements UserCheck {
  @Override
  public void check(AuditedUser user, Findings findings) {
    if (user.object().adminCount() == 1) {
      findings.emit(RuleId.ADMIN_COUNT_SET, user.object().dn(),
          "adminCount is 1: AdminSDHolder's DACL replaces this user's, so OU grants never reach it",
          Map.of("inheritanceDisabled", user.inheritanceDisabled()));
    }
  }
}
