package org.wbaudit.audit;

import java.util.Map;
import org.wbaudit.rules.RuleId;

/**
 * PASSWORD_NEVER_EXPIRES_MUST_CHANGE_IGNORED: with "password never expires" set, an admin reset
 * that asks for a change at next logon is written back without it. Informational.
 */
final class PasswordNeverExpiresCheck implements UserCheck {
  /** userAccountControl DONT_EXPIRE_PASSWORD. */
  static final int UF_DONT_EXPIRE_PASSWD = 0x10000;

  @Override
  public void check(UserContext user, Findings findings) {
    if ((user.object().userAccountControl() & UF_DONT_EXPIRE_PASSWD) != 0) {
      findings.emit(RuleId.PASSWORD_NEVER_EXPIRES_MUST_CHANGE_IGNORED, user.dn(), "\"Password never"
          + " expires\" is set: an administrator's reset from the cloud that asks for a change at next"
          + " logon is written back without it", Map.of("userAccountControl", user.object().userAccountControl()));
    }
  }
}
