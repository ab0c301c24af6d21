package org.wbaudit.directory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.wbaudit.sd.Sid;

/**
 * One user as read from the directory: identity, the flags the audit needs, and the raw
 * nTSecurityDescriptor (owner, group and DACL).
 *
 * @param dn as the server returned it
 * @param objectGuid may be null if the server did not return it
 * @param objectSid may be null
 * @param objectClasses in the server's order; AD lists the most specific (structural) class last
 * @param userAccountControl 0 when absent
 * @param adminCount 0 when absent
 * @param lockedOut the server's computed lockout state, or lockoutTime set
 * @param descriptor the binary descriptor; null when the server returned none (unreadable)
 * @param userPrincipalName may be null
 * @param samAccountName may be null
 * @param otherValues values of further attributes the caller asked for (anchors), by the
 *     name it asked with; an attribute the user lacks is absent
 */
public record DirectoryObject(
    String dn,
    UUID objectGuid,
    Sid objectSid,
    List<String> objectClasses,
    int userAccountControl,
    int adminCount,
    boolean lockedOut,
    byte[] descriptor,
    String userPrincipalName,
    String samAccountName,
    Map<String, List<byte[]>> otherValues) {

  /** userAccountControl ACCOUNTDISABLE. */
  public static final int UF_ACCOUNTDISABLE = 0x2;

  public DirectoryObject {
    Objects.requireNonNull(dn, "dn");
    objectClasses = List.copyOf(objectClasses);
    otherValues = Map.copyOf(otherValues);
  }

  /** The most specific class: the last objectClass value, as AD orders them. */
  public String structuralClass() {
    return objectClasses.isEmpty() ? null : objectClasses.get(objectClasses.size() - 1);
  }

  public boolean disabled() {
    return (userAccountControl & UF_ACCOUNTDISABLE) != 0;
  }
}
