package org.wbaudit.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.wbaudit.sd.AccessMask;

/**
 * What is asked of one object: an access mask, and the branch of the object-type list
 * (MS-DTYP 2.5.3.3) it is asked for.
 *
 * <p>The branch runs from the object's structural class (level 0) through an optional property
 * set (level 1) to a property or extended right. An object ACE applies when its ObjectType is any
 * node of this branch: a grant on a property set reaches its properties, a grant on the class
 * reaches everything, and a deny on any of them denies the leaf.
 *
 * @param mask requested rights; generic bits are mapped before checking
 * @param objectTypes class, property set, property or right, from the root; nulls are dropped
 */
public record AccessRequest(int mask, List<UUID> objectTypes) {
  public AccessRequest {
    if (mask == 0) {
      throw new IllegalArgumentException("an access request asks for at least one right");
    }
    List<UUID> path = new ArrayList<>();
    for (UUID u : objectTypes) {
      if (u != null) {
        path.add(u);
      }
    }
    objectTypes = Collections.unmodifiableList(path);
  }

  /** Rights on the object as a whole (such as READ_CONTROL), with no object type. */
  public static AccessRequest onObject(int mask) {
    return new AccessRequest(mask, List.of());
  }

  /** Control access for one extended right on an object of class {@code objectClass} (nullable). */
  public static AccessRequest extendedRight(UUID objectClass, UUID right) {
    return new AccessRequest(
        AccessMask.CONTROL_ACCESS, Arrays.asList(objectClass, right));
  }

  /** Write property on {@code attribute}, a member of {@code propertySet} (nullable). */
  public static AccessRequest writeProperty(UUID objectClass, UUID propertySet, UUID attribute) {
    return new AccessRequest(
        AccessMask.WRITE_PROPERTY,
        Arrays.asList(objectClass, propertySet, attribute));
  }

  /** Read property on every property of {@code propertySet}, on an object of class {@code objectClass}. */
  public static AccessRequest readPropertySet(UUID objectClass, UUID propertySet) {
    return new AccessRequest(AccessMask.READ_PROPERTY, Arrays.asList(objectClass, propertySet));
  }

  boolean covers(UUID objectType) {
    // Short lists (at most three): a linear scan beats hashing.
    for (int i = 0; i < objectTypes.size(); i++) {
      if (objectTypes.get(i).equals(objectType)) {
        return true;
      }
    }
    return false;
  }
}
