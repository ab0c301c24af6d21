package org.wbaudit.report;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.AuditSink;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.Finding;
import org.wbaudit.audit.ForwardingSink;
import org.wbaudit.audit.ObjectResult;
import org.wbaudit.audit.RightVerdict;
import org.wbaudit.audit.RunSink;
import org.wbaudit.audit.RunSummary;

/**
 * Replaces identities (DNs, UPNs, account names, mail values, the names of the audited
 * account's groups) with keyed hashes before anything is written, so a report can be shared.
 * The hash is HMAC-SHA256 of the identity without case, under a key only the organisation holds:
 * the same identity gives the same token in every report made with the same key, so redacted
 * reports still diff against each other, and nobody without the key can test a guess. GUIDs,
 * SIDs, domain and DC names are kept: they name no person, and an admin needs them to act.
 */
public final class Redaction implements RunSink {
  /** A token: "h:" and 80 bits of the HMAC, enough that two identities never meet by chance. */
  static final String PREFIX = "h:";
  private static final Pattern DOMAIN_SID = Pattern.compile("S-1-5-21-\\d+-\\d+-\\d+-\\d+");
  private static final Pattern GUID = Pattern.compile(
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final RunSink next;
  private final Mac mac;
  /** Names of the audited accounts' groups: they appear in reasons and messages. */
  private final Set<String> names = new LinkedHashSet<>();
  /** The DNs a sync scope names (OUs, a group): they appear in users' scope reasons. */
  private final Set<String> scopeNames = new LinkedHashSet<>();

  public Redaction(RunSink next, byte[] key) {
    this.next = next;
    try {
      this.mac = Mac.getInstance("HmacSHA256");
      this.mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
    }
  }

  /** The token for an identity. */
  synchronized String token(String identity) {
    byte[] h = mac.doFinal(identity.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    return PREFIX + HexFormat.of().formatHex(h, 0, 10);
  }

  private String tokenOrNull(String identity) {
    return identity == null ? null : token(identity);
  }

  /** Text with every known identity in it replaced, longest first (a DN before its CN). */
  String scrub(String text, Set<String> identities) {
    if (text == null) {
      return null;
    }
    List<String> all = new ArrayList<>(identities);
    synchronized (this) {
      all.addAll(names);
    }
    all.sort(Comparator.comparingInt(String::length).reversed());
    String out = text;
    for (String id : all) {
      if (id != null && id.length() > 1) {
        out = Pattern.compile(Pattern.quote(id), Pattern.CASE_INSENSITIVE).matcher(out)
            .replaceAll(Matcher.quoteReplacement(token(id)));
      }
    }
    return out;
  }

  @Override
  public void begin(String toolVersion, Instant startedAt) {
    next.begin(toolVersion, startedAt);
  }

  @Override
  public AuditSink forest(String name) {
    return new ForwardingSink(next.forest(name), this::redact, this::redact, this::redact,
        this::redact);
  }

  private AuditHeader redact(AuditHeader h) {
    List<AuditHeader.TokenEntry> token = new ArrayList<>();
    for (AuditHeader.TokenEntry t : h.token()) {
      boolean identity = DOMAIN_SID.matcher(t.sid()).matches();
      if (identity) {
        synchronized (this) {
          names.add(t.name());
        }
      }
      token.add(new AuditHeader.TokenEntry(t.sid(), identity ? token(t.name()) : t.name()));
    }
    Map<String, Object> scope = new LinkedHashMap<>();
    h.scope().forEach((k, v) -> scope.put(k, redactScope(k, v)));
    // How wbaudit authenticated names the account or a keytab's path: keep only the method.
    AuditHeader.DomainController d = h.dc();
    AuditHeader.DomainController dc = d.authentication() == null ? d
        : new AuditHeader.DomainController(d.url(), d.dnsHostName(), d.functionalLevel(),
            d.policyHints2066(), d.policyHints2239(), d.authentication().startsWith("Kerberos")
                ? "Kerberos (account redacted)" : "simple bind over TLS (account redacted)",
            d.protection(), d.passedOver());
    return new AuditHeader(h.toolVersion(), h.startedAt(), dc, h.domainDn(),
        h.domainSid(), token(h.principalDn()), h.principalSid(), token(h.boundAs()),
        h.tokenMethod(), token, h.passwordPolicy(), h.unexpirePassword(), h.forest(),
        h.controllers(), h.otherDomains(), h.domains(), h.anchorsChecked(), h.anchorsSkipped(),
        scope, h.principalChoice() == null ? null : new org.wbaudit.audit.DomainContext.PrincipalChoice(
            h.principalChoice().method(), token(h.principalChoice().chosen()),
            "chosen by " + h.principalChoice().method() + " (details redacted)",
            h.principalChoice().candidates().stream().map(this::token).toList()),
        redactProtection(h.protection()), h.samAccess(), h.userRead());
  }

  /** A step of a protection path: a DN, or "Group (DN)": the DN becomes a token. */
  private String redactPathStep(String step) {
    int open = step.indexOf(" (");
    if (open > 0 && step.endsWith(")")) {
      return step.substring(0, open) + " (" + token(step.substring(open + 2, step.length() - 1)) + ")";
    }
    return token(step);
  }

  /** Protected groups are named by DN: tokens, like every other DN. */
  private Map<String, Object> redactProtection(Map<String, Object> p) {
    Map<String, Object> out = new LinkedHashMap<>(p);
    if (p.get("groups") instanceof List<?> groups) {
      out.put("groups", groups.stream().map(g -> token(String.valueOf(g))).toList());
    }
    return out;
  }

  /** Scope keys that name rules, classes and the engine, never a person: kept as they are. */
  private static final Set<String> KEPT_SCOPE_KEYS = Set.of("defaultRules", "source", "connector",
      "rules", "objectClasses");

  /** The scope's DNs become tokens, and are remembered to scrub the users' scope reasons. */
  private Object redactScope(String key, Object v) {
    if (KEPT_SCOPE_KEYS.contains(key) || v == null) {
      return v;
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, x) -> out.put(String.valueOf(k), redactScope(String.valueOf(k), x)));
      return out;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        out.add(redactScope(key, item));
      }
      return out;
    }
    synchronized (this) {
      scopeNames.add(v.toString());
    }
    return token(v.toString());
  }

  private ObjectResult redact(ObjectResult o) {
    Set<String> own = new LinkedHashSet<>();
    for (String s : new String[] {o.dn(), o.userPrincipalName(), o.samAccountName()}) {
      if (s != null) {
        own.add(s);
      }
    }
    Map<String, RightVerdict> rights = new LinkedHashMap<>();
    o.rights().forEach((k, v) -> rights.put(k, new RightVerdict(v.granted(), v.outcome(),
        v.basis(), v.aceIndex(), v.ace(), scrub(v.reason(), own))));
    Set<String> reasonNames = new LinkedHashSet<>(own);
    synchronized (this) {
      reasonNames.addAll(scopeNames);
    }
    return new ObjectResult(o.forest(), token(o.dn()), o.objectGuid(), o.objectSid(),
        tokenOrNull(o.userPrincipalName()), tokenOrNull(o.samAccountName()), o.objectClass(),
        o.enabled(), o.lockedOut(), o.adminCount(), o.inheritanceDisabled(), o.descriptor(),
        rights, o.inScope(), scrub(o.scopeReason(), reasonNames), o.ready(), o.blockers(),
        o.protectedBy() == null ? null : o.protectedBy().stream().map(this::redactPathStep).toList(),
        o.passwordPolicy());
  }

  /** Remediation names users (examples) and the sync account (in dsacls): tokens for both. */
  private AuditSummary redact(AuditSummary s) {
    List<org.wbaudit.audit.Remediation> remediation = new ArrayList<>();
    for (org.wbaudit.audit.Remediation r : s.remediation()) {
      Set<String> examples = new LinkedHashSet<>(r.examples());
      remediation.add(new org.wbaudit.audit.Remediation(r.container(), r.objectClass(), r.rights(),
          r.users(), r.examples().stream().map(this::token).toList(), r.sddl(),
          scrub(r.dsacls(), examples), scrub(r.powershell(), examples), r.note()));
    }
    AuditSummary.Readiness r = s.readiness();
    AuditSummary.Readiness readiness = new AuditSummary.Readiness(r.inScope(), r.ready(),
        r.notReady(), r.unknown(), r.outOfScope(), r.causes().stream().map(c ->
            new AuditSummary.Cause(c.rule(), c.container().isEmpty() ? "" : token(c.container()),
                c.users())).toList(), r.everyone());
    return new AuditSummary(s.usersRead(), s.findingsByRule(), s.findingsBySeverity(), s.rights(),
        s.complete(), s.missing(), s.finishedAt(), s.durationMillis(), s.highestCommittedUsnBefore(),
        s.highestCommittedUsnAfter(), s.distinctDescriptors(), s.findingsSuppressed(), remediation,
        readiness, s.connector() == null ? null : new AuditSummary.Connector(
            s.connector().protectedBy() == null ? null
                : s.connector().protectedBy().stream().map(this::redactPathStep).toList(),
            s.connector().replicationRights(), s.connector().domainHead(),
            s.connector().usersBeyondWriteback(), s.connector().passwordExpires(),
            s.connector().passwordExpiry()), s.passwordPolicies());
  }

  @Override
  public void finding(Finding f) {
    next.finding(redact(f));
  }

  @Override
  public void end(RunSummary summary) {
    List<RunSummary.ForestOutcome> forests = new ArrayList<>();
    for (RunSummary.ForestOutcome o : summary.forests()) {
      forests.add(new RunSummary.ForestOutcome(o.name(), o.url(),
          o.summary() == null ? null : redact(o.summary()), o.error(), o.cause()));
    }
    next.end(new RunSummary(redact(summary.total()), forests, summary.anchors(), summary.diff(),
        summary.syncEngine(), summary.lateBlockers()));
  }

  private Finding redact(Finding f) {
    Set<String> identities = new LinkedHashSet<>();
    if (f.dn() != null) {
      identities.add(f.dn());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    f.details().forEach((k, v) -> details.put(k, redactDetail(k, v, identities)));
    String subject = f.subject();
    String redactedSubject;
    if (subject.isEmpty() || GUID.matcher(subject).matches() || subject.startsWith("dc:")
        || subject.startsWith("domain:")) {
      redactedSubject = subject;
    } else if (f.details().get("attribute") != null && subject.startsWith(f.details().get("attribute") + ":")) {
      String attribute = f.details().get("attribute").toString();
      redactedSubject = attribute + ":" + token(subject.substring(attribute.length() + 1));
    } else {
      redactedSubject = token(subject);
    }
    return new Finding(f.rule(), f.severity(), tokenOrNull(f.dn()), scrub(f.message(), identities),
        details, f.rule() + ":" + redactedSubject, f.suppression(), f.change());
  }

  /** DNs and anchor values become tokens (and are remembered to scrub the message). */
  @SuppressWarnings("unchecked")
  private Object redactDetail(String key, Object v, Set<String> identities) {
    if (v instanceof String s && (key.equals("dn") || key.equals("value") || key.equals("object")
        || key.equals("principal") || key.equals("container"))) {
      identities.add(s);
      return token(s);
    }
    if (key.equals("protectedBy") && v instanceof List<?> path) {
      // A protection path: the user's DN, then the groups (as on objects[].protectedBy).
      List<Object> out = new ArrayList<>();
      for (Object step : path) {
        if (step instanceof String s) {
          identities.add(s);
          out.add(redactPathStep(s));
        } else {
          out.add(step);
        }
      }
      return out;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        if (item instanceof Map<?, ?> m) {
          Map<String, Object> copy = new LinkedHashMap<>();
          ((Map<String, Object>) m).forEach((k, x) -> copy.put(k, redactDetail(k, x, identities)));
          out.add(copy);
        } else {
          out.add(item);
        }
      }
      return out;
    }
    if (v instanceof String s) {
      return scrub(s, identities);
    }
    return v;
  }
}
