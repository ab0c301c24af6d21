package org.wbaudit.directory;

import com.unboundid.ldap.sdk.ResultCode;

/**
 * An LDAP result code (RFC 4511 4.1.9) as a server sent it: its number, which code can test,
 * and its name, which people read.
 *
 * @param code the resultCode number, such as 49
 * @param name the SDK's name for it, such as "invalid credentials"
 */
public record LdapResult(int code, String name) {
  /** noSuchObject: the base or entry asked for does not exist. */
  public static final int NO_SUCH_OBJECT = 32;

  static LdapResult of(ResultCode rc) {
    return new LdapResult(rc.intValue(), rc.getName());
  }

  /** "invalid credentials (49)". */
  @Override
  public String toString() {
    return name + " (" + code + ")";
  }
}
