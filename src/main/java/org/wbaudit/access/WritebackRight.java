package org.wbaudit.access;

import java.util.List;
import java.util.UUID;

/**
 * The rights password writeback uses, named once: the four checked on each user, and Unexpire
 * Password, checked on the domain object.
 *
 * <p>GUIDs are schemaIDGUIDs and rightsGuids from the AD schema; {@code pwdLastSet} belongs to
 * the User-Account-Restrictions property set, {@code lockoutTime} to none.
 */
public enum WritebackRight {
  RESET_PASSWORD(
      "resetPassword", "Reset Password", "Reset Password", Kind.EXTENDED_RIGHT,
      Guid.RESET_PASSWORD, null),
  CHANGE_PASSWORD(
      "changePassword", "Change Password", "Change Password", Kind.EXTENDED_RIGHT,
      Guid.CHANGE_PASSWORD, null),
  WRITE_LOCKOUT_TIME(
      "writeLockoutTime", "Write lockoutTime", "lockoutTime", Kind.WRITE_PROPERTY,
      Guid.LOCKOUT_TIME, null),
  WRITE_PWD_LAST_SET(
      "writePwdLastSet", "Write pwdLastSet", "pwdLastSet", Kind.WRITE_PROPERTY,
      Guid.PWD_LAST_SET, Guid.USER_ACCOUNT_RESTRICTIONS),
  UNEXPIRE_PASSWORD(
      "unexpirePassword", "Unexpire Password", "Unexpire Password", Kind.EXTENDED_RIGHT,
      Guid.UNEXPIRE_PASSWORD, null),
  /** What writeback's SAM calls read of a user before they write: its general information. */
  READ_GENERAL_INFORMATION(
      "readGeneralInformation", "Read General Information", "General Information",
      Kind.READ_PROPERTY_SET, Guid.GENERAL_INFORMATION, null),
  /** ... and its account restrictions. */
  READ_ACCOUNT_RESTRICTIONS(
      "readAccountRestrictions", "Read Account Restrictions", "Account Restrictions",
      Kind.READ_PROPERTY_SET, Guid.USER_ACCOUNT_RESTRICTIONS, null);

  /** GUIDs of the schema and extended rights involved. */
  public static final class Guid {
    private Guid() {}

    public static final UUID RESET_PASSWORD = UUID.fromString("00299570-246d-11d0-a768-00aa006e0529");
    public static final UUID CHANGE_PASSWORD = UUID.fromString("ab721a53-1e2f-11d0-9819-00aa0040529b");
    public static final UUID UNEXPIRE_PASSWORD = UUID.fromString("ccc2dc7d-a6ad-4a7a-8846-c04e3cc53501");
    public static final UUID LOCKOUT_TIME = UUID.fromString("28630ebf-41d5-11d1-a9c1-0000f80367c1");
    public static final UUID PWD_LAST_SET = UUID.fromString("bf967a0a-0de6-11d0-a285-00aa003049e2");
    public static final UUID USER_ACCOUNT_RESTRICTIONS =
        UUID.fromString("4c164200-20c0-11d0-a768-00aa006e0529");
    /** The General-Information property set (rightsGuid). */
    public static final UUID GENERAL_INFORMATION =
        UUID.fromString("59ba2f42-79a2-11d0-9020-00c04fc2d3cf");
    /** schemaIDGUID of the user class. */
    public static final UUID USER_CLASS = UUID.fromString("bf967aba-0de6-11d0-a285-00aa003049e2");
    /** schemaIDGUID of the inetOrgPerson class (a subclass of user that writeback also serves). */
    public static final UUID INET_ORG_PERSON_CLASS = UUID.fromString("4828cc14-1437-45bc-9b07-ad6f015e5f28");
    /** schemaIDGUID of the domainDNS class. */
    public static final UUID DOMAIN_DNS_CLASS = UUID.fromString("19195a5b-6da0-11d0-afd3-00c04fd930c9");
  }

  /**
   * How a right is granted, with the names each tool gives that grant: SDDL's rights letters,
   * dsacls' permission prefix, and the ActiveDirectoryRights of .NET. A write is granted with
   * read, as Microsoft's permission cmdlets grant it.
   */
  enum Kind {
    EXTENDED_RIGHT("CR", "CA", "ExtendedRight"),
    WRITE_PROPERTY("RPWP", "RPWP", "ReadProperty, WriteProperty"),
    READ_PROPERTY_SET("RP", "RP", "ReadProperty");

    final String sddl;
    final String dsacls;
    final String powershell;

    Kind(String sddl, String dsacls, String powershell) {
      this.sddl = sddl;
      this.dsacls = dsacls;
      this.powershell = powershell;
    }
  }

  /** The four rights checked on every user, in report order. */
  public static final List<WritebackRight> PER_USER =
      List.of(RESET_PASSWORD, CHANGE_PASSWORD, WRITE_LOCKOUT_TIME, WRITE_PWD_LAST_SET);

  /** What writeback's SAM calls read of every user before any write. */
  public static final List<WritebackRight> SAM_READS =
      List.of(READ_GENERAL_INFORMATION, READ_ACCOUNT_RESTRICTIONS);

  /** Every right decided on each user, in one walk of its DACL: the four, then the SAM reads. */
  public static final List<WritebackRight> EVALUATED =
      List.of(RESET_PASSWORD, CHANGE_PASSWORD, WRITE_LOCKOUT_TIME, WRITE_PWD_LAST_SET,
          READ_GENERAL_INFORMATION, READ_ACCOUNT_RESTRICTIONS);

  private final String key;
  private final String displayName;
  private final String directoryName;
  private final Kind kind;
  private final UUID guid;
  private final UUID propertySet;

  /**
   * @param directoryName the extended right's display name or the attribute's lDAPDisplayName,
   *     as dsacls takes it
   */
  WritebackRight(String key, String displayName, String directoryName, Kind kind, UUID guid,
      UUID propertySet) {
    this.key = key;
    this.displayName = displayName;
    this.directoryName = directoryName;
    this.kind = kind;
    this.guid = guid;
    this.propertySet = propertySet;
  }

  /** The name reports use, such as {@code resetPassword}. */
  public String key() {
    return key;
  }

  public String displayName() {
    return displayName;
  }

  /** The extended right's rightsGuid or the attribute's schemaIDGUID. */
  public UUID guid() {
    return guid;
  }

  /** The property set the attribute belongs to, or null. */
  public UUID propertySet() {
    return propertySet;
  }

  /** The rights letters of an SDDL ACE granting it: {@code CR} or {@code RPWP}. */
  public String sddlRights() {
    return kind.sddl;
  }

  /** The grant as dsacls' /G takes it after "account:", such as {@code CA;Reset Password}. */
  public String dsaclsGrant() {
    return kind.dsacls + ";" + directoryName;
  }

  /** The ActiveDirectoryRights value of a .NET access rule granting it. */
  public String powershellRights() {
    return kind.powershell;
  }

  /** The request for this right on an object of structural class {@code objectClass} (nullable). */
  public AccessRequest request(UUID objectClass) {
    return switch (kind) {
      case EXTENDED_RIGHT -> AccessRequest.extendedRight(objectClass, guid);
      case WRITE_PROPERTY -> AccessRequest.writeProperty(objectClass, propertySet, guid);
      case READ_PROPERTY_SET -> AccessRequest.readPropertySet(objectClass, guid);
    };
  }
}
