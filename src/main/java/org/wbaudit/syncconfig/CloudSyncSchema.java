package org.wbaudit.syncconfig;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entra Cloud Sync's scope, from the job's synchronization schema as an admin saves it
 * ({@code GET /servicePrincipals/{id}/synchronization/jobs/{jobId}/schema}): the rule that
 * provisions from AD to Entra ID names its domain ({@code sourceDirectoryName}), the containers
 * it reads ({@code containerFilter.includedContainers}) and the groups whose members alone it
 * reads ({@code groupFilter.includedGroups}: direct members and members of groups that are
 * direct members, as Cloud Sync documents). The schema names no account: Cloud Sync's gMSA is
 * found in the directory.
 */
public final class CloudSyncSchema {
  /** A job's schema is a few hundred KB. */
  static final long MAX_BYTES = 32L * 1024 * 1024;

  /** Cloud Sync documents no support for a scoping group larger than this. */
  public static final int MAX_GROUP_MEMBERS = 50_000;

  private CloudSyncSchema() {}

  /**
   * @throws SyncConfigException naming the file and the key that is wrong
   */
  public static SyncEngine read(Path file) {
    XmlTree.checkRegular(file, MAX_BYTES);
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(200).maxStringLength(1_000_000).build()).build();
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = new ObjectMapper(factory).readTree(in);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new SyncConfigException(file + (at != null ? ": line " + at.getLineNr() + ", column "
          + at.getColumnNr() : ""), "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new SyncConfigException(file.toString(), "cannot read: " + e.getMessage());
    }
    if (root == null || !root.isObject() || !root.path("synchronizationRules").isArray()) {
      throw new SyncConfigException(file.toString(), "not a Cloud Sync job's schema: expected an"
          + " object with \"synchronizationRules\" (GET /servicePrincipals/{id}/synchronization/jobs/{jobId}/schema)");
    }
    JsonNode rules = root.get("synchronizationRules");
    List<SyncEngine.AdConnector> connectors = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      JsonNode r = rules.get(i);
      String at = file + ": synchronizationRules[" + i + "]";
      String target = r.path("targetDirectoryName").asText("");
      String source = r.path("sourceDirectoryName").asText("");
      // The rule that provisions from AD into Entra ID; others (writeback rules) run the other way.
      if (!target.toLowerCase(Locale.ROOT).contains("azureactivedirectory")
          && !target.toLowerCase(Locale.ROOT).contains("entra")) {
        continue;
      }
      if (source.isEmpty() || !source.contains(".")) {
        throw new SyncConfigException(at + ".sourceDirectoryName", "must be the AD domain's DNS name, not \""
            + source + "\"");
      }
      String domainDn = dnOf(source);
      List<String> containers = strings(r.path("containerFilter").path("includedContainers"),
          at + ".containerFilter.includedContainers");
      List<String> groups = strings(r.path("groupFilter").path("includedGroups"),
          at + ".groupFilter.includedGroups");
      if (groups.size() > 1) {
        throw new SyncConfigException(at + ".groupFilter.includedGroups", "names " + groups.size()
            + " groups; wbaudit reads the scope of one scoping group");
      }
      SyncEngine.Partition p = new SyncEngine.Partition(domainDn, source, null, true,
          List.of("user", "inetOrgPerson"), containers.isEmpty() ? List.of(domainDn) : containers,
          List.of(), null);
      connectors.add(new SyncEngine.AdConnector(r.path("id").asText(null), r.path("name").asText(null),
          forestOf(source), null, List.of(p),
          groups.isEmpty() ? null : new SyncEngine.GroupScope(groups.get(0), 1), null, List.of()));
    }
    if (connectors.isEmpty()) {
      throw new SyncConfigException(file + ": synchronizationRules", "no rule provisions from Active"
          + " Directory into Entra ID (targetDirectoryName AzureActiveDirectory): not Cloud Sync's schema");
    }
    return new SyncEngine(SyncEngine.Kind.ENTRA_CLOUD_SYNC, file.toString(), null,
        root.path("version").isTextual() ? root.get("version").asText() : null, null, null, null,
        false, Map.of(), connectors);
  }

  private static List<String> strings(JsonNode n, String at) {
    List<String> out = new ArrayList<>();
    if (n.isMissingNode() || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw new SyncConfigException(at, "must be an array of DNs");
    }
    for (int i = 0; i < n.size(); i++) {
      if (!n.get(i).isTextual() || !n.get(i).asText().contains("=")) {
        throw new SyncConfigException(at + "[" + i + "]", "must be a DN, not " + n.get(i));
      }
      out.add(n.get(i).asText());
    }
    return out;
  }

  /** corp.example → DC=corp,DC=example. */
  static String dnOf(String dnsName) {
    List<String> parts = new ArrayList<>();
    for (String label : dnsName.split("\\.")) {
      parts.add("DC=" + label);
    }
    return String.join(",", parts);
  }

  /**
   * The forest a domain belongs to is not in the schema; the domain stands for it, and the audit
   * pairs it with the forest whose root domain or whose audited domain it is.
   */
  private static String forestOf(String domain) {
    return domain.toLowerCase(Locale.ROOT);
  }
}
