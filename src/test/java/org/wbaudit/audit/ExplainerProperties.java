package org.wbaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.wbaudit.access.AccessCheck;
import org.wbaudit.access.Decision;
import org.wbaudit.access.Token;
import org.wbaudit.access.UserRights;
import org.wbaudit.access.UserRightsEvaluator;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.directory.SchemaNames;
import org.wbaudit.sd.DescriptorArbitraries;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sid;
import org.wbaudit.sd.WellKnownSid;

/**
 * {@code explain} shows the audit's own decision, never a second reading of the DACL: on random
 * descriptors (OWNER RIGHTS, PRINCIPAL SELF, CREATOR OWNER, inherit-only, object types and
 * property sets among them) and tokens that may or may not hold the owner or be the object.
 */
class ExplainerProperties {
  static final Sid DOMAIN = DescriptorArbitraries.DOMAIN;
  static final Sid SYNC = DOMAIN.withRid(1105);

  @Provide
  Arbitrary<SecurityDescriptor> descriptors() {
    return DescriptorArbitraries.anyDescriptors();
  }

  /** Tokens holding some of the SIDs the arbitraries use, owners and SELF's object included. */
  @Provide
  Arbitrary<Token> tokens() {
    return Arbitraries.subsetOf(DOMAIN.withRid(512), DOMAIN.withRid(1106), DOMAIN.withRid(1107),
            WellKnownSid.BUILTIN_ADMINISTRATORS.sid())
        .map(groups -> Token.networkLogon(SYNC, Set.copyOf(groups)));
  }

  @Provide
  Arbitrary<Sid> objects() {
    return Arbitraries.of(SYNC, DOMAIN.withRid(1200));
  }

  @Property(tries = 1500)
  void theAcesExplainMarksAndTheDecidingOnesAreTheAudits(@ForAll("descriptors") SecurityDescriptor sd,
      @ForAll("tokens") Token token, @ForAll("objects") Sid object) {
    UserRights audit = new UserRightsEvaluator(token, 4)
        .decide(sd, WritebackRight.Guid.USER_CLASS, object);
    List<Explainer.AceLine> lines = Explainer.aceLines(sd, token, object, DOMAIN, SchemaNames.empty(),
        s -> new Explainer.Trustee(s.toString(), s.toString()));
    Map<String, List<Explainer.TraceLine>> traces =
        Explainer.traces(sd, token, object, WritebackRight.Guid.USER_CLASS);
    for (WritebackRight r : WritebackRight.PER_USER) {
      Decision decided = audit.get(r);
      AccessCheck.Explanation alone =
          AccessCheck.explain(sd, token, object, r.request(WritebackRight.Guid.USER_CLASS));
      assertEquals(decided, alone.decision(), r + ": the traced check decides as the audit does");
      Integer deciding = decided instanceof Decision.Granted g && g.ace() != null ? (Integer) g.aceIndex()
          : decided instanceof Decision.Denied d ? (Integer) d.aceIndex() : null;
      if (deciding != null) {
        assertTrue(lines.get(deciding).appliesToPrincipal(),
            r + ": the deciding ACE " + deciding + " is marked as applying: " + lines.get(deciding));
        Explainer.TraceLine last = traces.get(r.key()).get(traces.get(r.key()).size() - 1);
        assertEquals((int) deciding, last.index(), r + ": the trace ends at the deciding ACE");
      }
      for (Explainer.TraceLine step : traces.get(r.key())) {
        boolean applies = lines.get(step.index()).appliesToPrincipal();
        switch (step.outcome()) {
          case "GRANTED", "DENIED", "SKIPPED_NO_REQUESTED_BITS" ->
              assertTrue(applies, r + ": ACE " + step.index() + " acted, so it applies");
          case "SKIPPED_SID_NOT_IN_TOKEN", "SKIPPED_INHERIT_ONLY", "SKIPPED_NOT_ACCESS_ACE" ->
              assertFalse(applies, r + ": ACE " + step.index() + " was passed over: " + step.outcome());
          default -> { }
        }
      }
    }
  }
}
