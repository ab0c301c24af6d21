package org.wbaudit.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.wbaudit.access.WritebackRight;

/** RESET_PASSWORD_NOT_GRANTED, and RIGHT_UNDECIDABLE when a conditional ACE might decide. */
public final class ResetPasswordCheck implements UserCheck {
  @Override
  public void check(AuditedUser user, Findings findings) {
    RightVerdict v = user.rights().get(WritebackRight.RESET_PASSWORD.key());
    if (v == null || user.descriptor() == null) {
      return; // unreadable or malformed descriptors are DescriptorCheck's concern
    }
    if (v.granted() == null) {
      findings.emit("RIGHT_UNDECIDABLE", user.object().dn(),
          "Reset Password cannot be decided: " + v.reason(), details(v));
    } else if (!v.granted()) {
      findings.emit("RESET_PASSWORD_NOT_GRANTED", user.object().dn(),
          "The audited account cannot reset this password: " + v.reason(), details(v));
    }
  }

  static Map<String, Object> details(RightVerdict v) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("right", WritebackRight.RESET_PASSWORD.key());
    d.put("outcome", v.outcome());
    if (v.aceIndex() != null) {
      d.put("aceIndex", v.aceIndex());
      d.put("ace", v.ace());
    }
    return d;
  }
}
