package org.wbaudit.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.rules.RuleId;

/**
 * SAM_USER_READ_NOT_GRANTED: writeback's SAM calls read the user's general information and
 * account restrictions before any write; a DACL that lets the sync account read neither stops
 * every operation. When a read cannot be decided (a conditional ACE), RIGHT_UNDECIDABLE, naming
 * it, makes every operation unknown.
 */
final class SamReadCheck implements UserCheck {
  @Override
  public void check(UserContext user, Findings findings) {
    if (user.descriptor() == null) {
      return; // DescriptorCheck's concern
    }
    List<String> refused = new ArrayList<>();
    Map<String, Object> d = new LinkedHashMap<>();
    for (WritebackRight r : WritebackRight.SAM_READS) {
      RightVerdict v = user.right(r);
      if (v.granted() == null) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("samRead", r.key());
        u.put("outcome", v.outcome());
        findings.emit(RuleId.RIGHT_UNDECIDABLE, user.dn(), r.displayName() + " (read by writeback's"
            + " SAM calls) cannot be decided: " + v.reason(), u);
      } else if (!v.granted()) {
        refused.add(r.displayName());
        d.put(r.key(), v.details(r.key()));
      }
    }
    if (!refused.isEmpty()) {
      findings.emit(RuleId.SAM_USER_READ_NOT_GRANTED, user.dn(), "The audited account cannot "
          + String.join(" or ", refused) + " on this user, which writeback's SAM calls read before"
          + " any write", d);
    }
  }
}
