package org.wbaudit.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.wbaudit.access.AccessCheck;
import org.wbaudit.access.Token;
import org.wbaudit.access.TraceStep;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectoryObject;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.directory.PrincipalDirectory;
import org.wbaudit.directory.PrincipalInfo;
import org.wbaudit.directory.SchemaNames;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.sd.Ace;
import org.wbaudit.sd.AceFlags;
import org.wbaudit.sd.Sddl;
import org.wbaudit.sd.SddlException;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sid;
import org.wbaudit.sd.TrusteeAce;
import org.wbaudit.sd.WellKnownSid;

/**
 * One user, explained: owner and DACL ACE by ACE with names for trustees and GUIDs, which ACEs
 * apply to the audited principal's token and through which of its SIDs, the ACE that decided
 * each writeback right, and grants a parent gives that have not reached the user. Reads only.
 */
public final class Explainer {
  private final RuleCatalog catalog;

  public Explainer(RuleCatalog catalog) {
    this.catalog = catalog;
  }

  /** A SID and its name. */
  public record Trustee(String sid, String name) {}

  /**
   * One ACE of the DACL.
   *
   * @param appliesToPrincipal whether the access check lets it grant or deny the principal
   *     anything on this user ({@link AccessCheck#match})
   * @param why which SID of the token matched, or why it does not apply
   */
  public record AceLine(int index, String sddl, String type, List<String> flags, Trustee trustee,
      String rights, String objectType, String inheritedObjectType, boolean appliesToPrincipal,
      String why) {}

  /**
   * One step of the access check for one right, as the check itself recorded it.
   *
   * @param outcome what the ACE did, as {@link TraceStep.Outcome} names it
   * @param bits the requested bits it granted or denied, 0 otherwise
   */
  public record TraceLine(int index, String outcome, String meaning, int bits) {}

  /** A writeback grant on an ancestor that is not stamped on the user. */
  public record PendingGrant(String right, String grantedOn, String ace, String message) {}

  /** The explanation of one user. */
  public record UserExplanation(String dn, String objectSid, String objectClass, boolean enabled,
      boolean lockedOut, boolean adminCount, boolean inheritanceDisabled, String descriptor,
      String principalDn, String principalSid, String tokenMethod, List<Trustee> token,
      Trustee owner, Trustee group, List<AceLine> aces, Map<String, RightVerdict> rights,
      Map<String, List<TraceLine>> traces, List<PendingGrant> pendingPropagation) {}

  /**
   * @param user DN, UPN or sAMAccountName of the user to explain
   * @param principalName whose rights; the bound account when null
   * @throws DirectoryException NOT_FOUND when the user or principal does not exist
   */
  public UserExplanation explain(DirectorySession session, String user, String principalName)
      throws DirectoryException {
    DomainContext ctx = DomainContext.open(session, principalName);
    PrincipalDirectory reader = ctx.principals();
    PrincipalInfo principal = ctx.principal();
    PrincipalInfo target = ctx.principals().findPrincipal(user);
    DirectoryObject o = target == null ? null : ctx.users().user(target.dn());
    if (o == null) {
      throw new DirectoryException(DirectoryException.Kind.NOT_FOUND,
          "no user named " + user + " in " + ctx.domain().dn(), null, null);
    }
    ResolvedToken token = ctx.token();
    SchemaNames schema = ctx.schema();
    Sid domainSid = ctx.domain().domainSid();
    Map<Sid, String> names = new HashMap<>(token.names());
    List<Trustee> tokenLines = new ArrayList<>();
    token.token().sids().stream().sorted().forEach(s -> tokenLines.add(new Trustee(s.toString(),
        names.getOrDefault(s, s.toString()))));
    // Judged exactly as the audit judges it: same context, same cache, same verdicts.
    UserContext judged = ctx.judge(o);
    switch (judged.status()) {
      case UNREADABLE -> {
        return new UserExplanation(o.dn(), str(o.objectSid()), o.structuralClass(), !o.disabled(),
            o.lockedOut(), o.adminCount() == 1, false, judged.status().label(), principal.dn(),
            principal.sid().toString(), token.method(), tokenLines, null, null, List.of(), Map.of(),
            Map.of(), List.of());
      }
      case MALFORMED -> throw new DirectoryException(DirectoryException.Kind.READ,
          "the security descriptor of " + o.dn() + " cannot be parsed: " + judged.problem(), null, null);
      case READ -> { }
    }
    SecurityDescriptor sd = judged.descriptor();
    UUID objectClass = judged.objectClass();
    List<AceLine> aces = aceLines(sd, token.token(), o.objectSid(), domainSid, schema,
        s -> trustee(s, domainSid, names, reader));
    Map<String, RightVerdict> verdicts = judged.rightsByKey();
    List<PendingGrant> pending = new ArrayList<>();
    Findings collect = new Findings(catalog, f -> pending.add(new PendingGrant(
        String.valueOf(f.details().get("right")), String.valueOf(f.details().get("grantedOn")),
        (String) f.details().get("ace"), f.message())));
    new PropagationCheck(ctx.evaluator(), domainSid).check(judged, collect);
    return new UserExplanation(o.dn(), str(o.objectSid()), o.structuralClass(), !o.disabled(),
        o.lockedOut(), o.adminCount() == 1, sd.isDaclProtected(), "read", principal.dn(),
        principal.sid().toString(), token.method(), tokenLines,
        trustee(sd.owner(), domainSid, names, reader), trustee(sd.group(), domainSid, names, reader),
        aces, verdicts, traces(sd, token.token(), o.objectSid(), objectClass), pending);
  }

  /**
   * The DACL, ACE by ACE, with whether each applies to the token as the access check itself
   * decides it. Pure: {@code trustees} names SIDs.
   */
  static List<AceLine> aceLines(SecurityDescriptor sd, Token token, Sid objectSid, Sid domainSid,
      SchemaNames schema, Function<Sid, Trustee> trustees) {
    List<AceLine> out = new ArrayList<>();
    if (sd.dacl() == null) {
      return out;
    }
    for (int i = 0; i < sd.dacl().size(); i++) {
      out.add(line(i, sd.dacl().get(i), AccessCheck.match(sd, token, objectSid, sd.dacl().get(i)),
          domainSid, schema, trustees));
    }
    return out;
  }

  /** Each per-user right's access check, step by step, as the check recorded it. */
  static Map<String, List<TraceLine>> traces(SecurityDescriptor sd, Token token, Sid objectSid,
      UUID objectClass) {
    Map<String, List<TraceLine>> out = new LinkedHashMap<>();
    for (WritebackRight r : WritebackRight.PER_USER) {
      AccessCheck.Explanation e = AccessCheck.explain(sd, token, objectSid, r.request(objectClass));
      out.put(r.key(), e.trace().stream().map(t -> new TraceLine(t.index(), t.outcome().name(),
          t.outcome().meaning(), t.bits())).toList());
    }
    return out;
  }

  private static AceLine line(int i, Ace ace, AccessCheck.Match match, Sid domainSid,
      SchemaNames schema, Function<Sid, Trustee> trustees) {
    String sddl;
    try {
      sddl = Sddl.formatAce(ace, domainSid);
    } catch (SddlException e) {
      sddl = null;
    }
    List<String> flags = new ArrayList<>();
    if (ace.hasFlag(AceFlags.INHERITED)) {
      flags.add("inherited");
    }
    if (ace.hasFlag(AceFlags.CONTAINER_INHERIT)) {
      flags.add("container-inherit");
    }
    if (ace.hasFlag(AceFlags.NO_PROPAGATE_INHERIT)) {
      flags.add("no-propagate");
    }
    if (ace.isInheritOnly()) {
      flags.add("inherit-only");
    }
    if (!(ace instanceof TrusteeAce t)) {
      return new AceLine(i, sddl, "opaque (type 0x" + Integer.toHexString(ace.typeCode()) + ")",
          flags, null, null, null, null, false, "wbaudit cannot decode this ACE type");
    }
    Trustee trustee = trustees.apply(t.sid());
    String why = switch (match) {
      case IN_TOKEN -> "the token holds " + t.sid() + " (" + trustee.name() + ")";
      case PRINCIPAL_SELF -> "PRINCIPAL SELF: the user is the audited principal";
      case OWNER_RIGHTS -> "OWNER RIGHTS: the token holds the owner, and this ACE stands for the"
          + " owner's implicit rights";
      case INHERIT_ONLY -> "inherit-only: it applies to children, not to this user";
      case NOT_AN_ACCESS_ACE -> "an audit, alarm or label ACE: it never grants or denies";
      case UNDECODABLE -> "wbaudit cannot decode this ACE type";
      case NOT_IN_TOKEN -> notInTokenWhy(t.sid());
    };
    String type = t.type().sddl() != null ? t.type().sddl() : t.type().name();
    return new AceLine(i, sddl, type, flags, trustee, Sddl.formatMask(t.mask()),
        guidName(t.objectType(), schema), guidName(t.inheritedObjectType(), schema),
        match.applies(), why);
  }

  private static String notInTokenWhy(Sid sid) {
    if (sid.equals(WellKnownSid.PRINCIPAL_SELF.sid())) {
      return "PRINCIPAL SELF: only the user's own account matches";
    }
    if (sid.equals(WellKnownSid.CREATOR_OWNER.sid()) || sid.equals(WellKnownSid.CREATOR_GROUP.sid())) {
      return "a creator placeholder: it only matters when ACEs are inherited; it never matches";
    }
    if (sid.equals(WellKnownSid.OWNER_RIGHTS.sid())) {
      return "OWNER RIGHTS: the principal is not the owner";
    }
    return "not in the principal's token";
  }

  private static String guidName(UUID g, SchemaNames schema) {
    if (g == null) {
      return null;
    }
    String n = schema.name(g);
    return n == null || n.equals(g.toString()) ? g.toString() : n + " (" + g + ")";
  }

  private static Trustee trustee(Sid s, Sid domainSid, Map<Sid, String> names, PrincipalDirectory reader) {
    if (s == null) {
      return null;
    }
    String n = names.get(s);
    if (n == null) {
      n = reader.nameOf(s, domainSid);
      names.put(s, n);
    }
    return new Trustee(s.toString(), n);
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  /** The rights of the explanation by key, in the audit's order: for renderers. */
  public static Map<String, RightVerdict> ordered(UserExplanation e) {
    Map<String, RightVerdict> out = new LinkedHashMap<>();
    for (WritebackRight r : WritebackRight.PER_USER) {
      if (e.rights().containsKey(r.key())) {
        out.put(r.key(), e.rights().get(r.key()));
      }
    }
    return out;
  }
}
