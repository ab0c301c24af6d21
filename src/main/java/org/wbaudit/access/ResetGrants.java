package org.wbaudit.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.wbaudit.sd.Acl;
import org.wbaudit.sd.AceType;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sid;
import org.wbaudit.sd.TrusteeAce;
import org.wbaudit.sd.WellKnownSid;

/**
 * Who a container's own DACL lets reset the passwords of the users below it: for each explicit
 * inheritable ACE, the ACE as the DC would stamp it on a user (or inetOrgPerson) child, judged
 * alone by the access check for its trustee. This is the grant Microsoft's permission cmdlets
 * write for the connector account ({@code (OA;CIIO;CR;<Reset Password>;<user>;SID)}), and any
 * broader one (full control, all extended rights) that gives the same.
 */
public final class ResetGrants {
  private ResetGrants() {}

  /**
   * One trustee's grant on one container.
   *
   * @param objectClass the class of descendants it is effective on (user's or inetOrgPerson's
   *     schemaIDGUID), or null when it is effective on both
   * @param aceIndex where the ACE is in the container's DACL
   * @param inherited whether the ACE on the container is itself inherited from above
   */
  public record Grant(Sid trustee, UUID objectClass, int aceIndex, boolean inherited) {}

  /** Trustees that stand for someone else once stamped (the creator, the object itself): no account holds them. */
  private static final Set<Sid> PLACEHOLDERS = Set.of(WellKnownSid.CREATOR_OWNER.sid(),
      WellKnownSid.CREATOR_GROUP.sid(), WellKnownSid.PRINCIPAL_SELF.sid(), WellKnownSid.OWNER_RIGHTS.sid());

  private static final List<UUID> CLASSES = List.of(WritebackRight.Guid.USER_CLASS,
      WritebackRight.Guid.INET_ORG_PERSON_CLASS);

  /** The Reset Password grants {@code container}'s explicit inheritable ACEs give on users below it. */
  public static List<Grant> of(SecurityDescriptor container) {
    // Per (trustee, ACE): the classes it reaches.
    Map<List<Object>, List<UUID>> reached = new LinkedHashMap<>();
    for (UUID cls : CLASSES) {
      for (Inheritance.Reaching r : Inheritance.reaching(List.of(container), cls)) {
        TrusteeAce ace = r.ace();
        if (ace.type().kind() != AceType.Kind.ALLOW || ace.type().isCallback()
            || PLACEHOLDERS.contains(ace.sid())) {
          continue;
        }
        SecurityDescriptor alone = new SecurityDescriptor(SecurityDescriptor.DACL_PRESENT, 0, null,
            null, null, Acl.of(List.of(Inheritance.asStamped(ace))));
        Token trustee = new Token(ace.sid(), Set.of(ace.sid()));
        if (AccessCheck.evaluate(alone, trustee, null, WritebackRight.RESET_PASSWORD.request(cls))
            .isGranted()) {
          reached.computeIfAbsent(List.of(ace.sid(), r.aceIndex()), k -> new ArrayList<>()).add(cls);
        }
      }
    }
    List<Grant> out = new ArrayList<>();
    reached.forEach((k, classes) -> out.add(new Grant((Sid) k.get(0),
        classes.size() == CLASSES.size() ? null : classes.get(0), (Integer) k.get(1),
        container.dacl().get((Integer) k.get(1)).isInherited())));
    return out;
  }
}
