package org.wbaudit.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.wbaudit.access.AccessCheck;
import org.wbaudit.access.AccessRequest;
import org.wbaudit.access.Decision;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.Interval;
import org.wbaudit.directory.PasswordPolicies;
import org.wbaudit.directory.PrincipalInfo;
import org.wbaudit.rules.RuleId;
import org.wbaudit.sd.AccessMask;
import org.wbaudit.sd.MalformedDescriptorException;
import org.wbaudit.sd.Sddl;
import org.wbaudit.sd.SddlException;
import org.wbaudit.sd.SecurityDescriptor;

/**
 * The connector account's own health and reach. When it cannot bind every writeback fails at
 * once (its password expired, expiring soon); when it holds more than it needs it is a path to
 * the domain (a protected group, full control, WRITE_DAC or WRITE_OWNER on the domain head or on
 * users, decided by the same access check as the writeback rights). Replicating Directory
 * Changes (and ... All) on the domain head is expected for password hash sync: a fact, not a
 * finding. Before the users are read it checks the account; while they are read it counts the
 * users it could take over; after, it reports.
 */
final class ConnectorHealth {
  static final UUID GET_CHANGES = UUID.fromString("1131f6aa-9c07-11d1-f79f-00c04fc2dcd2");
  static final UUID GET_CHANGES_ALL = UUID.fromString("1131f6ad-9c07-11d1-f79f-00c04fc2dcd2");
  /** Deciding ACEs named in the finding; the count covers them all. */
  private static final int ACES_NAMED = 5;

  private final DomainContext ctx;
  private final List<String> protectedBy;
  private final Map<String, Boolean> replication = new LinkedHashMap<>();
  private final List<String> domainHeadReach = new ArrayList<>();
  private final Map<String, Long> usersBeyond = new LinkedHashMap<>();
  private final List<String> decidingAces = new ArrayList<>();
  /** Per distinct descriptor (the evaluator's cached instance): what it gives beyond writeback. */
  private final Map<SecurityDescriptor, List<String>> byDescriptor = new IdentityHashMap<>();
  private final Instant passwordExpires;
  private final String expiry;

  private ConnectorHealth(DomainContext ctx, List<String> protectedBy, Instant passwordExpires,
      String expiry) {
    this.ctx = ctx;
    this.protectedBy = protectedBy;
    this.passwordExpires = passwordExpires;
    this.expiry = expiry;
  }

  /**
   * Checks the account before the users are read: CONNECTOR_PASSWORD_EXPIRED or _EXPIRING, and
   * what it holds on the domain head.
   */
  static ConnectorHealth check(DomainContext ctx, Instant now, int warningDays, Findings findings) {
    PrincipalInfo p = ctx.principal();
    List<String> path = ctx.protection().pathOf(p.dn(), p.sid());
    Instant expires = null;
    String expiry;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("principal", p.dn());
    if (p.passwordNeverExpires()) {
      expiry = "never (password never expires)";
    } else if (p.pwdLastSet() == PrincipalInfo.UNKNOWN_PWD_LAST_SET) {
      expiry = "unknown (pwdLastSet cannot be read)";
    } else if (p.pwdLastSet() == 0) {
      expiry = "expired (must change at next logon)";
      findings.emit(RuleId.CONNECTOR_PASSWORD_EXPIRED, p.dn(), "The audited account "
          + p.samAccountName() + " must change its password at next logon (pwdLastSet is 0): it"
          + " cannot bind with the password the sync engine holds", d);
    } else {
      Duration maxAge = null;
      String source;
      try {
        if (p.resultantPso() != null) {
          PasswordPolicies.Pso pso = new PasswordPolicies(ctx.session()).read(p.resultantPso());
          maxAge = pso == null ? null : pso.maxAge();
          source = pso == null ? null : "the password settings object " + pso.dn();
        } else {
          maxAge = ctx.domain().maxPwdAge();
          source = "the domain's policy";
        }
      } catch (DirectoryException e) {
        source = null;
      }
      Instant set = Interval.instant(p.pwdLastSet());
      if (source == null) {
        expiry = "unknown (the password settings object that applies cannot be read)";
      } else if (maxAge == null) {
        expiry = "never (" + source + " sets no maximum age)";
      } else {
        expires = set.plus(maxAge);
        expiry = expires.toString();
        d.put("pwdLastSet", set.toString());
        d.put("maxPwdAgeDays", maxAge.toDays());
        d.put("policy", source);
        d.put("expires", expires.toString());
        if (!expires.isAfter(now)) {
          findings.emit(RuleId.CONNECTOR_PASSWORD_EXPIRED, p.dn(), "The password of the audited"
              + " account " + p.samAccountName() + " expired on " + expires + " (set " + set + ", "
              + source + " allows " + maxAge.toDays() + " days): every writeback fails", d);
        } else if (expires.isBefore(now.plus(Duration.ofDays(warningDays)))) {
          findings.emit(RuleId.CONNECTOR_PASSWORD_EXPIRING, p.dn(), "The password of the audited"
              + " account " + p.samAccountName() + " expires on " + expires + ", within "
              + warningDays + " days: every writeback will fail from then on", d);
        }
      }
    }
    ConnectorHealth h = new ConnectorHealth(ctx, path, expires, expiry);
    h.domainHead();
    return h;
  }

  private void domainHead() {
    byte[] raw = ctx.domain().descriptor();
    if (raw == null) {
      return;
    }
    try {
      SecurityDescriptor sd = SecurityDescriptor.parse(raw);
      UUID cls = WritebackRight.Guid.DOMAIN_DNS_CLASS;
      replication.put("getChanges", granted(sd, AccessRequest.extendedRight(cls, GET_CHANGES)));
      replication.put("getChangesAll", granted(sd, AccessRequest.extendedRight(cls, GET_CHANGES_ALL)));
      domainHeadReach.addAll(beyond(sd, ctx.domain().domainSid(), true));
    } catch (MalformedDescriptorException e) {
      // the domain's descriptor is reported elsewhere; nothing more to say here
    }
  }

  private boolean granted(SecurityDescriptor sd, AccessRequest r) {
    return AccessCheck.evaluate(sd, ctx.token().token(), null, r).isGranted();
  }

  /** The rights beyond writeback this DACL gives the principal: full control, WRITE_DAC, WRITE_OWNER. */
  private List<String> beyond(SecurityDescriptor sd, org.wbaudit.sd.Sid objectSid, boolean collect) {
    List<String> out = new ArrayList<>();
    Decision all = AccessCheck.evaluate(sd, ctx.token().token(), objectSid,
        AccessRequest.onObject(AccessMask.GENERIC_ALL));
    Decision dac = AccessCheck.evaluate(sd, ctx.token().token(), objectSid,
        AccessRequest.onObject(AccessMask.WRITE_DAC));
    Decision owner = AccessCheck.evaluate(sd, ctx.token().token(), objectSid,
        AccessRequest.onObject(AccessMask.WRITE_OWNER));
    // The owner's implicit WRITE_DAC is how AD works (the owner can always fix its DACL): only a
    // grant by an ACE is counted.
    if (all instanceof Decision.Granted g && g.basis() == Decision.Basis.ACE) {
      out.add("fullControl");
      note(sd, g, collect);
    }
    if (dac instanceof Decision.Granted g && g.basis() == Decision.Basis.ACE) {
      out.add("writeDac");
      note(sd, g, collect);
    }
    if (owner instanceof Decision.Granted g && g.basis() == Decision.Basis.ACE) {
      out.add("writeOwner");
      note(sd, g, collect);
    }
    return out;
  }

  private void note(SecurityDescriptor sd, Decision.Granted g, boolean collect) {
    if (!collect || decidingAces.size() >= ACES_NAMED) {
      return;
    }
    try {
      String ace = Sddl.formatAce(g.ace(), ctx.domain().domainSid());
      if (!decidingAces.contains(ace)) {
        decidingAces.add(ace);
      }
    } catch (SddlException e) {
      // an ACE SDDL cannot write is left unnamed; it is still counted
    }
  }

  /** Counts one user the account could take over (cached per distinct descriptor). */
  void consider(UserContext user) {
    SecurityDescriptor sd = user.descriptor();
    if (sd == null || user.object().objectSid() != null
        && user.object().objectSid().equals(ctx.principal().sid())) {
      return; // its own account: SELF holds these by design
    }
    List<String> rights = byDescriptor.get(sd);
    if (rights == null) {
      rights = beyond(sd, user.object().objectSid(), true);
      if (byDescriptor.size() < DomainContext.DESCRIPTOR_CACHE) {
        byDescriptor.put(sd, rights);
      }
    }
    rights.forEach(r -> usersBeyond.merge(r, 1L, Long::sum));
  }

  /** CONNECTOR_OVERPRIVILEGED when the account is in a protected group or could take over objects. */
  void report(Findings findings) {
    if (protectedBy == null && domainHeadReach.isEmpty() && usersBeyond.isEmpty()) {
      return;
    }
    PrincipalInfo p = ctx.principal();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("principal", p.dn());
    d.put("protectedBy", protectedBy);
    d.put("domainHead", domainHeadReach);
    d.put("users", usersBeyond);
    d.put("aces", decidingAces);
    List<String> what = new ArrayList<>();
    if (protectedBy != null) {
      what.add("it is in a protected group (" + String.join(" → ", protectedBy) + ")");
    }
    if (!domainHeadReach.isEmpty()) {
      what.add("the domain head gives it " + String.join(", ", domainHeadReach));
    }
    usersBeyond.forEach((right, n) -> what.add(n + (n == 1 ? " user gives" : " users give") + " it " + right));
    findings.emit(RuleId.CONNECTOR_OVERPRIVILEGED, p.dn(), "The audited account "
        + p.samAccountName() + " holds far more than writeback needs: " + String.join("; ", what), d);
  }

  /** What the report says of the account, beside its token. */
  AuditSummary.Connector facts() {
    return new AuditSummary.Connector(protectedBy, replication, domainHeadReach, usersBeyond,
        passwordExpires == null ? null : passwordExpires.toString(), expiry);
  }
}
