package org.wbaudit.sd;

import java.util.HashMap;
import java.util.Map;

/**
 * Well-known SIDs with their SDDL aliases (MS-DTYP 2.5.1.1) and display names (MS-DTYP 2.4.2.4).
 *
 * <p>Domain-relative entries ({@link #rid()} >= 0) stand for the domain SID plus a RID, and have
 * a SID only once a domain is known; SDDL readers and writers take that domain as a parameter.
 * A SID with no alias here is written in S-1-... form.
 */
public enum WellKnownSid {
  EVERYONE("WD", "S-1-1-0", "Everyone"),
  CREATOR_OWNER("CO", "S-1-3-0", "CREATOR OWNER"),
  CREATOR_GROUP("CG", "S-1-3-1", "CREATOR GROUP"),
  OWNER_RIGHTS("OW", "S-1-3-4", "OWNER RIGHTS"),
  NETWORK("NU", "S-1-5-2", "NETWORK"),
  INTERACTIVE("IU", "S-1-5-4", "INTERACTIVE"),
  SERVICE("SU", "S-1-5-6", "SERVICE"),
  ANONYMOUS("AN", "S-1-5-7", "ANONYMOUS LOGON"),
  ENTERPRISE_DOMAIN_CONTROLLERS("ED", "S-1-5-9", "ENTERPRISE DOMAIN CONTROLLERS"),
  PRINCIPAL_SELF("PS", "S-1-5-10", "SELF"),
  AUTHENTICATED_USERS("AU", "S-1-5-11", "Authenticated Users"),
  RESTRICTED_CODE("RC", "S-1-5-12", "RESTRICTED"),
  THIS_ORGANIZATION(null, "S-1-5-15", "This Organization"),
  LOCAL_SYSTEM("SY", "S-1-5-18", "SYSTEM"),
  LOCAL_SERVICE("LS", "S-1-5-19", "LOCAL SERVICE"),
  NETWORK_SERVICE("NS", "S-1-5-20", "NETWORK SERVICE"),
  BUILTIN_ADMINISTRATORS("BA", "S-1-5-32-544", "BUILTIN\\Administrators"),
  BUILTIN_USERS("BU", "S-1-5-32-545", "BUILTIN\\Users"),
  BUILTIN_GUESTS("BG", "S-1-5-32-546", "BUILTIN\\Guests"),
  POWER_USERS("PU", "S-1-5-32-547", "BUILTIN\\Power Users"),
  ACCOUNT_OPERATORS("AO", "S-1-5-32-548", "BUILTIN\\Account Operators"),
  SERVER_OPERATORS("SO", "S-1-5-32-549", "BUILTIN\\Server Operators"),
  PRINTER_OPERATORS("PO", "S-1-5-32-550", "BUILTIN\\Print Operators"),
  BACKUP_OPERATORS("BO", "S-1-5-32-551", "BUILTIN\\Backup Operators"),
  REPLICATOR("RE", "S-1-5-32-552", "BUILTIN\\Replicator"),
  PRE_WINDOWS_2000_COMPATIBLE_ACCESS("RU", "S-1-5-32-554", "BUILTIN\\Pre-Windows 2000 Compatible Access"),
  REMOTE_DESKTOP_USERS("RD", "S-1-5-32-555", "BUILTIN\\Remote Desktop Users"),
  NETWORK_CONFIGURATION_OPERATORS("NO", "S-1-5-32-556", "BUILTIN\\Network Configuration Operators"),
  INCOMING_FOREST_TRUST_BUILDERS(null, "S-1-5-32-557", "BUILTIN\\Incoming Forest Trust Builders"),
  PERFORMANCE_MONITOR_USERS("MU", "S-1-5-32-558", "BUILTIN\\Performance Monitor Users"),
  PERFORMANCE_LOG_USERS("LU", "S-1-5-32-559", "BUILTIN\\Performance Log Users"),
  WINDOWS_AUTHORIZATION_ACCESS_GROUP(null, "S-1-5-32-560", "BUILTIN\\Windows Authorization Access Group"),
  TERMINAL_SERVER_LICENSE_SERVERS(null, "S-1-5-32-561", "BUILTIN\\Terminal Server License Servers"),
  DISTRIBUTED_COM_USERS(null, "S-1-5-32-562", "BUILTIN\\Distributed COM Users"),
  IIS_USERS("IS", "S-1-5-32-568", "BUILTIN\\IIS_IUSRS"),
  CRYPTO_OPERATORS("CY", "S-1-5-32-569", "BUILTIN\\Cryptographic Operators"),
  EVENT_LOG_READERS("ER", "S-1-5-32-573", "BUILTIN\\Event Log Readers"),
  CERTIFICATE_SERVICE_DCOM_ACCESS("CD", "S-1-5-32-574", "BUILTIN\\Certificate Service DCOM Access"),
  RDS_REMOTE_ACCESS_SERVERS("RA", "S-1-5-32-575", "BUILTIN\\RDS Remote Access Servers"),
  RDS_ENDPOINT_SERVERS("ES", "S-1-5-32-576", "BUILTIN\\RDS Endpoint Servers"),
  RDS_MANAGEMENT_SERVERS("MS", "S-1-5-32-577", "BUILTIN\\RDS Management Servers"),
  HYPER_V_ADMINS("HA", "S-1-5-32-578", "BUILTIN\\Hyper-V Administrators"),
  ACCESS_CONTROL_ASSISTANCE_OPERATORS("AA", "S-1-5-32-579", "BUILTIN\\Access Control Assistance Operators"),
  REMOTE_MANAGEMENT_USERS("RM", "S-1-5-32-580", "BUILTIN\\Remote Management Users"),
  WRITE_RESTRICTED_CODE("WR", "S-1-5-33", "WRITE RESTRICTED"),
  ALL_APP_PACKAGES("AC", "S-1-15-2-1", "ALL APPLICATION PACKAGES"),
  LOW_INTEGRITY("LW", "S-1-16-4096", "Low Mandatory Level"),
  MEDIUM_INTEGRITY("ME", "S-1-16-8192", "Medium Mandatory Level"),
  MEDIUM_PLUS_INTEGRITY("MP", "S-1-16-8448", "Medium Plus Mandatory Level"),
  HIGH_INTEGRITY("HI", "S-1-16-12288", "High Mandatory Level"),
  SYSTEM_INTEGRITY("SI", "S-1-16-16384", "System Mandatory Level"),

  ENTERPRISE_READONLY_DOMAIN_CONTROLLERS("RO", 498, "Enterprise Read-only Domain Controllers"),
  ADMINISTRATOR("LA", 500, "Administrator"),
  GUEST("LG", 501, "Guest"),
  DOMAIN_ADMINS("DA", 512, "Domain Admins"),
  DOMAIN_USERS("DU", 513, "Domain Users"),
  DOMAIN_GUESTS("DG", 514, "Domain Guests"),
  DOMAIN_COMPUTERS("DC", 515, "Domain Computers"),
  DOMAIN_CONTROLLERS("DD", 516, "Domain Controllers"),
  CERT_PUBLISHERS("CA", 517, "Cert Publishers"),
  SCHEMA_ADMINS("SA", 518, "Schema Admins"),
  ENTERPRISE_ADMINS("EA", 519, "Enterprise Admins"),
  GROUP_POLICY_CREATOR_OWNERS("PA", 520, "Group Policy Creator Owners"),
  READONLY_DOMAIN_CONTROLLERS(null, 521, "Read-only Domain Controllers"),
  CLONEABLE_CONTROLLERS("CN", 522, "Cloneable Domain Controllers"),
  PROTECTED_USERS("AP", 525, "Protected Users"),
  KEY_ADMINS("KA", 526, "Key Admins"),
  ENTERPRISE_KEY_ADMINS("EK", 527, "Enterprise Key Admins"),
  RAS_SERVERS("RS", 553, "RAS and IAS Servers");

  private static final Map<String, WellKnownSid> BY_ALIAS = new HashMap<>();
  private static final Map<Sid, WellKnownSid> BY_SID = new HashMap<>();
  private static final Map<Long, WellKnownSid> BY_RID = new HashMap<>();

  static {
    for (WellKnownSid w : values()) {
      if (w.alias != null) {
        BY_ALIAS.put(w.alias, w);
      }
      if (w.sid != null) {
        BY_SID.put(w.sid, w);
      } else {
        BY_RID.put((long) w.rid, w);
      }
    }
  }

  private final String alias;
  private final Sid sid;
  private final int rid;
  private final String displayName;

  WellKnownSid(String alias, String sid, String displayName) {
    this.alias = alias;
    this.sid = Sid.parse(sid);
    this.rid = -1;
    this.displayName = displayName;
  }

  WellKnownSid(String alias, int rid, String displayName) {
    this.alias = alias;
    this.sid = null;
    this.rid = rid;
    this.displayName = displayName;
  }

  /** The SDDL alias, or null where SDDL has none. */
  public String alias() {
    return alias;
  }

  /** The RID for domain-relative entries, else -1. */
  public int rid() {
    return rid;
  }

  public String displayName() {
    return displayName;
  }

  public boolean isDomainRelative() {
    return sid == null;
  }

  /**
   * The SID; for a domain-relative entry, within {@code domain}.
   *
   * @param domain may be null for entries that are not domain-relative
   * @throws IllegalStateException for a domain-relative entry without a domain
   */
  public Sid sid(Sid domain) {
    if (sid != null) {
      return sid;
    }
    if (domain == null) {
      throw new IllegalStateException(alias + " is relative to a domain and none is known");
    }
    return domain.withRid(rid);
  }

  /** The SID of an entry that is not domain-relative. */
  public Sid sid() {
    return sid(null);
  }

  public static WellKnownSid fromAlias(String alias) {
    return BY_ALIAS.get(alias);
  }

  /**
   * The entry for {@code s}: an absolute match, or a domain-relative one when {@code s} is
   * {@code domain} plus a known RID. Returns null when there is none.
   *
   * @param domain may be null
   */
  public static WellKnownSid lookup(Sid s, Sid domain) {
    WellKnownSid w = BY_SID.get(s);
    if (w != null || domain == null || s.subAuthorityCount() != domain.subAuthorityCount() + 1) {
      return w;
    }
    return s.parent().equals(domain) ? BY_RID.get(s.rid()) : null;
  }
}
