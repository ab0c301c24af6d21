package org.wbaudit.directory;

import java.util.Map;
import java.util.UUID;

/**
 * Names for the GUIDs in descriptors, read from the forest's schema and Extended-Rights
 * container, so reports and traces can say "Reset Password" instead of a GUID.
 *
 * @param names display name per schemaIDGUID (attributes, classes) and rightsGuid (extended
 *     rights, property sets, validated writes)
 * @param classGuids schemaIDGUID per class lDAPDisplayName
 */
public record SchemaNames(Map<UUID, String> names, Map<String, UUID> classGuids) {
  public SchemaNames {
    names = Map.copyOf(names);
    classGuids = Map.copyOf(classGuids);
  }

  public static SchemaNames empty() {
    return new SchemaNames(Map.of(), Map.of());
  }

  /** The name for a GUID, or the GUID itself. */
  public String name(UUID guid) {
    String n = names.get(guid);
    return n != null ? n : guid.toString();
  }

  /** The schemaIDGUID of a class, case-insensitively; null when unknown. */
  public UUID classGuid(String ldapDisplayName) {
    if (ldapDisplayName == null) {
      return null;
    }
    UUID u = classGuids.get(ldapDisplayName);
    if (u != null) {
      return u;
    }
    for (Map.Entry<String, UUID> e : classGuids.entrySet()) {
      if (e.getKey().equalsIgnoreCase(ldapDisplayName)) {
        return e.getValue();
      }
    }
    return null;
  }
}
