package org.wbaudit.audit;

import org.wbaudit.rules.RuleId;
import java.util.Map;

/** DESCRIPTOR_UNREADABLE and DESCRIPTOR_MALFORMED: users whose rights cannot be decided. */
public final class DescriptorCheck implements UserCheck {
  @Override
  public void check(AuditedUser user, Findings findings) {
    if (user.descriptorStatus().equals("unreadable")) {
      findings.emit(RuleId.DESCRIPTOR_UNREADABLE, user.object().dn(),
          "The audited account cannot read this user's security descriptor; its writeback"
              + " rights are unknown", Map.of());
    } else if (user.descriptorStatus().equals("malformed")) {
      findings.emit(RuleId.DESCRIPTOR_MALFORMED, user.object().dn(),
          "The security descriptor cannot be parsed: " + user.descriptorProblem(),
          Map.of("problem", user.descriptorProblem()));
    }
  }
}
