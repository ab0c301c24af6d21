package org.wbaudit.audit;

/**
 * One concern about one user; detection only, the texts are in rules/. Registered in
 * {@link UserChecks}, the one place that lists them.
 */
public interface UserCheck {
  void check(UserContext user, Findings findings);
}
