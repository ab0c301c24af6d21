package org.wbaudit.audit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wbaudit.access.Decision;
import org.wbaudit.access.UserRights;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.directory.SchemaNames;
import org.wbaudit.sd.Ace;
import org.wbaudit.sd.AceType;
import org.wbaudit.sd.Sddl;
import org.wbaudit.sd.SddlException;
import org.wbaudit.sd.Sid;
import org.wbaudit.sd.TrusteeAce;

/** Turns decisions into what a report says: outcome, deciding ACE in SDDL, a reason in words. */
final class Verdicts {
  private final Sid domainSid;
  private final SchemaNames schema;
  private final Map<Sid, String> tokenNames;
  /** Bounded like the evaluator's cache, whose entries are its keys. */
  private final Map<Same, Map<WritebackRight, RightVerdict>> byEvaluation =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Same, Map<WritebackRight, RightVerdict>> e) {
          return size() > DomainContext.DESCRIPTOR_CACHE;
        }
      };

  Verdicts(Sid domainSid, SchemaNames schema, Map<Sid, String> tokenNames) {
    this.domainSid = domainSid;
    this.schema = schema;
    this.tokenNames = tokenNames;
  }

  /**
   * The verdicts for one evaluation. Users sharing a descriptor share the evaluator's cached
   * UserRights instance, so the words are built once per distinct descriptor, not per user.
   */
  Map<WritebackRight, RightVerdict> of(UserRights rights) {
    return byEvaluation.computeIfAbsent(new Same(rights), k -> {
      UserRights r = k.rights;
      Map<WritebackRight, RightVerdict> out = new EnumMap<>(WritebackRight.class);
      for (WritebackRight right : WritebackRight.EVALUATED) {
        out.put(right, of(r.get(right)));
      }
      return Collections.unmodifiableMap(out);
    });
  }

  /** The very same evaluation: identity, not the record's deep equality, which costs a hash of the descriptor. */
  private static final class Same {
    final UserRights rights;

    Same(UserRights rights) {
      this.rights = rights;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Same s && s.rights == rights;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(rights);
    }
  }

  RightVerdict of(Decision d) {
    if (d instanceof Decision.Granted g) {
      return switch (g.basis()) {
        case NULL_DACL -> new RightVerdict(true, "granted", "null-dacl", null, null,
            "the object has no DACL, which grants everything");
        case OWNER_IMPLICIT -> new RightVerdict(true, "granted", "owner", null, null,
            "the owner's implicit rights");
        case ACE -> new RightVerdict(true, "granted", "ace", g.aceIndex(), sddl(g.ace()),
            "ACE " + g.aceIndex() + " " + describe(g.ace()));
      };
    }
    if (d instanceof Decision.Denied x) {
      return new RightVerdict(false, "denied", null, x.aceIndex(), sddl(x.ace()),
          "ACE " + x.aceIndex() + " " + describe(x.ace()) + ", before anything granted it");
    }
    if (d instanceof Decision.NotGranted n) {
      return new RightVerdict(false, "not-granted", null, null, null,
          n.emptyDacl() ? "the DACL is empty" : "no ACE grants it to the audited account");
    }
    Decision.Unknown u = (Decision.Unknown) d;
    return new RightVerdict(null, "unknown", null, u.aceIndex(), null, u.reason());
  }

  String sddl(Ace ace) {
    try {
      return Sddl.formatAce(ace, domainSid);
    } catch (SddlException e) {
      return ace.toString();
    }
  }

  /** "allows Reset Password to svc-sync (inherited)". */
  String describe(Ace ace) {
    if (!(ace instanceof TrusteeAce t)) {
      return "(undecodable)";
    }
    boolean allow = t.type().kind() == AceType.Kind.ALLOW;
    String what = t.objectType() != null ? schema.name(t.objectType()) : "everything";
    String who = tokenNames.getOrDefault(t.sid(), t.sid().toString());
    return (allow ? "allows " : "denies ") + what + " (mask 0x" + Integer.toHexString(t.mask())
        + ") to " + who + (ace.isInherited() ? " (inherited)" : " (explicit)");
  }
}
