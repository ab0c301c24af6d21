package org.wbaudit.directory;

import java.util.ArrayList;
import java.util.List;

/** What wbaudit needs to know of a DN's shape. */
public final class DistinguishedNames {
  private DistinguishedNames() {}

  /** The DNS name of a domain DN (DC=corp,DC=example → corp.example); empty without DC parts. */
  public static String dnsName(String dn) {
    List<String> labels = new ArrayList<>();
    for (String rdn : dn.split(",")) {
      String t = rdn.trim();
      if (t.regionMatches(true, 0, "DC=", 0, 3)) {
        labels.add(t.substring(3));
      }
    }
    return String.join(".", labels).toLowerCase(java.util.Locale.ROOT);
  }

  /** The DN one level up; null for a DN with one component or that does not parse. */
  public static String parentOf(String dn) {
    try {
      com.unboundid.ldap.sdk.DN parent = new com.unboundid.ldap.sdk.DN(dn).getParent();
      return parent == null || parent.isNullDN() ? null : parent.toString();
    } catch (com.unboundid.ldap.sdk.LDAPException e) {
      return null;
    }
  }
}
