package org.wbaudit.directory;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Names for the GUIDs in descriptors (attributes, classes, extended rights, property sets), and
 * schemaIDGUIDs for class names, so reports and traces speak names.
 *
 * <p>Looked up on demand and remembered: an audit needs the names of the few GUIDs that decide
 * something and the GUIDs of a few classes, not the whole schema, whose bulk read would cost a
 * large share of a small audit. Not thread-safe.
 */
public final class SchemaNames {
  private final Function<UUID, Optional<String>> nameLookup;
  private final Function<String, Optional<UUID>> classLookup;
  private final Map<UUID, Optional<String>> names = new HashMap<>();
  private final Map<String, Optional<UUID>> classes = new HashMap<>();

  /**
   * @param nameLookup finds the name for a GUID, empty when there is none
   * @param classLookup finds a class's schemaIDGUID by lDAPDisplayName, empty when unknown
   */
  public SchemaNames(Function<UUID, Optional<String>> nameLookup,
      Function<String, Optional<UUID>> classLookup) {
    this.nameLookup = nameLookup;
    this.classLookup = classLookup;
  }

  /** Knows no names: GUIDs stay GUIDs, classes are unknown. */
  public static SchemaNames empty() {
    return new SchemaNames(g -> Optional.empty(), c -> Optional.empty());
  }

  /** The name for a GUID, or the GUID itself. */
  public String name(UUID guid) {
    return names.computeIfAbsent(guid, nameLookup).orElse(guid.toString());
  }

  /** The schemaIDGUID of a class, case-insensitively; null when unknown. */
  public UUID classGuid(String ldapDisplayName) {
    if (ldapDisplayName == null) {
      return null;
    }
    return classes.computeIfAbsent(ldapDisplayName.toLowerCase(Locale.ROOT), classLookup).orElse(null);
  }
}
