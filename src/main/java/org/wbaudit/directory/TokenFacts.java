package org.wbaudit.directory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.sd.Sid;

/**
 * What the directory says about an account's token, before anything is derived from it.
 *
 * @param groups the account's transitive groups
 * @param method "tokenGroups" when the server computed the groups, "memberOf" when wbaudit had
 *     to follow memberOf and primaryGroupID itself
 * @param builtinAliasMembers each Builtin alias's SID and its members' SIDs (members whose SID
 *     cannot be read are left out)
 */
public record TokenFacts(List<Sid> groups, String method, Map<Sid, List<Sid>> builtinAliasMembers) {
  public TokenFacts {
    groups = List.copyOf(groups);
    Map<Sid, List<Sid>> copy = new HashMap<>();
    builtinAliasMembers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    builtinAliasMembers = Map.copyOf(copy);
  }
}
