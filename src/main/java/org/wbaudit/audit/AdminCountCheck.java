package org.wbaudit.audit;

import java.util.Map;
import org.wbaudit.rules.RuleId;

/** ADMIN_COUNT_SET: AdminSDHolder-protected users, whose DACL SDProp overwrites. */
final class AdminCountCheck implements UserCheck {
  @Override
  public void check(UserContext user, Findings findings) {
    if (user.adminCount()) {
      findings.emit(RuleId.ADMIN_COUNT_SET, user.dn(),
          "adminCount is 1: AdminSDHolder's DACL replaces this user's, so OU grants never reach it",
          Map.of("inheritanceDisabled", user.inheritanceDisabled()));
    }
  }
}
