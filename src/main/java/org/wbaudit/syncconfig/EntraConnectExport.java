package org.wbaudit.syncconfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Entra Connect Sync's configuration as {@code Get-ADSyncServerConfiguration -Path DIR} exports
 * it: {@code Connectors/Connector_{GUID}.xml} (one per connector), {@code GlobalSettings/MV.xml}
 * and {@code SynchronizationRules/SynchronizationRule_{GUID}.xml}. What is read, by element:
 *
 * <ul>
 *   <li>AD connectors ({@code ma-data/category} AD): {@code private-configuration/adma-configuration}
 *       ({@code forest-name}, {@code forest-login-user}, {@code forest-login-domain},
 *       {@code password-hash-sync-config/enabled}, the parameter
 *       {@code Connector.GroupFilteringGroupDn}) and each {@code ma-partition-data/partition}
 *       ({@code name}, {@code selected}, {@code filter/object-classes}, {@code filter/containers},
 *       {@code custom-data/adma-partition-data} with its own {@code login-user}/{@code login-domain});
 *   <li>the Entra ID connector: {@code private-configuration/MAConfig/aad-password-reset-config/enabled};
 *   <li>MV.xml: the server's name, and the parameters {@code Microsoft.OptionalFeature.*},
 *       {@code Microsoft.Synchronize.StagingMode} and {@code …ServerConfigurationVersion};
 *   <li>each inbound rule of an AD connector: its scoping filter, and its {@code cloudFiltered}
 *       flow.
 * </ul>
 */
public final class EntraConnectExport {
  /** The DSML schema is most of an AD connector's file and none of what wbaudit reads. */
  private static final Set<String> SKIP = Set.of("schema", "ma-run-data");

  /** An export with more files than this is not one server's configuration. */
  static final int MAX_FILES = 10_000;

  private EntraConnectExport() {}

  /**
   * Reads the export in {@code dir}.
   *
   * @throws SyncConfigException naming the folder or file and the element that is wrong
   */
  public static SyncEngine read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new SyncConfigException(dir.toString(), Files.exists(dir)
          ? "not a folder: give the folder Get-ADSyncServerConfiguration -Path wrote"
          : "no such folder");
    }
    List<Path> connectorFiles = files(dir.resolve("Connectors"), "Connector_");
    if (connectorFiles.isEmpty()) {
      throw new SyncConfigException(dir.toString(), "not an export of Get-ADSyncServerConfiguration:"
          + " no Connectors/Connector_{GUID}.xml in it");
    }
    Path mvFile = dir.resolve("GlobalSettings").resolve("MV.xml");
    if (!Files.exists(mvFile)) {
      throw new SyncConfigException(dir.toString(), "not a whole export: GlobalSettings/MV.xml is missing");
    }
    List<Path> ruleFiles = files(dir.resolve("SynchronizationRules"), "SynchronizationRule_");
    if (ruleFiles.isEmpty()) {
      throw new SyncConfigException(dir.toString(), "not a whole export: no"
          + " SynchronizationRules/SynchronizationRule_{GUID}.xml in it");
    }

    List<XmlTree.Node> adConnectors = new ArrayList<>();
    List<Path> adFiles = new ArrayList<>();
    Boolean writeback = null;
    for (Path f : connectorFiles) {
      XmlTree.Node ma = root(f, "ma-data");
      String category = ma.text("category");
      if ("AD".equalsIgnoreCase(category)) {
        adConnectors.add(ma);
        adFiles.add(f);
      } else {
        String reset = ma.text("private-configuration", "MAConfig", "aad-password-reset-config", "enabled");
        if (reset != null) {
          writeback = flag(reset, f, "private-configuration/MAConfig/aad-password-reset-config/enabled");
        }
      }
    }
    if (adConnectors.isEmpty()) {
      throw new SyncConfigException(dir.resolve("Connectors").toString(), "no AD connector"
          + " (<category>AD</category>): the export reads no Active Directory forest");
    }

    XmlTree.Node mv = root(mvFile, "saved-mv-configuration");
    Map<String, String> parameters = new LinkedHashMap<>();
    XmlTree.Node values = mv.at("mv-data", "parameter-values");
    if (values != null) {
      for (XmlTree.Node p : values.children("parameter")) {
        if (p.attributes().get("name") != null) {
          parameters.put(p.attributes().get("name"), p.text());
        }
      }
    }
    Map<String, String> features = new LinkedHashMap<>();
    parameters.forEach((k, v) -> {
      if (k.startsWith("Microsoft.OptionalFeature.")) {
        features.put(k.substring("Microsoft.OptionalFeature.".length()), v);
      }
    });
    String mvWriteback = features.get("PasswordWriteback");
    if (writeback == null && mvWriteback != null) {
      writeback = flag(mvWriteback, mvFile, "parameter Microsoft.OptionalFeature.PasswordWriteback");
    } else if (writeback != null && mvWriteback != null
        && writeback != flag(mvWriteback, mvFile, "parameter Microsoft.OptionalFeature.PasswordWriteback")) {
      // The two places disagree: the Entra connector's own switch is what the service reads.
      features.put("PasswordWriteback", mvWriteback + " (the Entra ID connector says " + writeback + ")");
    }
    String staging = parameters.get("Microsoft.Synchronize.StagingMode");
    String phs = features.get("PasswordHashSync");
    String grouping = features.get("GroupFiltering");
    boolean groupFiltering = grouping != null && flag(grouping, mvFile,
        "parameter Microsoft.OptionalFeature.GroupFiltering");

    Map<String, List<SyncEngine.SyncRule>> rulesByConnector = new LinkedHashMap<>();
    for (Path f : ruleFiles) {
      XmlTree.Node r = root(f, "synchronizationRule");
      if (!"Inbound".equalsIgnoreCase(r.text("direction"))) {
        continue;
      }
      String connector = guid(r.text("connector"));
      rulesByConnector.computeIfAbsent(connector, k -> new ArrayList<>()).add(rule(r, f));
    }

    List<SyncEngine.AdConnector> connectors = new ArrayList<>();
    for (int i = 0; i < adConnectors.size(); i++) {
      XmlTree.Node ma = adConnectors.get(i);
      Path f = adFiles.get(i);
      String id = required(ma, f, "id");
      List<SyncEngine.SyncRule> rules = new ArrayList<>(rulesByConnector.getOrDefault(guid(id), List.of()));
      rules.sort(Comparator.comparingInt(SyncEngine.SyncRule::precedence));
      connectors.add(adConnector(ma, f, id, groupFiltering, rules));
    }
    return new SyncEngine(SyncEngine.Kind.ENTRA_CONNECT_SYNC, dir.toString(),
        mv.attributes().get("server"), parameters.get("Microsoft.Synchronize.ServerConfigurationVersion"),
        staging == null ? null : flag(staging, mvFile, "parameter Microsoft.Synchronize.StagingMode"),
        writeback, phs == null ? null : flag(phs, mvFile, "parameter Microsoft.OptionalFeature.PasswordHashSync"),
        groupFiltering, features, connectors);
  }

  private static SyncEngine.AdConnector adConnector(XmlTree.Node ma, Path f, String id,
      boolean groupFiltering, List<SyncEngine.SyncRule> rules) {
    XmlTree.Node adma = ma.at("private-configuration", "adma-configuration");
    if (adma == null) {
      throw new SyncConfigException(f + ": /ma-data/private-configuration/adma-configuration", "missing:"
          + " an AD connector's file holds its forest and account there");
    }
    String forest = adma.text("forest-name");
    if (forest == null || forest.isEmpty()) {
      throw new SyncConfigException(f + ": /ma-data/private-configuration/adma-configuration/forest-name",
          "missing or empty");
    }
    String user = adma.text("forest-login-user");
    if (user == null || user.isEmpty()) {
      throw new SyncConfigException(f + ": /ma-data/private-configuration/adma-configuration/forest-login-user",
          "missing or empty: the connector's account");
    }
    SyncEngine.Account account = new SyncEngine.Account(user, adma.text("forest-login-domain"));
    String phs = adma.text("password-hash-sync-config", "enabled");
    String groupDn = null;
    XmlTree.Node params = adma.child("parameter-values");
    if (params != null) {
      for (XmlTree.Node p : params.children("parameter")) {
        if ("Connector.GroupFilteringGroupDn".equals(p.attributes().get("name")) && !p.text().isEmpty()) {
          groupDn = p.text();
        }
      }
    }
    List<SyncEngine.Partition> partitions = new ArrayList<>();
    XmlTree.Node data = ma.child("ma-partition-data");
    if (data != null) {
      for (XmlTree.Node p : data.children("partition")) {
        partitions.add(partition(p, f));
      }
    }
    if (partitions.stream().noneMatch(SyncEngine.Partition::selected)) {
      throw new SyncConfigException(f + ": /ma-data/ma-partition-data", "no partition is selected: the"
          + " connector reads no domain");
    }
    return new SyncEngine.AdConnector(id, ma.text("name"), forest, account, partitions,
        groupFiltering && groupDn != null ? new SyncEngine.GroupScope(groupDn, 0) : null,
        phs == null ? null : flag(phs, f, "password-hash-sync-config/enabled"), rules);
  }

  private static SyncEngine.Partition partition(XmlTree.Node p, Path f) {
    String where = f + ": /ma-data/ma-partition-data/partition (line " + p.line() + ")";
    String dn = p.text("name");
    if (dn == null || dn.isEmpty()) {
      throw new SyncConfigException(where + "/name", "missing or empty");
    }
    boolean selected = "1".equals(p.text("selected"));
    List<String> classes = texts(p.at("filter", "object-classes"), "object-class");
    XmlTree.Node containers = p.at("filter", "containers");
    List<String> inclusions = texts(containers == null ? null : containers.child("inclusions"), "inclusion");
    List<String> exclusions = texts(containers == null ? null : containers.child("exclusions"), "exclusion");
    XmlTree.Node custom = p.at("custom-data", "adma-partition-data");
    SyncEngine.Account own = null;
    String dns = null;
    if (custom != null) {
      String user = custom.text("login-user");
      if (user != null && !user.isEmpty()) {
        own = new SyncEngine.Account(user, custom.text("login-domain"));
      }
      dns = custom.text("name");
    }
    String netbios = null;
    XmlTree.Node params = p.child("parameter-values");
    if (params != null) {
      for (XmlTree.Node v : params.children("parameter")) {
        String name = v.attributes().get("name");
        if ("Domain.Netbios".equals(name)) {
          netbios = v.text();
        } else if ("Domain.FQDN".equals(name) && dns == null) {
          dns = v.text();
        }
      }
    }
    return new SyncEngine.Partition(dn, dns, netbios, selected, classes, inclusions, exclusions, own);
  }

  private static SyncEngine.SyncRule rule(XmlTree.Node r, Path f) {
    String name = required(r, f, "name");
    String precedence = required(r, f, "precedence");
    int order;
    try {
      order = Integer.parseInt(precedence.trim());
    } catch (NumberFormatException e) {
      throw new SyncConfigException(f + ": /synchronizationRule/precedence", "\"" + precedence
          + "\" is not a number");
    }
    List<List<SyncEngine.Condition>> scope = new ArrayList<>();
    XmlTree.Node criteria = r.child("synchronizationCriteria");
    if (criteria != null) {
      for (XmlTree.Node conditions : criteria.children("conditions")) {
        List<SyncEngine.Condition> all = new ArrayList<>();
        for (XmlTree.Node s : conditions.children("scope")) {
          String attribute = s.text("csAttribute");
          String op = s.text("csOperator");
          if (attribute == null || attribute.isEmpty() || op == null || op.isEmpty()) {
            throw new SyncConfigException(f + ": /synchronizationRule/synchronizationCriteria/conditions/scope"
                + " (line " + s.line() + ")", "needs csAttribute and csOperator");
          }
          all.add(new SyncEngine.Condition(attribute, SyncEngine.Operator.parse(op), op, s.text("csValue")));
        }
        if (!all.isEmpty()) {
          scope.add(all);
        }
      }
    }
    Expression cloudFiltered = null;
    XmlTree.Node mappings = r.child("attribute-mappings");
    if (mappings != null) {
      for (XmlTree.Node m : mappings.children("mapping")) {
        if ("cloudFiltered".equalsIgnoreCase(m.text("dest"))) {
          String expression = m.text("expression");
          if (expression != null && !expression.isEmpty()) {
            cloudFiltered = Expression.parse(expression);
          } else {
            // A direct flow copies one attribute; anything else is not a flow wbaudit reads.
            List<String> attrs = texts(m.child("src"), "attr");
            cloudFiltered = attrs.size() == 1 ? Expression.parse("[" + attrs.get(0) + "]")
                : Expression.notEvaluable("(a flow without an expression)",
                    "its cloudFiltered flow is neither an expression nor one attribute");
          }
        }
      }
    }
    return new SyncEngine.SyncRule(guid(r.text("id")), name, f.getFileName().toString(),
        required(r, f, "sourceObjectType"), "Provision".equalsIgnoreCase(r.text("linkType")), order,
        "True".equalsIgnoreCase(r.text("disabled")),
        r.text("immutable-tag") != null && !r.text("immutable-tag").isEmpty(), scope, cloudFiltered);
  }

  private static XmlTree.Node root(Path f, String expected) {
    XmlTree.Node n = XmlTree.read(f, SKIP);
    if (!n.name().equals(expected)) {
      throw new SyncConfigException(f.toString(), "expected <" + expected + "> at the top, found <"
          + n.name() + ">");
    }
    return n;
  }

  private static String required(XmlTree.Node n, Path f, String child) {
    String v = n.text(child);
    if (v == null || v.isEmpty()) {
      throw new SyncConfigException(f + ": /" + n.name() + "/" + child, "missing or empty");
    }
    return v;
  }

  private static boolean flag(String text, Path f, String what) {
    String t = text.trim();
    if (t.equals("1") || t.equalsIgnoreCase("true")) {
      return true;
    }
    if (t.equals("0") || t.equalsIgnoreCase("false") || t.isEmpty()) {
      return false;
    }
    throw new SyncConfigException(f + ": " + what, "\"" + t + "\" is neither true nor false");
  }

  private static List<String> texts(XmlTree.Node parent, String child) {
    if (parent == null) {
      return List.of();
    }
    return parent.children(child).stream().map(XmlTree.Node::text).filter(t -> !t.isEmpty()).toList();
  }

  /** A GUID as a key: lower case, without braces. */
  static String guid(String text) {
    return text == null ? "" : text.trim().replace("{", "").replace("}", "").toLowerCase(Locale.ROOT);
  }

  /** The regular files of {@code folder} whose names start with {@code prefix} and end .xml. */
  private static List<Path> files(Path folder, String prefix) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      List<Path> out = s.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith(prefix) && n.toLowerCase(Locale.ROOT).endsWith(".xml");
      }).sorted().limit(MAX_FILES + 1L).toList();
      if (out.size() > MAX_FILES) {
        throw new SyncConfigException(folder.toString(), "more than " + MAX_FILES + " files: not one"
            + " server's exported configuration");
      }
      return out;
    } catch (IOException e) {
      throw new SyncConfigException(folder.toString(), "cannot list: " + e.getMessage());
    }
  }
}
