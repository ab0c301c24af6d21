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
    if (plain(dn)) {
      // A DN as DCs write it: the first comma ends the first component (called once per user).
      int comma = dn.indexOf(',');
      return comma < 0 ? null : dn.substring(comma + 1);
    }
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
    if (plain(a) && plain(b)) {
      // Nothing to unescape or fold but ASCII case: the texts decide (called once per user).
      return a.equalsIgnoreCase(b);
    }
    try {
      return new com.unboundid.ldap.sdk.DN(a).equals(new com.unboundid.ldap.sdk.DN(b));
    } catch (com.unboundid.ldap.sdk.LDAPException e) {
      return false;
    }
  }

  /**
   * Whether the DN is in the form DCs return: printable ASCII with every component "type=value",
   * no escapes, quotes, multi-valued components, or spaces beside a separator or doubled. Such a
   * DN parses to exactly its own text, component by component, so it can be compared and cut
   * as text; anything else goes through the LDAP SDK's parser.
   */
  /** Printable ASCII but the characters the DN syntax escapes or quotes. */
  private static final boolean[] PLAIN_CHAR = new boolean[0x80];

  static {
    for (char c = 0x20; c < 0x7f; c++) {
      PLAIN_CHAR[c] = "\\\"+;<>#".indexOf(c) < 0;
    }
  }

  static boolean plain(String dn) {
    // Called once or twice per user: a table, not a search of a string per character.
    int n = dn.length();
    if (n == 0 || dn.charAt(0) == ' ' || dn.charAt(n - 1) == ' ' || dn.charAt(n - 1) == ',') {
      return false;
    }
    boolean typePart = true;
    char prev = ',';
    for (int i = 0; i < n; i++) {
      char c = dn.charAt(i);
      if (c >= 0x80 || !PLAIN_CHAR[c]) {
        return false;
      }
      if (c == ' ' && (prev == ' ' || prev == ',' || prev == '=' || typePart)) {
        return false;
      }
      if ((c == ',' || c == '=') && prev == ' ') {
        return false;
      }
      if (c == '=') {
        if (!typePart || prev == ',') {
          return false;
        }
        typePart = false;
      } else if (c == ',') {
        if (typePart || prev == '=') {
          return false;
        }
        typePart = true;
      }
      prev = c;
    }
    return !typePart;
  }

  /**
   * The components of a DN, the entry's own first, each as its attribute type and its value with
   * the escapes of the DN's syntax undone (a comma, a line feed, a leading '#' as they are in the
   * name). Empty when the DN does not parse; a multi-valued component gives its first value.
   */
  public static List<String[]> components(String dn) {
    List<String[]> out = new ArrayList<>();
    if (plain(dn)) {
      for (String rdn : dn.split(",")) {
        int eq = rdn.indexOf('=');
        out.add(new String[] {rdn.substring(0, eq), rdn.substring(eq + 1)});
      }
      return out;
    }
    try {
      for (com.unboundid.ldap.sdk.RDN rdn : new com.unboundid.ldap.sdk.DN(dn).getRDNs()) {
        out.add(new String[] {rdn.getAttributeNames()[0], rdn.getAttributeValues()[0]});
      }
    } catch (com.unboundid.ldap.sdk.LDAPException e) {
      return List.of();
    }
    return out;
  }

  /** Whether every component is plain text as DCs write it: nothing to unescape (see {@link #plain}). */
  public static boolean isPlain(String dn) {
    return plain(dn);
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
