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

  /**
   * Whether {@code dn} is {@code base} or below it, comparing as the directory does (case and
   * spacing of the DN's syntax ignored). False when either does not parse.
   */
  public static boolean isAtOrBelow(String dn, String base) {
    try {
      return new com.unboundid.ldap.sdk.DN(dn).isDescendantOf(new com.unboundid.ldap.sdk.DN(base), true);
    } catch (com.unboundid.ldap.sdk.LDAPException e) {
      return false;
    }
  }

  /** Whether two DNs name the same entry; false when either does not parse. */
  public static boolean same(String a, String b) {
    try {
      return new com.unboundid.ldap.sdk.DN(a).equals(new com.unboundid.ldap.sdk.DN(b));
    } catch (com.unboundid.ldap.sdk.LDAPException e) {
      return false;
    }
  }

  /** Whether the text parses as a DN with at least one component. */
  public static boolean isValid(String dn) {
    try {
      return !new com.unboundid.ldap.sdk.DN(dn).isNullDN();
    } catch (com.unboundid.ldap.sdk.LDAPException e) {
      return false;
    }
  }
}
