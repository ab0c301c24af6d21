package org.wbaudit.sd;

import java.util.UUID;

/**
 * An ACE this tool decodes: a type, an access mask and the trustee's SID, with an ObjectType
 * when it is an object ACE. What an access check, an SDDL writer or a report needs of any ACE
 * that is not opaque.
 */
public sealed interface TrusteeAce extends Ace permits AccessAce, ObjectAce {
  AceType type();

  int mask();

  Sid sid();

  /** The ObjectType GUID; null when absent, which means "everything". */
  default UUID objectType() {
    return null;
  }

  /** The InheritedObjectType GUID; null when absent. */
  default UUID inheritedObjectType() {
    return null;
  }

  /** Bytes after the SID: application data of callback and resource ACEs, padding otherwise. */
  int tailLength();
}
