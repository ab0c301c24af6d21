package org.wbaudit.audit;

import org.wbaudit.rules.RuleId;
import java.util.Map;

/** INHERITANCE_DISABLED: a protected DACL, which grants on parent containers do not reach. */
public final class InheritanceCheck implements UserCheck {
  @Override
  public void check(AuditedUser user, Findings findings) {
    if (user.inheritanceDisabled()) {
      findings.emit(RuleId.INHERITANCE_DISABLED, user.object().dn(),
          "Inheritance is disabled on this user's DACL: grants made on its OU or the domain do"
              + " not reach it", Map.of("adminCount", user.object().adminCount() == 1));
    }
  }
}
