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
    if (domain.minPwdAge().isZero() && domain.pwdHistoryLength() == 0) {
      return;
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("minPwdAgeSeconds", domain.minPwdAge().toSeconds());
    d.put("pwdHistoryLength", domain.pwdHistoryLength());
    d.put("minPwdLength", domain.minPwdLength());
    d.put("complexity", domain.complexityRequired());
    StringBuilder why = new StringBuilder("The domain policy can reject a written-back password:");
    if (!domain.minPwdAge().isZero()) {
      why.append(" a second reset within ").append(humanDuration(domain.minPwdAge()))
          .append(" of a change fails (minimum password age);");
    }
    if (domain.pwdHistoryLength() > 0) {
      why.append(" any of the last ").append(domain.pwdHistoryLength())
          .append(" passwords is refused (history);");
    }
    why.setLength(why.length() - 1);
    findings.emit(RuleId.PASSWORD_POLICY_BLOCKS_RESET, domain.dn(), why.toString(), d);
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
