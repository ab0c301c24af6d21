package org.wbaudit.audit;

import java.util.Map;
import org.wbaudit.rules.RuleId;

/** DESCRIPTOR_UNREADABLE and DESCRIPTOR_MALFORMED: users whose rights cannot be decided. */
final class DescriptorCheck implements UserCheck {
  @Override
  public void check(UserContext user, Findings findings) {
    switch (user.status()) {
      case UNREADABLE -> findings.emit(RuleId.DESCRIPTOR_UNREADABLE, user.dn(),
          "The audited account cannot read this user's security descriptor; its writeback"
              + " rights are unknown", Map.of());
      case MALFORMED -> findings.emit(RuleId.DESCRIPTOR_MALFORMED, user.dn(),
          "The security descriptor cannot be parsed: " + user.problem(),
          Map.of("problem", user.problem()));
      case READ -> { }
    }
  }
}
