package org.wbaudit.rules;

/**
 * The id of every rule in {@code rules/rules.json}, named once for the code. A check refers to
 * its rule through these constants; {@code RuleIdTest} holds them and the catalogue equal, and
 * holds every rule produced by some check. The texts and severities stay in the catalogue.
 */
public final class RuleId {
  private RuleId() {}

  /** The sync account cannot reset this user's password. */
  public static final String RESET_PASSWORD_NOT_GRANTED = "RESET_PASSWORD_NOT_GRANTED";

  /** The sync account cannot read this user's security descriptor. */
  public static final String DESCRIPTOR_UNREADABLE = "DESCRIPTOR_UNREADABLE";

  /** The user's security descriptor cannot be parsed. */
  public static final String DESCRIPTOR_MALFORMED = "DESCRIPTOR_MALFORMED";

  /** A writeback right depends on an ACE that cannot be evaluated offline. */
  public static final String RIGHT_UNDECIDABLE = "RIGHT_UNDECIDABLE";

  /** The Change Password right is not available for this user. */
  public static final String CHANGE_PASSWORD_NOT_GRANTED = "CHANGE_PASSWORD_NOT_GRANTED";

  /** The sync account cannot write lockoutTime on this user. */
  public static final String WRITE_LOCKOUT_TIME_NOT_GRANTED = "WRITE_LOCKOUT_TIME_NOT_GRANTED";

  /** The sync account cannot write pwdLastSet on this user. */
  public static final String WRITE_PWD_LAST_SET_NOT_GRANTED = "WRITE_PWD_LAST_SET_NOT_GRANTED";

  /** The user is protected by AdminSDHolder (adminCount=1). */
  public static final String ADMIN_COUNT_SET = "ADMIN_COUNT_SET";

  /** Inheritance is disabled on the user's DACL. */
  public static final String INHERITANCE_DISABLED = "INHERITANCE_DISABLED";

  /** The account is disabled. */
  public static final String ACCOUNT_DISABLED = "ACCOUNT_DISABLED";

  /** The account is locked out. */
  public static final String ACCOUNT_LOCKED_OUT = "ACCOUNT_LOCKED_OUT";

  /** The sync account lacks Unexpire Password on the domain. */
  public static final String UNEXPIRE_PASSWORD_NOT_GRANTED = "UNEXPIRE_PASSWORD_NOT_GRANTED";

  /** The domain password policy can reject written-back passwords. */
  public static final String PASSWORD_POLICY_BLOCKS_RESET = "PASSWORD_POLICY_BLOCKS_RESET";

  /** A domain controller does not offer the password policy hints control. */
  public static final String POLICY_HINTS_CONTROL_MISSING = "POLICY_HINTS_CONTROL_MISSING";

  /** Two or more objects hold the same sync anchor value. */
  public static final String DUPLICATE_ANCHOR = "DUPLICATE_ANCHOR";

  /** A domain controller could not be reached to check its readiness. */
  public static final String DC_UNREACHABLE = "DC_UNREACHABLE";

  /** A domain of the forest was not audited. */
  public static final String DOMAIN_NOT_AUDITED = "DOMAIN_NOT_AUDITED";

  /** An accepted risk has expired. */
  public static final String EXCEPTION_EXPIRED = "EXCEPTION_EXPIRED";

  /** A writeback grant on a parent container has not reached this user. */
  public static final String GRANT_NOT_PROPAGATED = "GRANT_NOT_PROPAGATED";

  /** The audited connector account is disabled. */
  public static final String CONNECTOR_DISABLED = "CONNECTOR_DISABLED";

  /** The audited connector account is locked out. */
  public static final String CONNECTOR_LOCKED_OUT = "CONNECTOR_LOCKED_OUT";

  /** The user is in a protected group, and SDProp has not stamped it yet. */
  public static final String ADMIN_COUNT_PENDING = "ADMIN_COUNT_PENDING";

  /** adminCount is 1 on a user in no protected group. */
  public static final String ADMIN_COUNT_STALE = "ADMIN_COUNT_STALE";

  /** The audited connector account's password has expired. */
  public static final String CONNECTOR_PASSWORD_EXPIRED = "CONNECTOR_PASSWORD_EXPIRED";

  /** The audited connector account's password expires soon. */
  public static final String CONNECTOR_PASSWORD_EXPIRING = "CONNECTOR_PASSWORD_EXPIRING";

  /** The audited connector account holds far more than writeback needs. */
  public static final String CONNECTOR_OVERPRIVILEGED = "CONNECTOR_OVERPRIVILEGED";

  /** Password writeback is off in the sync engine's configuration. */
  public static final String WRITEBACK_NOT_ENABLED = "WRITEBACK_NOT_ENABLED";

  /** The exported sync server is in staging mode: it never writes back. */
  public static final String SYNC_STAGING_MODE = "SYNC_STAGING_MODE";

  /** A domain of the forest is not a partition the sync engine reads. */
  public static final String SYNC_DOMAIN_NOT_SELECTED = "SYNC_DOMAIN_NOT_SELECTED";

  /** A synchronization rule could not be evaluated for some users. */
  public static final String SYNC_RULE_NOT_EVALUABLE = "SYNC_RULE_NOT_EVALUABLE";

  /** Cloud Sync's scoping group has more members than Cloud Sync supports. */
  public static final String CLOUD_SYNC_GROUP_TOO_LARGE = "CLOUD_SYNC_GROUP_TOO_LARGE";

  /** The sync account cannot open the domain's SAM server object. */
  public static final String SAM_SERVER_NOT_READABLE = "SAM_SERVER_NOT_READABLE";

  /** The sync account cannot read the domain or Builtin object as SAM does. */
  public static final String SAM_DOMAIN_NOT_READABLE = "SAM_DOMAIN_NOT_READABLE";

  /** Neither Authenticated Users nor the sync account is in Pre-Windows 2000 Compatible Access. */
  public static final String PRE_WINDOWS_2000_WITHOUT_AUTHENTICATED_USERS = "PRE_WINDOWS_2000_WITHOUT_AUTHENTICATED_USERS";

  /** The sync account cannot read this user as writeback's SAM calls do. */
  public static final String SAM_USER_READ_NOT_GRANTED = "SAM_USER_READ_NOT_GRANTED";

  /** A container above the user has a name writeback cannot handle. */
  public static final String DN_RESERVED_CHARACTER = "DN_RESERVED_CHARACTER";

  /** "Password never expires" hides "must change at next logon" from an admin reset. */
  public static final String PASSWORD_NEVER_EXPIRES_MUST_CHANGE_IGNORED = "PASSWORD_NEVER_EXPIRES_MUST_CHANGE_IGNORED";
}
