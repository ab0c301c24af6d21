package org.wbaudit.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.wbaudit.rules.RuleId;

/**
 * AdminSDHolder protection, now, soon and no longer. SDProp rewrites the DACL of every
 * transitive member of a protected group (and stamps adminCount=1, never clearing it):
 * ADMIN_COUNT_SET for a protected user, ADMIN_COUNT_PENDING for one whose adminCount SDProp has
 * not stamped yet (its DACL is replaced on SDProp's next run), ADMIN_COUNT_STALE for adminCount=1
 * on a user in no protected group. When membership cannot be read, adminCount alone decides, as
 * ADMIN_COUNT_SET.
 */
final class AdminCountCheck implements UserCheck {
  @Override
  public void check(UserContext user, Findings findings) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("inheritanceDisabled", user.inheritanceDisabled());
    d.put("adminCount", user.adminCount());
    d.put("protectedBy", user.protectedBy());
    String path = user.protectedBy() == null ? null : String.join(" → ", user.protectedBy());
    if (!user.protectionKnown()) {
      if (user.adminCount()) {
        findings.emit(RuleId.ADMIN_COUNT_SET, user.dn(), "adminCount is 1: AdminSDHolder's DACL"
            + " replaces this user's, so OU grants never reach it (protected-group membership could"
            + " not be read)", d);
      }
    } else if (user.protectedBy() != null && user.adminCount()) {
      findings.emit(RuleId.ADMIN_COUNT_SET, user.dn(), "Protected by AdminSDHolder (" + path
          + "): its DACL is AdminSDHolder's, so OU grants never reach it", d);
    } else if (user.protectedBy() != null) {
      findings.emit(RuleId.ADMIN_COUNT_PENDING, user.dn(), "In a protected group (" + path
          + ") but adminCount is not set yet: at SDProp's next run (within 60 minutes by default)"
          + " its DACL is replaced by AdminSDHolder's and OU grants stop reaching it", d);
    } else if (user.adminCount()) {
      findings.emit(RuleId.ADMIN_COUNT_STALE, user.dn(), "adminCount is 1 but the user is in no"
          + " protected group: it was privileged once, and its protected DACL blocks writeback for"
          + " no reason", d);
    }
  }
}
