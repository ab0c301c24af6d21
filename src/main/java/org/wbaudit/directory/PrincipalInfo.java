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
 */
public record PrincipalInfo(
    String dn,
    Sid sid,
    String samAccountName,
    String userPrincipalName,
    int primaryGroupId,
    List<String> memberOf,
    int userAccountControl,
    boolean lockedOut) {
  public PrincipalInfo {
    memberOf = List.copyOf(memberOf);
  }

  /** userAccountControl ACCOUNTDISABLE. */
  public boolean disabled() {
    return (userAccountControl & DirectoryObject.UF_ACCOUNTDISABLE) != 0;
  }
}
