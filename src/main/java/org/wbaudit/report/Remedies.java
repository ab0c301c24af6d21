package org.wbaudit.report;

import org.wbaudit.audit.Remediation;

/** How reports speak of a remediation entry's users. */
final class Remedies {
  private Remedies() {}

  /** "1 user", "3 users", "2 inetOrgPerson users": the class is named when it is not user. */
  static String users(Remediation r) {
    String cls = r.objectClass() == null || r.objectClass().equalsIgnoreCase("user") ? ""
        : r.objectClass() + " ";
    return r.users() + " " + cls + (r.users() == 1 ? "user" : "users");
  }
}
