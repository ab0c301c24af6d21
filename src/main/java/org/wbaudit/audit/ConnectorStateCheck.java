package org.wbaudit.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.wbaudit.directory.PrincipalInfo;
import org.wbaudit.rules.RuleId;

/**
 * CONNECTOR_DISABLED and CONNECTOR_LOCKED_OUT: the account writeback runs as cannot bind, so
 * every writeback fails at once, whatever its rights on users. About the audited principal,
 * once per domain, in the forest phase.
 */
final class ConnectorStateCheck {
  private ConnectorStateCheck() {}

  static void check(PrincipalInfo principal, Findings findings) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("principal", principal.dn());
    d.put("userAccountControl", principal.userAccountControl());
    if (principal.disabled()) {
      findings.emit(RuleId.CONNECTOR_DISABLED, principal.dn(), "The audited account "
          + principal.samAccountName() + " is disabled: writeback cannot bind as it", d);
    }
    if (principal.lockedOut()) {
      findings.emit(RuleId.CONNECTOR_LOCKED_OUT, principal.dn(), "The audited account "
          + principal.samAccountName() + " is locked out: writeback cannot bind as it until the"
          + " lockout ends", d);
    }
  }
}
