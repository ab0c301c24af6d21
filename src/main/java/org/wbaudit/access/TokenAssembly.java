package org.wbaudit.access;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.wbaudit.sd.Sid;

/**
 * Builds the token a domain controller gives a network logon of an account, from facts read
 * elsewhere: the account's SID, its groups, and the members of each Builtin alias.
 *
 * <p>Builtin aliases (Pre-Windows 2000 Compatible Access, Account Operators...) are domain-local
 * to the Builtin domain; Windows may leave them out of tokenGroups, and a member may be a
 * well-known SID (Authenticated Users, as a foreign security principal). So the aliases are
 * expanded here, to a fixpoint, over every SID the token holds, the logon's well-known SIDs
 * included (MS-ADTS 5.1.3, DESIGN.md).
 */
public final class TokenAssembly {
  private TokenAssembly() {}

  /**
   * @param user the account's objectSid
   * @param groups its transitive groups (tokenGroups, or the memberOf closure and primary group)
   * @param builtinAliasMembers each Builtin alias's SID and the SIDs of its members
   */
  public static Token networkLogon(Sid user, Collection<Sid> groups,
      Map<Sid, ? extends Collection<Sid>> builtinAliasMembers) {
    Set<Sid> have = new LinkedHashSet<>(Token.networkLogon(user, Set.copyOf(groups)).sids());
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<Sid, ? extends Collection<Sid>> alias : builtinAliasMembers.entrySet()) {
        if (have.contains(alias.getKey())) {
          continue;
        }
        for (Sid member : alias.getValue()) {
          if (have.contains(member)) {
            have.add(alias.getKey());
            changed = true;
            break;
          }
        }
      }
    }
    return new Token(user, have);
  }
}
