package org.wbaudit.directory;

/** Object identifiers wbaudit looks for, named once. */
public final class Oids {
  private Oids() {}

  /** LDAP_SERVER_POLICY_HINTS_DEPRECATED_OID: what password writeback sends. */
  public static final String POLICY_HINTS_2066 = "1.2.840.113556.1.4.2066";
  /** LDAP_SERVER_POLICY_HINTS_OID: the successor of 2066. */
  public static final String POLICY_HINTS_2239 = "1.2.840.113556.1.4.2239";
  /** LDAP_CAP_ACTIVE_DIRECTORY_OID, in supportedCapabilities of every AD DC. */
  public static final String CAPABILITY_ACTIVE_DIRECTORY = "1.2.840.113556.1.4.800";
  /** LDAP_SERVER_SHOW_DELETED_OID: a search sees deleted objects too. */
  public static final String SHOW_DELETED = "1.2.840.113556.1.4.417";
}
