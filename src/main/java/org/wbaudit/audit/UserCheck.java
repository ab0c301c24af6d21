package org.wbaudit.audit;

/** One concern about one user; detection only, the texts are in rules/. */
public interface UserCheck {
  void check(AuditedUser user, Findings findings);
}
