package org.wbaudit.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wbaudit.audit.AuditSummary;

/**
 * The one sentence a report opens with: how many users in the sync scope writeback can serve,
 * why the others cannot (the largest causes, by container), and what stops all of them at once.
 * Plain text; renderers escape it for their format.
 */
final class Headline {
  /** Causes named in the sentence; the report's readiness section lists them all. */
  static final int CAUSES_NAMED = 3;

  private Headline() {}

  static String readiness(AuditSummary.Readiness r) {
    if (r.inScope() == 0) {
      return "No user in the sync scope" + (r.outOfScope() > 0
          ? " (" + n(r.outOfScope()) + " read, none of them synchronized)" : "") + ".";
    }
    StringBuilder b = new StringBuilder();
    b.append(n(r.ready())).append(" of ").append(n(r.inScope())).append(' ')
        .append(r.inScope() == 1 ? "user" : "users").append(" in scope ")
        .append(r.ready() == 1 ? "is" : "are").append(" ready");
    if (r.notReady() > 0) {
      b.append("; ").append(n(r.notReady())).append(r.notReady() == 1 ? " is not" : " are not");
      List<String> named = new ArrayList<>();
      for (AuditSummary.Cause c : r.causes()) {
        if (named.size() == CAUSES_NAMED) {
          break;
        }
        named.add(n(c.users()) + " " + c.rule() + (c.container().isEmpty() ? "" : " under " + c.container()));
      }
      if (!named.isEmpty()) {
        b.append(" — ").append(String.join(", ", named));
        if (r.causes().size() > named.size()) {
          b.append(", …");
        }
      }
    }
    if (r.unknown() > 0) {
      b.append("; ").append(n(r.unknown())).append(" unknown");
    }
    b.append('.');
    if (r.outOfScope() > 0) {
      b.append(' ').append(n(r.outOfScope())).append(" more read but outside the sync scope.");
    }
    for (AuditSummary.Blocker e : r.everyone()) {
      b.append(" For every one of them writeback fails until ").append(e.rule()).append(" (")
          .append(n(e.findings())).append(e.findings() == 1 ? " finding" : " findings")
          .append(e.forest() != null ? " in " + e.forest() : "").append(") is fixed.");
    }
    return b.toString();
  }

  /**
   * The other writeback operations whose readiness differs from the self-service reset's, in a
   * sentence ("Other operations: change 21 of 24 ready, unlock 10 of 24."); empty when none does.
   */
  static String operations(AuditSummary.Readiness r) {
    org.wbaudit.rules.Operations ops = org.wbaudit.rules.Operations.builtIn();
    List<String> named = new ArrayList<>();
    for (org.wbaudit.rules.Operations.Operation op : ops.all().subList(1, ops.all().size())) {
      AuditSummary.OperationReadiness o = r.operations().get(op.id());
      if (o != null && (o.ready() != r.ready() || o.unknown() != r.unknown())) {
        named.add(op.name() + " " + n(o.ready()) + " of " + n(r.inScope()) + " ready"
            + (o.unknown() > 0 ? " (" + n(o.unknown()) + " unknown)" : ""));
      }
    }
    return named.isEmpty() ? "" : "Other writeback operations: " + String.join(", ", named) + ".";
  }

  /** What an audit over LDAP cannot see, so that a clean report never claims it. */
  static String notVisible() {
    List<String> titles = new ArrayList<>();
    org.wbaudit.rules.Operations.builtIn().notVisible().forEach(v -> titles.add(v.title()));
    return "Not checked, as no LDAP audit can see them: " + String.join("; ", titles) + ".";
  }

  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }
}
