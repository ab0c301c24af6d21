package org.wbaudit.directory;

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
}
