package org.wbaudit.directory;

import java.util.List;
import org.wbaudit.sd.Sid;

/**
 * The account whose rights are audited.
 *
 * @param primaryGroupId RID of the primary group (513 for Domain Users), -1 when absent
 * @param memberOf direct group memberships (DNs), for the fallback token
 * @param userAccountControl its flags (0 when unreadable)
 * @param lockedOut the server's computed lockout state, or lockoutTime set
 * @param pwdLastSet when its password was last set (FILETIME); 0 when it must change at next
 *     logon; {@link #UNKNOWN_PWD_LAST_SET} when it cannot be read
 * @param resultantPso the DN of the password settings object that applies to it
 *     (msDS-ResultantPSO); null when none does or it cannot be read
 */
public record PrincipalInfo(
    String dn,
    Sid sid,
    String samAccountName,
    String userPrincipalName,
    int primaryGroupId,
    List<String> memberOf,
    int userAccountControl,
    boolean lockedOut,
    long pwdLastSet,
    String resultantPso) {
  public PrincipalInfo {
    memberOf = List.copyOf(memberOf);
  }

  /** pwdLastSet when the attribute was not returned. */
  public static final long UNKNOWN_PWD_LAST_SET = Long.MIN_VALUE;

  /** userAccountControl DONT_EXPIRE_PASSWORD. */
  public static final int UF_DONT_EXPIRE_PASSWD = 0x10000;

  public boolean passwordNeverExpires() {
    return (userAccountControl & UF_DONT_EXPIRE_PASSWD) != 0;
  }

  /** userAccountControl ACCOUNTDISABLE. */
  public boolean disabled() {
    return (userAccountControl & DirectoryObject.UF_ACCOUNTDISABLE) != 0;
  }
}
