package org.wbaudit.access;

import java.util.Collections;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.wbaudit.sd.Sid;
import org.wbaudit.sd.WellKnownSid;

/**
 * The security context an access check runs against: the principal's own SID and every SID it
 * holds (groups, aliases, well-known SIDs of its logon).
 *
 * <p>CREATOR OWNER and CREATOR GROUP are placeholders for inheritance and are never part of a
 * token, so they are refused here rather than silently matched later.
 *
 * @param user the principal's own SID; never null, always in {@code sids}
 * @param sids every SID of the token; copied
 */
public record Token(Sid user, Set<Sid> sids) {
  public Token {
    Objects.requireNonNull(user, "user");
    Set<Sid> all = new HashSet<>(sids);
    all.add(user);
    if (all.contains(WellKnownSid.CREATOR_OWNER.sid())
        || all.contains(WellKnownSid.CREATOR_GROUP.sid())) {
      throw new IllegalArgumentException("CREATOR OWNER / CREATOR GROUP never belong to a token");
    }
    sids = Collections.unmodifiableSet(all);
  }

  /**
   * The token a network logon of {@code user} gets: its SID, {@code groups}, and Everyone,
   * Authenticated Users, NETWORK and This Organization.
   */
  public static Token networkLogon(Sid user, Set<Sid> groups) {
    Set<Sid> all = new HashSet<>(groups);
    all.add(WellKnownSid.EVERYONE.sid());
    all.add(WellKnownSid.AUTHENTICATED_USERS.sid());
    all.add(WellKnownSid.NETWORK.sid());
    all.add(WellKnownSid.THIS_ORGANIZATION.sid());
    return new Token(user, all);
  }

  public boolean contains(Sid sid) {
    return sids.contains(sid);
  }
}
