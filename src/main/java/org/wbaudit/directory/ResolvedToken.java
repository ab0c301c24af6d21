package org.wbaudit.directory;

import java.util.Map;
import org.wbaudit.access.Token;
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
}
