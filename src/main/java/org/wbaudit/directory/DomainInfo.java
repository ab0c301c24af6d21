package org.wbaudit.directory;

import java.time.Duration;
import org.wbaudit.sd.Sid;

/**
 * The domain object: its SID, its descriptor (for Unexpire Password) and its password policy.
 *
 * @param descriptor null when unreadable
 * @param minPwdAge zero when absent
 * @param pwdProperties DOMAIN_PASSWORD_COMPLEX is bit 0x1
 * @param maxPwdAge null when passwords never expire (maxPwdAge 0 or the largest negative value)
 */
public record DomainInfo(
    String dn,
    Sid domainSid,
    byte[] descriptor,
    Duration minPwdAge,
    int pwdHistoryLength,
    int minPwdLength,
    int pwdProperties,
    int lockoutThreshold,
    Duration maxPwdAge) {

  public static final int DOMAIN_PASSWORD_COMPLEX = 0x1;

  public boolean complexityRequired() {
    return (pwdProperties & DOMAIN_PASSWORD_COMPLEX) != 0;
  }
}
