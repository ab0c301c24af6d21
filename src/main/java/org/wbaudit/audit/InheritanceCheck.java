package org.wbaudit.audit;

import java.util.Map;
import org.wbaudit.rules.RuleId;

/** INHERITANCE_DISABLED: a protected DACL, which grants on parent containers do not reach. */
final class InheritanceCheck implements UserCheck {
  @Override
  public void check(UserContext user, Findings findings) {
    if (user.inheritanceDisabled()) {
      findings.emit(RuleId.INHERITANCE_DISABLED, user.dn(),
          "Inheritance is disabled on this user's DACL: grants made on its OU or the domain do"
              + " not reach it", Map.of("adminCount", user.adminCount()));
    }
  }
}
