package org.wbaudit.syncconfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sync engine's configuration as far as writeback depends on it: which forests it reads, as
 * which account, which users (partitions, containers, group, provisioning rules), and whether it
 * writes passwords back at all. Read from the files an admin exports ({@link EntraConnectExport},
 * {@link CloudSyncSchema}); nothing here talks to a directory.
 *
 * @param kind which engine
 * @param source the folder or file it was read from
 * @param server the sync server's name; null when the export does not say (Cloud Sync)
 * @param version the engine's configuration version; null when not said
 * @param stagingMode whether the server is in staging mode (it then never writes back); null
 *     when not said
 * @param writebackEnabled whether password writeback is on; null when not said
 * @param passwordHashSync whether password hash sync is on; null when not said
 * @param groupFiltering whether group filtering is on (Entra Connect's optional feature)
 * @param optionalFeatures the engine's optional features as it names them, with their values
 * @param connectors one per forest the engine reads
 */
public record SyncEngine(Kind kind, String source, String server, String version,
    Boolean stagingMode, Boolean writebackEnabled, Boolean passwordHashSync, boolean groupFiltering,
    Map<String, String> optionalFeatures, List<AdConnector> connectors) {
  public SyncEngine {
    optionalFeatures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(optionalFeatures));
    connectors = List.copyOf(connectors);
  }

  /** The engines wbaudit reads the configuration of, with the report's name for each. */
  public enum Kind {
    ENTRA_CONNECT_SYNC("entra-connect-sync"),
    ENTRA_CLOUD_SYNC("entra-cloud-sync");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The connector for a forest, by its DNS name (case ignored); null when there is none. */
  public AdConnector connectorFor(String forest) {
    for (AdConnector c : connectors) {
      if (c.forest().equalsIgnoreCase(forest)) {
        return c;
      }
    }
    return null;
  }

  /** The forests the engine has a connector for. */
  public List<String> forests() {
    return connectors.stream().map(AdConnector::forest).toList();
  }

  /** An account as the engine names it: user name and the domain it logs on to. */
  public record Account(String user, String domain) {
    /** DOMAIN\\user, as the engine shows it. */
    @Override
    public String toString() {
      return domain == null || domain.isEmpty() ? user : domain + "\\" + user;
    }
  }

  /**
   * The group whose members alone are synchronized.
   *
   * @param dn the group
   * @param nestedLevels how many levels of nested groups count: 0 for Entra Connect (direct
   *     members only), 1 for Cloud Sync (members of groups that are members)
   */
  public record GroupScope(String dn, int nestedLevels) {}

  /**
   * One domain the connector can read.
   *
   * @param dn the domain's DN
   * @param dnsName its DNS name, when the export says
   * @param netbiosName its NetBIOS name, when the export says
   * @param selected whether the connector reads it
   * @param objectClasses the object classes it reads there; empty when the export does not say
   *     (then users and inetOrgPersons are read)
   * @param inclusions containers whose objects are read, nearest enclosing one deciding
   * @param exclusions containers whose objects are not read
   * @param account the partition's own connector account; null for the connector's
   */
  public record Partition(String dn, String dnsName, String netbiosName, boolean selected,
      List<String> objectClasses, List<String> inclusions, List<String> exclusions,
      Account account) {
    public Partition {
      objectClasses = List.copyOf(objectClasses);
      inclusions = List.copyOf(inclusions);
      exclusions = List.copyOf(exclusions);
    }

    /** Whether this partition reads objects of {@code objectClass}. */
    public boolean reads(String objectClass) {
      return objectClasses.isEmpty() || objectClasses.stream().anyMatch(c -> c.equalsIgnoreCase(objectClass));
    }
  }

  /**
   * An AD connector: one forest.
   *
   * @param id its GUID as the export writes it
   * @param name its name in the engine
   * @param forest the forest's DNS name
   * @param account the account it runs as
   * @param partitions every partition it knows, selected or not
   * @param group the scoping group; null for none
   * @param passwordHashSync whether it synchronizes password hashes; null when not said
   * @param rules the inbound synchronization rules for this connector, by precedence
   */
  public record AdConnector(String id, String name, String forest, Account account,
      List<Partition> partitions, GroupScope group, Boolean passwordHashSync, List<SyncRule> rules) {
    public AdConnector {
      partitions = List.copyOf(partitions);
      rules = List.copyOf(rules);
    }

    /** The partition for the domain {@code dn} (case ignored); null when the export has none. */
    public Partition partition(String dn) {
      for (Partition p : partitions) {
        if (p.dn().equalsIgnoreCase(dn)) {
          return p;
        }
      }
      return null;
    }

    /** The account that reads {@code partition}: its own, else the connector's. */
    public Account accountFor(Partition partition) {
      return partition != null && partition.account() != null ? partition.account() : account;
    }

    /** The attributes every decision about its users reads, beyond the DN. */
    public List<String> attributes() {
      List<String> out = new ArrayList<>();
      for (SyncRule r : rules) {
        for (List<Condition> all : r.scope()) {
          for (Condition c : all) {
            add(out, c.operator().readsMembership() ? "memberOf" : c.attribute());
          }
        }
        if (r.cloudFiltered() != null) {
          r.cloudFiltered().attributes().forEach(a -> add(out, a));
        }
      }
      if (group != null) {
        add(out, "memberOf");
      }
      return out;
    }

    private static void add(List<String> out, String attribute) {
      if (attribute.equalsIgnoreCase("dn") || attribute.equalsIgnoreCase("distinguishedName")) {
        return;
      }
      if (out.stream().noneMatch(a -> a.equalsIgnoreCase(attribute))) {
        out.add(attribute);
      }
    }
  }

  /**
   * One inbound synchronization rule from AD.
   *
   * @param id its GUID
   * @param name its name, as the engine shows it
   * @param file the exported file it came from
   * @param sourceObjectType the AD object class it applies to (user, inetOrgPerson, …)
   * @param provisions whether it provisions (link type Provision) rather than only joins
   * @param precedence lower comes first
   * @param disabled whether it is switched off
   * @param standard whether it is one of the engine's own rules (it carries an immutable tag)
   * @param scope its scoping filter: the conditions inside a group all hold, any group will do;
   *     empty for every object
   * @param cloudFiltered its flow into the metaverse's cloudFiltered attribute; null for none
   */
  public record SyncRule(String id, String name, String file, String sourceObjectType,
      boolean provisions, int precedence, boolean disabled, boolean standard,
      List<List<Condition>> scope, Expression cloudFiltered) {
    public SyncRule {
      scope = scope.stream().map(List::copyOf).toList();
    }

    public boolean appliesTo(String objectClass) {
      return sourceObjectType.equalsIgnoreCase(objectClass);
    }
  }

  /**
   * One condition of a scoping filter: an AD attribute, an operator and a value.
   *
   * @param operatorName the operator as the export spells it (kept for one the engine has and
   *     wbaudit does not know)
   */
  public record Condition(String attribute, Operator operator, String operatorName, String value) {
    @Override
    public String toString() {
      return attribute + " " + operatorName + (value == null || value.isEmpty() ? "" : " " + value);
    }
  }

  /** The scoping filter's operators, as the export spells them. */
  public enum Operator {
    EQUAL, NOTEQUAL, STARTSWITH, NOTSTARTSWITH, ENDSWITH, NOTENDSWITH, CONTAINS, NOTCONTAINS,
    ISNULL, ISNOTNULL, ISBITSET, ISBITNOTSET, ISMEMBEROF, ISNOTMEMBEROF,
    /** An operator wbaudit does not know: the rule's scope cannot be decided. */
    UNKNOWN;

    static Operator parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return UNKNOWN;
      }
    }

    boolean readsMembership() {
      return this == ISMEMBEROF || this == ISNOTMEMBEROF;
    }
  }
}
