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

  private static Long longValue(SearchResultEntry e, String attr) {
    String v = e.getAttributeValue(attr);
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException x) {
      return null;
    }
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
