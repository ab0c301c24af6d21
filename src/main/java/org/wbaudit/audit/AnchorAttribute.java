package org.wbaudit.audit;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.wbaudit.sd.Guids;

/**
 * Attributes the sync engine matches objects on, and how it compares their values: two holders
 * of the same compared value in the tenant's scope collide.
 */
public enum AnchorAttribute {
  USER_PRINCIPAL_NAME("userPrincipalName"),
  MAIL("mail"),
  PROXY_ADDRESSES("proxyAddresses"),
  MAIL_NICKNAME("mailNickname"),
  CONSISTENCY_GUID("mS-DS-ConsistencyGuid");

  private final String ldapName;

  AnchorAttribute(String ldapName) {
    this.ldapName = ldapName;
  }

  /** The attribute's lDAPDisplayName. */
  public String ldapName() {
    return ldapName;
  }

  /** By lDAPDisplayName, ignoring case; null when it is not an anchor attribute. */
  public static AnchorAttribute byName(String name) {
    for (AnchorAttribute a : values()) {
      if (a.ldapName.equalsIgnoreCase(name)) {
        return a;
      }
    }
    return null;
  }

  /**
   * The values as the cloud compares them, each once. UPN, mail and mailNickname ignore case;
   * of proxyAddresses only SMTP addresses count, their prefix's case (primary or secondary)
   * ignored, the address compared without case; a consistency GUID is its 16 bytes, shown as a
   * GUID (other lengths as hex). Empty values are no anchor.
   */
  public Set<String> normalise(List<byte[]> raw) {
    Set<String> out = new LinkedHashSet<>();
    for (byte[] value : raw) {
      String v = compared(value);
      if (v != null && !v.isEmpty()) {
        out.add(v);
      }
    }
    return out;
  }

  private String compared(byte[] value) {
    switch (this) {
      case CONSISTENCY_GUID:
        if (value.length == 0) {
          return null;
        }
        return value.length == 16 ? Guids.fromBytes(value).toString()
            : HexFormat.of().formatHex(value);
      case PROXY_ADDRESSES: {
        String s = new String(value, StandardCharsets.UTF_8).trim();
        return s.regionMatches(true, 0, "smtp:", 0, 5)
            ? s.substring(5).trim().toLowerCase(Locale.ROOT) : null;
      }
      default:
        return new String(value, StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT);
    }
  }
}
