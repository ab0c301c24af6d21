package org.wbaudit.audit;

import java.time.Instant;
import java.util.List;

/**
 * What the audit ran against and as whom; known before the first user is read.
 *
 * @param token each SID of the audited principal's token with its name
 * @param tokenMethod "tokenGroups" or "memberOf"
 */
public record AuditHeader(
    String toolVersion,
    Instant startedAt,
    DomainController dc,
    String domainDn,
    String domainSid,
    String principalDn,
    String principalSid,
    String boundAs,
    String tokenMethod,
    List<TokenEntry> token,
    PasswordPolicy passwordPolicy,
    String unexpirePassword) {

  /** The DC audited and what its root DSE says. */
  public record DomainController(String url, String dnsHostName, int functionalLevel,
      boolean policyHints2066, boolean policyHints2239) {}

  /** One SID of the token. */
  public record TokenEntry(String sid, String name) {}

  /** The domain's password policy as it bears on a reset. */
  public record PasswordPolicy(long minPwdAgeSeconds, int pwdHistoryLength, int minPwdLength,
      boolean complexity, int lockoutThreshold) {}

  public AuditHeader {
    token = List.copyOf(token);
  }
}
