package org.wbaudit.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.wbaudit.sd.AccessAce;
import org.wbaudit.sd.Ace;
import org.wbaudit.sd.AceFlags;
import org.wbaudit.sd.Acl;
import org.wbaudit.sd.ObjectAce;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.TrusteeAce;

/**
 * Which ACEs of an object's ancestors should have been stamped on it, and which of those it
 * lacks: the inherited part of an AD descriptor, as a DC computes it when a grant is added to a
 * container (MS-DTYP 2.5.3.4 as AD applies it: every object is a container, so container-inherit
 * is what passes an ACE down; no-propagate stops it after the first level; an inherited object
 * type limits it to children of that class; a protected DACL stops everything from above).
 *
 * <p>An ancestor's explicit ACEs are walked, nearest first, up to and including the first
 * ancestor whose DACL is protected. Comparing with the object's inherited ACEs then tells a
 * grant whose propagation has not run yet (AD propagates asynchronously, up to an hour on a
 * large tree) from one that never reached it.
 */
public final class Inheritance {
  private Inheritance() {}

  /**
   * One ancestor's ACE that reaches the object.
   *
   * @param depth 1 for the parent, 2 for the grandparent...
   * @param aceIndex its index in that ancestor's DACL
   */
  public record Reaching(int depth, int aceIndex, TrusteeAce ace) {}

  /**
   * The explicit ACEs of {@code ancestors} (nearest first; null where a descriptor could not be
   * read, which ends the walk) that reach an object of class {@code objectClass} and apply to it.
   */
  public static List<Reaching> reaching(List<SecurityDescriptor> ancestors, UUID objectClass) {
    List<Reaching> out = new ArrayList<>();
    for (int d = 0; d < ancestors.size(); d++) {
      SecurityDescriptor sd = ancestors.get(d);
      if (sd == null || sd.dacl() == null) {
        break;
      }
      Acl dacl = sd.dacl();
      for (int i = 0; i < dacl.size(); i++) {
        Ace ace = dacl.get(i);
        if (!(ace instanceof TrusteeAce t) || ace.hasFlag(AceFlags.INHERITED)
            || !ace.hasFlag(AceFlags.CONTAINER_INHERIT)) {
          continue;
        }
        if (d > 0 && ace.hasFlag(AceFlags.NO_PROPAGATE_INHERIT)) {
          continue; // stops at the ancestor's direct children
        }
        UUID iot = t.inheritedObjectType();
        if (iot != null && !iot.equals(objectClass)) {
          continue; // passed down, but effective only on objects of another class
        }
        out.add(new Reaching(d + 1, i, t));
      }
      if ((sd.control() & SecurityDescriptor.DACL_PROTECTED) != 0) {
        break; // nothing above a protected DACL reaches below it
      }
    }
    return out;
  }

  /** Whether {@code dacl} holds an inherited copy of {@code ace}: same type, trustee, mask and GUIDs. */
  public static boolean stamped(Acl dacl, TrusteeAce ace) {
    if (dacl == null) {
      return false;
    }
    for (Ace a : dacl.aces()) {
      if (a instanceof TrusteeAce t && a.hasFlag(AceFlags.INHERITED) && t.type() == ace.type()
          && t.mask() == ace.mask() && t.sid().equals(ace.sid())
          && Objects.equals(t.objectType(), ace.objectType())
          && Objects.equals(t.inheritedObjectType(), ace.inheritedObjectType())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The ACE as it would be stamped on the object: inherited, effective there (not inherit-only).
   * Used to ask what it alone would grant.
   */
  public static TrusteeAce asStamped(TrusteeAce ace) {
    int flags = (ace.flags() | AceFlags.INHERITED) & ~AceFlags.INHERIT_ONLY;
    if (ace instanceof ObjectAce o) {
      return new ObjectAce(o.type(), flags, o.mask(), o.objectType(), o.inheritedObjectType(), o.sid());
    }
    AccessAce a = (AccessAce) ace;
    return new AccessAce(a.type(), flags, a.mask(), a.sid());
  }
}
