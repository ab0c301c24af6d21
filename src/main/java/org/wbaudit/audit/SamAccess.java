package org.wbaudit.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.wbaudit.access.AccessCheck;
import org.wbaudit.access.AccessRequest;
import org.wbaudit.access.Decision;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DomainReader;
import org.wbaudit.directory.ProtectionDirectory;
import org.wbaudit.rules.RuleId;
import org.wbaudit.sd.AccessMask;
import org.wbaudit.sd.MalformedDescriptorException;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sid;
import org.wbaudit.sd.WellKnownSid;

/**
 * What writeback's SAM calls need of a domain before they touch a user, decided once per domain
 * with the access check for the sync account's token: the SAM server object (CN=Server,CN=System),
 * the domain object and CN=Builtin must each let it list them, read their properties and read
 * their permissions; and whether Authenticated Users (or the account itself) is in Pre-Windows
 * 2000 Compatible Access, to which the default DACLs give the reads of users the SAM calls make.
 */
final class SamAccess {
  /** List contents, read property, read permissions: what opening them through SAM asks. */
  static final int SAM_OPEN = AccessMask.LIST_CHILDREN | AccessMask.READ_PROPERTY | AccessMask.READ_CONTROL;

  /** schemaIDGUIDs of the classes involved, for when the schema cannot say. */
  static final UUID SAM_SERVER_CLASS = UUID.fromString("bf967aad-0de6-11d0-a285-00aa003049e2");
  static final UUID BUILTIN_DOMAIN_CLASS = UUID.fromString("bf967a81-0de6-11d0-a285-00aa003049e2");
  static final UUID DOMAIN_DNS_CLASS = UUID.fromString("19195a5b-6da0-11d0-afd3-00c04fd930c9");

  static final Sid PRE_WINDOWS_2000 = Sid.parse("S-1-5-32-554");

  private SamAccess() {}

  /**
   * Checks the domain of {@code ctx}, emitting findings that stop every user (counted among the
   * blockers of everyone) or inform; returns the facts the report shows.
   */
  static Map<String, Object> check(DomainContext ctx, Findings findings) {
    Map<String, Object> facts = new LinkedHashMap<>();
    String domain = ctx.domain().dn();
    String server = "CN=Server,CN=System," + domain;
    String builtin = "CN=Builtin," + domain;
    Map<String, Object> objects = new LinkedHashMap<>();
    String serverVerdict = judge(ctx, server, ctx.reader().seen(server), "samServer", SAM_SERVER_CLASS);
    objects.put(server, serverVerdict);
    if (serverVerdict.equals("not-granted")) {
      findings.emit(RuleId.SAM_SERVER_NOT_READABLE, server, "The audited account may not list, read and"
          + " read the permissions of the SAM server object " + server + ": every writeback operation"
          + " fails with access denied", details(domain, server));
    }
    String[][] others = {{domain, "domainDNS"}, {builtin, "builtinDomain"}};
    UUID[] fallback = {DOMAIN_DNS_CLASS, BUILTIN_DOMAIN_CLASS};
    for (int i = 0; i < others.length; i++) {
      String dn = others[i][0];
      DomainReader.Seen seen = i == 0 ? new DomainReader.Seen(true, ctx.domain().descriptor()) : ctx.reader().seen(dn);
      String verdict = judge(ctx, dn, seen, others[i][1], fallback[i]);
      objects.put(dn, verdict);
      if (verdict.equals("not-granted")) {
        findings.emit(RuleId.SAM_DOMAIN_NOT_READABLE, dn, "The audited account may not list, read and"
            + " read the permissions of " + dn + ", which writeback's SAM calls open: every writeback"
            + " operation fails with access denied", details(domain, dn));
      }
    }
    facts.put("objects", objects);
    facts.put("preWindows2000", preWindows2000(ctx, findings));
    return facts;
  }

  /** No "domain" key: the finding is keyed by the object, so the domain's and Builtin's stay apart. */
  private static Map<String, Object> details(String domain, String object) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("inDomain", domain);
    d.put("object", object);
    d.put("needs", "list contents, read property, read permissions");
    return d;
  }

  /**
   * granted, not-granted, or unknown (the object is not visible, or its descriptor does not
   * parse). A visible object whose descriptor the DC withholds is not-granted: the DC returns it
   * only to those granted READ_CONTROL, one of the rights asked.
   */
  private static String judge(DomainContext ctx, String dn, DomainReader.Seen seen, String className,
      UUID fallback) {
    if (!seen.visible()) {
      return "unknown";
    }
    if (seen.descriptor() == null) {
      return "not-granted";
    }
    try {
      SecurityDescriptor sd = SecurityDescriptor.parse(seen.descriptor());
      UUID cls = ctx.schema().classGuid(className);
      Decision d = AccessCheck.evaluate(sd, ctx.token().token(), null,
          new AccessRequest(SAM_OPEN, java.util.Arrays.asList(cls != null ? cls : fallback)));
      return d.isGranted() ? "granted" : d instanceof Decision.Unknown ? "unknown" : "not-granted";
    } catch (MalformedDescriptorException e) {
      return "unknown";
    }
  }

  /**
   * Whether Authenticated Users, Everyone or the account itself is a direct member of Pre-Windows
   * 2000 Compatible Access, and whether the account's token holds the group; when none of the
   * three is a member, PRE_WINDOWS_2000_WITHOUT_AUTHENTICATED_USERS.
   */
  private static Map<String, Object> preWindows2000(DomainContext ctx, Findings findings) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("inToken", ctx.token().token().contains(PRE_WINDOWS_2000));
    ProtectionDirectory dir = new ProtectionDirectory(ctx.session());
    String group;
    List<String> members;
    try {
      group = dir.dnOf(PRE_WINDOWS_2000);
      members = group == null ? null : dir.members(group);
    } catch (DirectoryException e) {
      group = null;
      members = null;
    }
    if (members == null) {
      p.put("members", null);
      p.put("unknown", "the group's members could not be read");
      return p;
    }
    List<String> lower = new ArrayList<>();
    members.forEach(m -> lower.add(m.toLowerCase(Locale.ROOT)));
    boolean au = lower.stream().anyMatch(m -> m.startsWith("cn=" + WellKnownSid.AUTHENTICATED_USERS.sid().toString().toLowerCase(Locale.ROOT) + ","));
    boolean everyone = lower.stream().anyMatch(m -> m.startsWith("cn=" + WellKnownSid.EVERYONE.sid().toString().toLowerCase(Locale.ROOT) + ","));
    boolean account = lower.contains(ctx.principal().dn().toLowerCase(Locale.ROOT));
    p.put("authenticatedUsers", au);
    p.put("everyone", everyone);
    p.put("account", account);
    if (!au && !everyone && !account) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("domain", ctx.domain().dn());
      d.put("group", group);
      findings.emit(RuleId.PRE_WINDOWS_2000_WITHOUT_AUTHENTICATED_USERS, group, "Neither Authenticated"
          + " Users nor the audited account is a member of " + group + ": the reads of users that"
          + " writeback's SAM calls make rely on the account's own grants (see SAM_USER_READ_NOT_GRANTED)", d);
    }
    return p;
  }
}
