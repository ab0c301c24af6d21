package org.wbaudit.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.directory.DomainInfo;
import org.wbaudit.directory.Oids;
import org.wbaudit.directory.RootDse;
import org.wbaudit.rules.RuleId;

/**
 * The checks on the domain as a whole and on the DC: Unexpire Password on the domain object, the
 * password policy, and the policy-hints control in the root DSE.
 */
public final class DomainChecks {
  private DomainChecks() {}

  /** UNEXPIRE_PASSWORD_NOT_GRANTED, or RIGHT_UNDECIDABLE. */
  public static void unexpirePassword(DomainInfo domain, RightVerdict v, Findings findings) {
    Map<String, Object> d = v.details(WritebackRight.UNEXPIRE_PASSWORD.key());
    if (v.granted() == null) {
      findings.emit(RuleId.RIGHT_UNDECIDABLE, domain.dn(),
          "Unexpire Password on the domain cannot be decided: " + v.reason(), d);
    } else if (!v.granted()) {
      findings.emit(RuleId.UNEXPIRE_PASSWORD_NOT_GRANTED, domain.dn(),
          "The audited account lacks Unexpire Password on the domain: " + v.reason(), d);
    }
  }

  /**
   * PASSWORD_POLICY_BLOCKS_RESET when a minimum age or a history can reject a written-back
   * password whatever its strength; complexity and length are reported alongside.
   */
  public static void passwordPolicy(DomainInfo domain, Findings findings) {
    passwordPolicy(domain.dn(), "The domain policy", domain.minPwdAge(), domain.pwdHistoryLength(),
        domain.minPwdLength(), domain.complexityRequired(), null, findings);
  }

  /**
   * The same for any policy, the domain's or a password settings object's.
   *
   * @param dn the domain's DN or the PSO's
   * @param what how the message names the policy
   * @param users how many users in the sync scope it governs; null when not counted
   * @return whether it can reject a written-back password
   */
  static boolean passwordPolicy(String dn, String what, java.time.Duration minAge, int history,
      int minLength, boolean complexity, Long users, Findings findings) {
    if (minAge.isZero() && history == 0) {
      return false;
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("minPwdAgeSeconds", minAge.toSeconds());
    d.put("pwdHistoryLength", history);
    d.put("minPwdLength", minLength);
    d.put("complexity", complexity);
    if (users != null) {
      d.put("users", users);
    }
    StringBuilder why = new StringBuilder(what + " can reject a written-back password");
    if (users != null) {
      why.append(" for the ").append(users).append(users == 1 ? " user" : " users")
          .append(" in scope it governs");
    }
    why.append(':');
    if (!minAge.isZero()) {
      why.append(" a second reset within ").append(humanDuration(minAge))
          .append(" of a change fails (minimum password age);");
    }
    if (history > 0) {
      why.append(" any of the last ").append(history).append(" passwords is refused (history);");
    }
    why.setLength(why.length() - 1);
    findings.emit(RuleId.PASSWORD_POLICY_BLOCKS_RESET, dn, why.toString(), d);
    return true;
  }

  static String humanDuration(java.time.Duration d) {
    long h = d.toHours();
    return h >= 24 && h % 24 == 0 ? (h / 24) + " day(s)" : h > 0 ? h + " hour(s)" : d.toMinutes() + " minute(s)";
  }

  /** POLICY_HINTS_CONTROL_MISSING for a DC whose root DSE lists neither OID. */
  public static void policyHints(String dcUrl, RootDse dse, Findings findings) {
    boolean has2066 = dse.supportsControl(Oids.POLICY_HINTS_2066);
    boolean has2239 = dse.supportsControl(Oids.POLICY_HINTS_2239);
    if (has2066 || has2239) {
      return;
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("dc", dcUrl);
    d.put("dnsHostName", dse.dnsHostName());
    d.put(Oids.POLICY_HINTS_2066, false);
    d.put(Oids.POLICY_HINTS_2239, false);
    findings.emit(RuleId.POLICY_HINTS_CONTROL_MISSING, null,
        "Domain controller " + (dse.dnsHostName() != null ? dse.dnsHostName() : dcUrl)
            + " does not list the password policy hints control (" + Oids.POLICY_HINTS_2066
            + " or " + Oids.POLICY_HINTS_2239 + ") in supportedControl", d);
  }
}
