package org.wbaudit.directory;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.Arrays;
import java.util.List;

/**
 * What a server says of itself in its root DSE, as far as wbaudit cares.
 *
 * @param supportedControls supportedControl values (duplicates removed)
 * @param supportedCapabilities supportedCapabilities values
 * @param domainControllerFunctionality the DC's functional level, or -1 when absent
 * @param defaultNamingContext the domain NC; null when absent
 */
public record RootDse(
    List<String> supportedControls,
    List<String> supportedCapabilities,
    int domainControllerFunctionality,
    String defaultNamingContext,
    String configurationNamingContext,
    String schemaNamingContext,
    String rootDomainNamingContext,
    String dnsHostName,
    String serverName,
    long highestCommittedUsn) {

  public RootDse {
    supportedControls = List.copyOf(supportedControls);
    supportedCapabilities = List.copyOf(supportedCapabilities);
  }

  /** An AD DC announces the Active Directory capability and its functional level. */
  public boolean isActiveDirectory() {
    return supportedCapabilities.contains(Oids.CAPABILITY_ACTIVE_DIRECTORY)
        && domainControllerFunctionality >= 0
        && defaultNamingContext != null;
  }

  public boolean supportsControl(String oid) {
    return supportedControls.contains(oid);
  }

  /** Reads the root DSE over {@code c}; an empty one when the server returns none. */
  static RootDse read(LDAPConnection c) throws LDAPException {
    SearchResultEntry e = c.getEntry("", "supportedControl", "supportedCapabilities",
        "domainControllerFunctionality", "defaultNamingContext", "configurationNamingContext",
        "schemaNamingContext", "rootDomainNamingContext", "dnsHostName", "serverName",
        "highestCommittedUSN");
    if (e == null) {
      return new RootDse(List.of(), List.of(), -1, null, null, null, null, null, null, -1);
    }
    String[] controls = e.getAttributeValues("supportedControl");
    String[] capabilities = e.getAttributeValues("supportedCapabilities");
    return new RootDse(
        controls == null ? List.of() : Arrays.stream(controls).distinct().toList(),
        capabilities == null ? List.of() : Arrays.asList(capabilities),
        Entries.intOr(e, "domainControllerFunctionality", -1),
        e.getAttributeValue("defaultNamingContext"),
        e.getAttributeValue("configurationNamingContext"),
        e.getAttributeValue("schemaNamingContext"),
        e.getAttributeValue("rootDomainNamingContext"),
        e.getAttributeValue("dnsHostName"),
        e.getAttributeValue("serverName"),
        Entries.longOr(e, "highestCommittedUSN", -1));
  }
}
