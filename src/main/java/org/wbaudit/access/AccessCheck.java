package org.wbaudit.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.wbaudit.sd.AccessMask;
import org.wbaudit.sd.Ace;
import org.wbaudit.sd.AceType;
import org.wbaudit.sd.Acl;
import org.wbaudit.sd.OpaqueAce;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sid;
import org.wbaudit.sd.TrusteeAce;
import org.wbaudit.sd.WellKnownSid;

/**
 * The access check a domain controller runs for a directory object: MS-DTYP 2.5.3.2
 * (AccessCheck) with the object-type list of MS-DTYP 2.5.3.3 narrowed to one branch, and the
 * directory specifics of MS-ADTS 5.1.3.
 *
 * <p>The check walks the DACL in stored order with the bits still undecided. For each bit the
 * first ACE that allows or denies it decides; later ACEs cannot revoke a granted bit, whatever
 * the order looks like. Stateless and thread-safe.
 *
 * <p>Departures from Windows, on purpose: privileges (SeTakeOwnership, SeSecurity) are not
 * modelled, since a sync account holds none that bear on password rights; callback (conditional)
 * ACEs and ACE types this tool cannot decode yield {@link Decision.Unknown} when they might
 * decide, instead of a guess.
 */
public final class AccessCheck {
  private static final Sid PRINCIPAL_SELF = WellKnownSid.PRINCIPAL_SELF.sid();
  private static final Sid OWNER_RIGHTS = WellKnownSid.OWNER_RIGHTS.sid();
  private static final int OWNER_IMPLICIT = AccessMask.READ_CONTROL | AccessMask.WRITE_DAC;

  private AccessCheck() {}

  /**
   * Decides {@code request} for {@code token} on an object protected by {@code sd}.
   *
   * @param objectSid the object's own objectSid, so that PRINCIPAL SELF can match when the object
   *     is the principal itself; null for objects without one
   */
  public static Decision evaluate(
      SecurityDescriptor sd, Token token, Sid objectSid, AccessRequest request) {
    return run(sd, token, objectSid, new AccessRequest[] {request}, null)[0];
  }

  /**
   * Decides several requests on one object in a single walk of the DACL; each result is exactly
   * what {@link #evaluate} gives for that request alone. Matching an ACE's trustee against the
   * token is the costly step, and this does it once per ACE instead of once per request.
   */
  public static Decision[] evaluateAll(
      SecurityDescriptor sd, Token token, Sid objectSid, AccessRequest... requests) {
    return run(sd, token, objectSid, requests.clone(), null);
  }

  /** As {@link #evaluate}, and records what each ACE did up to the decision. */
  public static Explanation explain(
      SecurityDescriptor sd, Token token, Sid objectSid, AccessRequest request) {
    List<TraceStep> trace = new ArrayList<>();
    Decision d = run(sd, token, objectSid, new AccessRequest[] {request}, trace)[0];
    return new Explanation(d, List.copyOf(trace));
  }

  /** A decision and the steps that led to it. */
  public record Explanation(Decision decision, List<TraceStep> trace) {}

  /**
   * Whether an ACE speaks for the token on this object, and why: the very test the check applies
   * to each ACE before looking at its rights, for explanations that must never disagree with it.
   */
  public enum Match {
    /** The token holds the trustee. */
    IN_TOKEN(true),
    /** PRINCIPAL SELF, on the principal's own object. */
    PRINCIPAL_SELF(true),
    /** OWNER RIGHTS, and the token holds the owner. */
    OWNER_RIGHTS(true),
    /** The trustee is none of the token's SIDs (CREATOR OWNER and CREATOR GROUP never are). */
    NOT_IN_TOKEN(false),
    /** Inherit-only: for children, never for this object. */
    INHERIT_ONLY(false),
    /** Audit, alarm and other ACEs that never grant or deny. */
    NOT_AN_ACCESS_ACE(false),
    /** A type this tool cannot decode; the check answers "unknown" when it might decide. */
    UNDECODABLE(false);

    private final boolean applies;

    Match(boolean applies) {
      this.applies = applies;
    }

    /** True when the ACE can grant or deny the token something on this object. */
    public boolean applies() {
      return applies;
    }
  }

  /**
   * How {@code ace} of {@code sd}'s DACL stands to {@code token} on the object whose SID is
   * {@code objectSid} (nullable).
   */
  public static Match match(SecurityDescriptor sd, Token token, Sid objectSid, Ace ace) {
    if (ace.isInheritOnly()) {
      return Match.INHERIT_ONLY;
    }
    if (!(ace instanceof TrusteeAce t)) {
      return Match.UNDECODABLE;
    }
    if (t.type().kind() == AceType.Kind.AUDIT) {
      return Match.NOT_AN_ACCESS_ACE;
    }
    boolean ownerInToken = sd.owner() != null && token.contains(sd.owner());
    boolean self = objectSid != null && objectSid.equals(token.user());
    return trustee(t.sid(), token, self, ownerInToken);
  }

  /**
   * The walk of MS-DTYP 2.5.3.2 for each request side by side. {@code trace} may be non-null only
   * with a single request.
   */
  private static Decision[] run(
      SecurityDescriptor sd,
      Token token,
      Sid objectSid,
      AccessRequest[] requests,
      List<TraceStep> trace) {
    int n = requests.length;
    Decision[] decided = new Decision[n];
    int[] remaining = new int[n];
    for (int r = 0; r < n; r++) {
      remaining[r] = AccessMask.mapGeneric(requests[r].mask());
    }
    // MS-DTYP 2.5.3.2: no DACL (or a NULL one) grants every right.
    if (sd.isNullDacl()) {
      Arrays.fill(decided, new Decision.Granted(Decision.Basis.NULL_DACL, -1, null));
      return decided;
    }
    Acl dacl = sd.dacl();
    boolean ownerInToken = sd.owner() != null && token.contains(sd.owner());
    int open = n;
    // The owner implicitly holds READ_CONTROL and WRITE_DAC unless an OWNER RIGHTS ACE says
    // otherwise; then OWNER RIGHTS ACEs stand for the owner instead.
    if (ownerInToken && !hasEffectiveOwnerRightsAce(dacl)) {
      for (int r = 0; r < n; r++) {
        remaining[r] &= ~OWNER_IMPLICIT;
        if (remaining[r] == 0) {
          decided[r] = new Decision.Granted(Decision.Basis.OWNER_IMPLICIT, -1, null);
          open--;
        }
      }
    }
    boolean self = objectSid != null && objectSid.equals(token.user());

    for (int i = 0; i < dacl.size() && open > 0; i++) {
      Ace ace = dacl.get(i);
      if (ace.isInheritOnly()) {
        step(trace, i, ace, TraceStep.Outcome.SKIPPED_INHERIT_ONLY, 0);
        continue;
      }
      if (ace instanceof OpaqueAce o) {
        step(trace, i, ace, TraceStep.Outcome.UNEVALUABLE, 0);
        Decision unknown = new Decision.Unknown(
            i, "ACE " + i + " has type 0x" + Integer.toHexString(o.typeCode())
                + ", which this tool cannot evaluate");
        for (int r = 0; r < n; r++) {
          if (decided[r] == null) {
            decided[r] = unknown;
          }
        }
        return decided;
      }
      TrusteeAce t = (TrusteeAce) ace;
      AceType type = t.type();
      int mask = t.mask();
      Sid sid = t.sid();
      UUID objectType = t.objectType();
      if (objectType != null && n == 1 && !requests[0].covers(objectType)) {
        // ObjectType present: only that branch of the object-type list (absent: everything).
        step(trace, i, ace, TraceStep.Outcome.SKIPPED_OTHER_OBJECT_TYPE, 0);
        continue;
      }
      if (type.kind() == AceType.Kind.AUDIT) {
        step(trace, i, ace, TraceStep.Outcome.SKIPPED_NOT_ACCESS_ACE, 0);
        continue;
      }
      int mapped = AccessMask.mapGeneric(mask);
      if (trace == null && (mapped & undecided(remaining, decided)) == 0) {
        continue; // touches no bit still open: skip the token lookup (the trace keeps full detail)
      }
      if (trustee(sid, token, self, ownerInToken) == Match.NOT_IN_TOKEN) {
        step(trace, i, ace, TraceStep.Outcome.SKIPPED_SID_NOT_IN_TOKEN, 0);
        continue;
      }
      for (int r = 0; r < n; r++) {
        if (decided[r] != null || (objectType != null && !requests[r].covers(objectType))) {
          continue;
        }
        int bits = mapped & remaining[r];
        if (bits == 0) {
          step(trace, i, ace, TraceStep.Outcome.SKIPPED_NO_REQUESTED_BITS, 0);
          continue;
        }
        if (type.isCallback()) {
          step(trace, i, ace, TraceStep.Outcome.UNEVALUABLE, bits);
          decided[r] = new Decision.Unknown(i, "ACE " + i
              + " is a conditional (callback) ACE whose condition cannot be evaluated offline");
          open--;
        } else if (type.kind() == AceType.Kind.DENY) {
          step(trace, i, ace, TraceStep.Outcome.DENIED, bits);
          decided[r] = new Decision.Denied(i, ace, bits);
          open--;
        } else {
          step(trace, i, ace, TraceStep.Outcome.GRANTED, bits);
          remaining[r] &= ~bits;
          if (remaining[r] == 0) {
            decided[r] = new Decision.Granted(Decision.Basis.ACE, i, ace);
            open--;
          }
        }
      }
    }
    for (int r = 0; r < n; r++) {
      if (decided[r] == null) {
        decided[r] = new Decision.NotGranted(remaining[r], dacl.size() == 0);
      }
    }
    return decided;
  }

  /** The bits still open across the requests not yet decided. */
  private static int undecided(int[] remaining, Decision[] decided) {
    int bits = 0;
    for (int r = 0; r < remaining.length; r++) {
      if (decided[r] == null) {
        bits |= remaining[r];
      }
    }
    return bits;
  }

  /**
   * CREATOR OWNER and CREATOR GROUP never match (they are replaced at inheritance); PRINCIPAL SELF
   * matches only on the principal's own object; OWNER RIGHTS matches when the token holds the
   * owner.
   */
  private static Match trustee(Sid sid, Token token, boolean self, boolean ownerInToken) {
    if (token.contains(sid)) {
      return Match.IN_TOKEN;
    }
    if (self && sid.equals(PRINCIPAL_SELF)) {
      return Match.PRINCIPAL_SELF;
    }
    return ownerInToken && sid.equals(OWNER_RIGHTS) ? Match.OWNER_RIGHTS : Match.NOT_IN_TOKEN;
  }

  private static boolean hasEffectiveOwnerRightsAce(Acl dacl) {
    for (int i = 0; i < dacl.size(); i++) {
      Ace ace = dacl.get(i);
      if (ace.isInheritOnly()) {
        continue;
      }
      if (ace instanceof TrusteeAce t && OWNER_RIGHTS.equals(t.sid())) {
        return true;
      }
    }
    return false;
  }

  private static void step(List<TraceStep> trace, int i, Ace ace, TraceStep.Outcome o, int bits) {
    if (trace != null) {
      trace.add(new TraceStep(i, ace, o, bits));
    }
  }
}
