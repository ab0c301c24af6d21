package org.wbaudit.directory;

import java.util.List;
import org.wbaudit.sd.Sid;

/**
 * The account whose rights are audited.
 *
 * @param primaryGroupId RID of the primary group (513 for Domain Users), -1 when absent
 * @param memberOf direct group memberships (DNs), for the fallback token
 */
public record PrincipalInfo(
    String dn,
    Sid sid,
    String samAccountName,
    String userPrincipalName,
    int primaryGroupId,
    List<String> memberOf) {
  public PrincipalInfo {
    memberOf = List.copyOf(memberOf);
  }
}
