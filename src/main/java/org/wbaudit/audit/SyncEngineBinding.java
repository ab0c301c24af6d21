package org.wbaudit.audit;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.directory.DistinguishedNames;
import org.wbaudit.directory.ProtectionDirectory;
import org.wbaudit.rules.RuleId;
import org.wbaudit.rules.ScopeRules;
import org.wbaudit.syncconfig.CloudSyncSchema;
import org.wbaudit.syncconfig.ConnectorScope;
import org.wbaudit.syncconfig.SyncEngine;

/**
 * A sync engine's exported configuration bound to the forest and domain an audit reads: the
 * connector for that forest, the partition of that domain, the account it runs as (the audited
 * principal) and the scope it reads. Built before the audit starts; a forest the export has no
 * connector for, or an account that does not log on to the audited domain, stops the audit
 * with a message naming both.
 */
final class SyncEngineBinding {
  private final SyncEngine engine;
  private final SyncEngine.AdConnector connector;
  private final SyncEngine.Partition partition;
  private final String domainDn;

  private SyncEngineBinding(SyncEngine engine, SyncEngine.AdConnector connector,
      SyncEngine.Partition partition, String domainDn) {
    this.engine = engine;
    this.connector = connector;
    this.partition = partition;
    this.domainDn = domainDn;
  }

  /**
   * The engine's connector for the forest of {@code session}: by the forest's root domain, else
   * (Cloud Sync, whose schema names a domain) by the audited domain, else by the run's name for
   * the forest.
   *
   * @throws DirectoryException SETTINGS when the export has no connector for it
   */
  static SyncEngineBinding bind(SyncEngine engine, DirectorySession session, String forestName)
      throws DirectoryException {
    String domainDn = session.rootDse().defaultNamingContext();
    String root = session.rootDse().rootDomainNamingContext();
    String forestDns = root == null ? null : DistinguishedNames.dnsName(root);
    SyncEngine.AdConnector c = forestDns == null ? null : engine.connectorFor(forestDns);
    if (c == null) {
      c = engine.connectorFor(DistinguishedNames.dnsName(domainDn));
    }
    if (c == null && forestName != null) {
      c = engine.connectorFor(forestName);
    }
    if (c == null) {
      throw new DirectoryException(DirectoryException.Kind.SETTINGS, engine.source() + ": the sync"
          + " configuration has no connector for the forest " + (forestDns != null ? forestDns : domainDn)
          + " (it reads " + String.join(", ", engine.forests()) + "): audit a DC of one of those, or give"
          + " this forest's sync configuration", null, null);
    }
    return new SyncEngineBinding(engine, c, c.partition(domainDn), domainDn);
  }

  SyncEngine engine() {
    return engine;
  }

  SyncEngine.AdConnector connector() {
    return connector;
  }

  /**
   * The account the connector reads this domain as; null when the configuration names none
   * (Cloud Sync: its gMSA is found in the directory).
   *
   * @throws DirectoryException SETTINGS when it logs on to another domain than the audited one
   */
  SyncEngine.Account account(String domainDnsName) throws DirectoryException {
    SyncEngine.Account a = connector.accountFor(partition);
    if (a == null) {
      return null;
    }
    String d = a.domain();
    if (d != null && !d.isEmpty() && !d.equalsIgnoreCase(domainDnsName)
        && (partition == null || (!d.equalsIgnoreCase(partition.dnsName()) && !d.equalsIgnoreCase(partition.netbiosName())))) {
      throw new DirectoryException(DirectoryException.Kind.SETTINGS, engine.source() + ": the connector"
          + " account " + a + " logs on to the domain " + d + ", and the DC audited serves " + domainDnsName
          + ": audit a DC of " + d + " (an account's groups are read in its own domain)", null, null);
    }
    return a;
  }

  /** Why the account is the audited principal, for the report. */
  String why(SyncEngine.Account a) {
    return engine.kind().label() + " configuration " + engine.source() + ": the connector '"
        + connector.name() + "' reads " + connector.forest() + " as " + a
        + (partition != null && partition.account() != null ? " (the partition's own account)" : "");
  }

  /**
   * The scope the connector reads in this domain. The scoping group must exist; with Cloud Sync,
   * whose group scope takes members of groups that are direct members, its direct members are read.
   *
   * @throws DirectoryException NOT_FOUND when the scoping group does not exist
   */
  SyncScope scope(DomainContext ctx, ScopeRules rules, Findings findings) throws DirectoryException {
    Set<String> members = new HashSet<>();
    SyncEngine.GroupScope group = connector.group();
    if (group != null && isInThisDomain(group.dn())) {
      if (!ctx.reader().exists(group.dn())) {
        throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, engine.source() + ": the scoping"
            + " group " + group.dn() + " does not exist (or the audited account cannot see it) in "
            + domainDn, null, null);
      }
      if (group.nestedLevels() > 0 || engine.kind() == SyncEngine.Kind.ENTRA_CLOUD_SYNC) {
        List<String> direct = new ProtectionDirectory(ctx.session()).members(group.dn());
        direct.forEach(m -> members.add(normal(m)));
        if (engine.kind() == SyncEngine.Kind.ENTRA_CLOUD_SYNC
            && direct.size() > CloudSyncSchema.MAX_GROUP_MEMBERS) {
          Map<String, Object> d = new LinkedHashMap<>();
          d.put("group", group.dn());
          d.put("members", direct.size());
          d.put("supported", CloudSyncSchema.MAX_GROUP_MEMBERS);
          findings.emit(RuleId.CLOUD_SYNC_GROUP_TOO_LARGE, group.dn(), "Cloud Sync's scoping group "
              + group.dn() + " has " + direct.size() + " members; Cloud Sync supports at most "
              + CloudSyncSchema.MAX_GROUP_MEMBERS, d);
        }
      }
    }
    return new SyncScope(new ConnectorScope(engine, connector, rules::nameOfTerm, members),
        ctx.principal().dn());
  }

  private boolean isInThisDomain(String dn) {
    return DistinguishedNames.isAtOrBelow(dn, domainDn);
  }

  private static String normal(String dn) {
    // ConnectorScope compares a user's memberOf values with these in its own normal form.
    return org.wbaudit.syncconfig.ConnectorScope.normalDn(dn);
  }

  /**
   * The run-wide facts of the configuration, checked once per forest: writeback off (stops
   * everyone), staging mode, and the forest's domains the connector does not read.
   */
  void check(List<String> forestDomains, Findings findings) {
    if (Boolean.FALSE.equals(engine.writebackEnabled())) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("source", engine.source());
      d.put("server", engine.server());
      findings.emit(RuleId.WRITEBACK_NOT_ENABLED, null, "Password writeback is off in "
          + describeServer() + ": no reset or change from the cloud is written back", d);
    }
    if (Boolean.TRUE.equals(engine.stagingMode())) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("source", engine.source());
      d.put("server", engine.server());
      findings.emit(RuleId.SYNC_STAGING_MODE, null, describeServer() + " is in staging mode: it"
          + " never writes a password back; the active server does", d);
    }
    if (engine.kind() == SyncEngine.Kind.ENTRA_CONNECT_SYNC) {
      for (String dn : forestDomains) {
        SyncEngine.Partition p = connector.partition(dn);
        if (p == null || !p.selected()) {
          Map<String, Object> d = new LinkedHashMap<>();
          d.put("domain", dn);
          d.put("connector", connector.name());
          findings.emit(RuleId.SYNC_DOMAIN_NOT_SELECTED, null, "The connector '" + connector.name()
              + "' does not read the domain " + dn + " (not a selected partition): its users are out"
              + " of scope", d);
        }
      }
    }
  }

  private String describeServer() {
    return "the sync server " + (engine.server() != null ? engine.server() + " " : "") + "("
        + engine.source() + ")";
  }

  /** This forest as the report's syncEngine lists it. */
  Map<String, Object> describeForest(String forestName) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", forestName);
    f.put("connector", connector.name());
    f.put("account", connector.account() == null ? null : connector.account().toString());
    f.put("partitions", connector.partitions().stream().filter(SyncEngine.Partition::selected)
        .map(SyncEngine.Partition::dn).toList());
    return f;
  }

  /** The engine as the report's syncEngine states it, without its forests. */
  static Map<String, Object> describe(SyncEngine engine) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", engine.kind().label());
    d.put("source", engine.source());
    d.put("server", engine.server());
    d.put("version", engine.version());
    d.put("stagingMode", engine.stagingMode());
    d.put("writebackEnabled", engine.writebackEnabled());
    d.put("passwordHashSync", engine.passwordHashSync());
    d.put("groupFiltering", engine.groupFiltering());
    d.put("optionalFeatures", engine.optionalFeatures());
    return d;
  }
}
