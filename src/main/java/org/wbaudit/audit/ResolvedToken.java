package org.wbaudit.audit;

import java.util.HashMap;
import java.util.Map;
import org.wbaudit.access.Token;
import org.wbaudit.access.TokenAssembly;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.PrincipalDirectory;
import org.wbaudit.directory.PrincipalInfo;
import org.wbaudit.directory.TokenFacts;
import org.wbaudit.sd.Sid;

/**
 * The audited principal's token, how it was found, and a name for each SID.
 *
 * @param method "tokenGroups" when the server computed the groups, "memberOf" when wbaudit had
 *     to follow memberOf and primaryGroupID itself
 * @param names a display name per SID of the token
 */
public record ResolvedToken(Token token, String method, Map<Sid, String> names) {
  public ResolvedToken {
    names = Map.copyOf(names);
  }

  /** The principal's token, from the facts its domain holds, each SID named. */
  static ResolvedToken of(PrincipalDirectory reader, PrincipalInfo p, Sid domainSid)
      throws DirectoryException {
    TokenFacts facts = reader.tokenFacts(p, domainSid);
    Token token = TokenAssembly.networkLogon(p.sid(), facts.groups(), facts.builtinAliasMembers());
    Map<Sid, String> names = new HashMap<>();
    for (Sid s : token.sids()) {
      names.put(s, reader.nameOf(s, domainSid));
    }
    return new ResolvedToken(token, facts.method(), names);
  }
}
