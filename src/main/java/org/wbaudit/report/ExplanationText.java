package org.wbaudit.report;

import java.io.PrintWriter;
import org.wbaudit.audit.Explainer;
import org.wbaudit.audit.RightVerdict;

/** One user's explanation for people: the verdicts first, then the DACL that led to them. */
public final class ExplanationText {
  private ExplanationText() {}

  public static void write(Explainer.UserExplanation e, PrintWriter target) {
    PrintWriter out = new TerminalText(target);
    try {
      lines(e, out);
    } finally {
      out.flush();
    }
  }

  private static void lines(Explainer.UserExplanation e, PrintWriter out) {
    out.println("User:      " + e.dn() + " (" + e.objectClass() + ", " + e.objectSid() + ")");
    out.println("           " + (e.enabled() ? "enabled" : "DISABLED") + (e.lockedOut() ? ", LOCKED OUT" : "")
        + (e.adminCount() ? ", adminCount=1 (AdminSDHolder-protected)" : "")
        + (e.inheritanceDisabled() ? ", INHERITANCE DISABLED (protected DACL)" : ", inheritance on"));
    out.println("Principal: " + e.principalDn() + " (" + e.principalSid() + "), token from " + e.tokenMethod());
    out.println("           " + String.join(", ", e.token().stream().map(Explainer.Trustee::name).toList()));
    if (!"read".equals(e.descriptor())) {
      out.println();
      out.println("The principal cannot read this user's security descriptor: every right is unknown.");
      return;
    }
    out.println();
    out.println("Writeback rights:");
    Explainer.ordered(e).forEach((right, v) -> out.printf("  %-17s %-11s %s%n", right, label(v), v.reason()));
    out.println();
    out.println("How the access check reached them (each ACE it looked at, in order, until it decided):");
    e.traces().forEach((right, steps) -> {
      out.printf("  %-17s", right);
      if (steps.isEmpty()) {
        out.print(" no ACE looked at");
      }
      for (Explainer.TraceLine t : steps) {
        out.print(" " + t.index() + ":" + t.outcome().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      }
      out.println();
    });
    if (!e.pendingPropagation().isEmpty()) {
      out.println();
      out.println("Granted on a parent but not yet on this user (pending propagation):");
      for (Explainer.PendingGrant p : e.pendingPropagation()) {
        out.println("  " + p.right() + ": " + p.ace() + " on " + p.grantedOn());
      }
    }
    out.println();
    out.println("Owner: " + name(e.owner()) + "   Group: " + name(e.group()));
    out.println("DACL (" + e.aces().size() + " ACEs, in the order the DC reads them):");
    for (Explainer.AceLine a : e.aces()) {
      out.printf("  %2d %s %s%n", a.index(), a.appliesToPrincipal() ? "*" : " ",
          a.sddl() != null ? a.sddl() : a.type());
      StringBuilder b = new StringBuilder("       ");
      b.append(a.type()).append(' ').append(a.rights() == null ? "" : a.rights());
      if (a.objectType() != null) {
        b.append(" on ").append(a.objectType());
      }
      if (a.inheritedObjectType() != null) {
        b.append(", for ").append(a.inheritedObjectType());
      }
      if (a.trustee() != null) {
        b.append(" to ").append(name(a.trustee()));
      }
      if (!a.flags().isEmpty()) {
        b.append(" [").append(String.join(", ", a.flags())).append(']');
      }
      out.println(b);
      out.println("       " + a.why());
    }
    out.println();
    out.println("* applies to the principal's token");
  }

  private static String label(RightVerdict v) {
    return v.granted() == null ? "unknown" : v.granted() ? "granted" : "NOT granted";
  }

  private static String name(Explainer.Trustee t) {
    return t == null ? "(none)" : t.name().equals(t.sid()) ? t.sid() : t.name() + " (" + t.sid() + ")";
  }
}
