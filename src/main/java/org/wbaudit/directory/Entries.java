package org.wbaudit.directory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wbaudit.sd.MalformedDescriptorException;
import org.wbaudit.sd.Sid;

/** Reading attribute values out of search entries, and naming a failed read. */
final class Entries {
  private Entries() {}

  static int intOr(SearchResultEntry e, String attr, int dflt) {
    Long v = longValue(e, attr);
    return v == null ? dflt : v.intValue();
  }

  static long longOr(SearchResultEntry e, String attr, long dflt) {
    Long v = longValue(e, attr);
    return v == null ? dflt : v;
  }

  /**
   * An integer attribute's first value, read from its bytes (several per user: no String made
   * for each); null when absent or not a decimal integer.
   */
  private static Long longValue(SearchResultEntry e, String attr) {
    com.unboundid.ldap.sdk.Attribute a = e.getAttribute(attr);
    byte[] v = a == null ? null : a.getValueByteArray();
    if (v == null) {
      return null;
    }
    int i = 0;
    int end = v.length;
    while (i < end && v[i] == ' ') {
      i++;
    }
    while (end > i && v[end - 1] == ' ') {
      end--;
    }
    boolean negative = i < end && v[i] == '-';
    if (negative || (i < end && v[i] == '+')) {
      i++;
    }
    if (i == end || end - i > 19) {
      return null;
    }
    long n = 0;
    for (; i < end; i++) {
      int d = v[i] - '0';
      if (d < 0 || d > 9) {
        return null;
      }
      n = n * 10 + d;
      if (n < 0) {
        return negative && n == Long.MIN_VALUE && i == end - 1 ? Long.MIN_VALUE : null; // overflow
      }
    }
    return negative ? -n : n;
  }

  static DirectoryException readFailure(String what, LDAPException e) {
    return new DirectoryException(DirectoryException.Kind.READ,
        "reading " + what + " failed: " + LdapResult.of(e.getResultCode())
            + (e.getDiagnosticMessage() != null ? " (" + e.getDiagnosticMessage() + ")" : ""),
        LdapResult.of(e.getResultCode()), e);
  }

  /** Values of an attribute as byte arrays; empty when absent. */
  static List<byte[]> bytes(SearchResultEntry e, String attr) {
    Attribute a = e.getAttribute(attr);
    return a == null ? List.of() : new ArrayList<>(Arrays.asList(a.getValueByteArrays()));
  }

  /** A SID-valued attribute; null when absent or not a SID. */
  static Sid sid(SearchResultEntry e, String attr) {
    byte[] b = e.getAttributeValueBytes(attr);
    if (b == null) {
      return null;
    }
    try {
      return Sid.fromBytes(b);
    } catch (MalformedDescriptorException x) {
      return null;
    }
  }
}
