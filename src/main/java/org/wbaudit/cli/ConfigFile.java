package org.wbaudit.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.wbaudit.audit.AnchorAttribute;
import org.wbaudit.audit.SyncScope;
import org.wbaudit.directory.DistinguishedNames;
import org.wbaudit.directory.ConnectionSettings;
import org.wbaudit.directory.LdapUrl;

/**
 * The {@code --config} file: which forests to audit, how to reach each, and which anchor
 * attributes to compare. Every mistake is reported with the file, the key's path
 * ({@code forests[1].url}) and what is wrong; unknown keys are mistakes too, so a misspelt
 * option never silently falls back to a default.
 */
record ConfigFile(List<Forest> forests, List<AnchorAttribute> anchors, Path history, Integer keepRuns,
    Path syncConfig, Path cloudSyncSchema) {
  /** One forest entry. Optional values are null (or the defaults shown) when absent. */
  record Forest(String name, LdapUrl url, String bindDn, String passwordEnv, Path passwordFile,
      boolean trustAll, Path trustStore, String principal, int pageSize, int readConnections,
      int connectTimeout, int timeout, List<LdapUrl> dcUrls, List<String> searchBases,
      SyncScope.Settings scope, boolean kerberos, Path keytab, Path krb5Conf, String dcHostname) {}

  static final int DEFAULT_PAGE_SIZE = 500;
  static final int DEFAULT_READ_CONNECTIONS = 2;
  static final int DEFAULT_CONNECT_TIMEOUT = 10;
  static final int DEFAULT_TIMEOUT = 120;

  private static final List<String> TOP_KEYS = List.of("forests", "anchors", "history", "keepRuns",
      "syncConfig", "cloudSyncSchema");
  private static final List<String> FOREST_KEYS = List.of("name", "url", "bindDn", "passwordEnv",
      "passwordFile", "trustAll", "trustStore", "principal", "pageSize", "readConnections",
      "connectTimeout", "timeout", "dcUrls", "searchBases", "scope", "auth", "keytab", "krb5Conf",
      "dcHostname");
  private static final List<String> SCOPE_KEYS = List.of("ous", "excludeOus", "group");

  /** @throws UserError (exit 2) naming the file, the key and the problem */
  static ConfigFile read(Path file) {
    JsonNode root;
    try {
      // A key given twice would silently win or lose: refuse it, as any other mistake.
      root = new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new UserError(ExitCode.USAGE, file + ": no such file");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new UserError(ExitCode.USAGE, file + (at != null
          ? ": line " + at.getLineNr() + ", column " + at.getColumnNr() : "")
          + ": not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UserError(ExitCode.USAGE, file + ": cannot read: " + e.getMessage());
    }
    Reader r = new Reader(file);
    if (root == null || !root.isObject()) {
      throw r.error("", "must be a JSON object with a \"forests\" array");
    }
    r.onlyKnownKeys(root, "", TOP_KEYS);
    JsonNode list = root.get("forests");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw r.error("forests", "must be a non-empty array of forest entries");
    }
    List<Forest> forests = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Forest f = r.forest(list.get(i), "forests[" + i + "]");
      if (!names.add(f.name().toLowerCase(Locale.ROOT))) {
        throw r.error("forests[" + i + "].name", "\"" + f.name() + "\" names two forests");
      }
      if (f.krb5Conf() != null && !forests.isEmpty()) {
        for (Forest other : forests) {
          if (other.krb5Conf() != null && !other.krb5Conf().equals(f.krb5Conf())) {
            // Java's Kerberos reads one configuration per process.
            throw r.error("forests[" + i + "].krb5Conf", "every forest must name the same Kerberos"
                + " configuration (one krb5.conf can hold every realm): " + other.krb5Conf()
                + " and " + f.krb5Conf() + " differ");
          }
        }
      }
      forests.add(f);
    }
    JsonNode history = root.get("history");
    if (history != null && (!history.isTextual() || history.asText().isBlank())) {
      throw r.error("history", "must be a directory path, not " + history);
    }
    JsonNode keep = root.get("keepRuns");
    if (keep != null && (!keep.isInt() || keep.asInt() < 1 || keep.asInt() > 100_000)) {
      throw r.error("keepRuns", "must be a whole number from 1 to 100000, not " + keep);
    }
    if (keep != null && history == null) {
      throw r.error("keepRuns", "means nothing without \"history\"");
    }
    String syncConfig = r.text(root, "", "syncConfig", false);
    String cloudSync = r.text(root, "", "cloudSyncSchema", false);
    if (syncConfig != null && cloudSync != null) {
      throw r.error("", "\"syncConfig\" and \"cloudSyncSchema\" exclude each other: a forest is"
          + " synchronized by one engine");
    }
    if (syncConfig != null || cloudSync != null) {
      String key = syncConfig != null ? "syncConfig" : "cloudSyncSchema";
      for (int i = 0; i < forests.size(); i++) {
        if (!forests.get(i).scope().equals(SyncScope.Settings.ALL)) {
          throw r.error("forests[" + i + "].scope", "the sync scope comes from \"" + key + "\": give"
              + " one of the two");
        }
        if (syncConfig != null && forests.get(i).principal() != null) {
          throw r.error("forests[" + i + "].principal", "the connector account comes from"
              + " \"syncConfig\": give one of the two");
        }
      }
    }
    return new ConfigFile(forests, r.anchors(root.get("anchors")),
        history == null ? null : r.path("history", history.asText()), keep == null ? null : keep.asInt(),
        syncConfig == null ? null : r.path("syncConfig", syncConfig),
        cloudSync == null ? null : r.path("cloudSyncSchema", cloudSync));
  }

  /** Reads values, naming the file and key in every error. */
  private record Reader(Path file) {
    UserError error(String key, String problem) {
      return new UserError(ExitCode.USAGE, file + (key.isEmpty() ? "" : ": " + key) + ": " + problem);
    }

    /**
     * A path from the file: one the system cannot name (a NUL, say) is a mistake of the key, and
     * control characters are refused too, so that no message prints them raw.
     */
    Path path(String key, String value) {
      for (int i = 0; i < value.length(); i++) {
        if (Character.isISOControl(value.charAt(i))) {
          throw error(key, "holds a control character (U+" + String.format("%04X", (int) value.charAt(i))
              + "): not a usable path");
        }
      }
      try {
        return Path.of(value);
      } catch (java.nio.file.InvalidPathException e) {
        throw error(key, "not a usable path: " + e.getReason());
      }
    }

    void onlyKnownKeys(JsonNode object, String at, List<String> known) {
      for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!known.contains(k)) {
          String hint = known.stream().filter(x -> x.equalsIgnoreCase(k)).findFirst()
              .map(x -> " (did you mean \"" + x + "\"?)")
              .orElse(" (known keys: " + String.join(", ", known) + ")");
          throw error(at.isEmpty() ? k : at + "." + k, "unknown key" + hint);
        }
      }
    }

    Forest forest(JsonNode n, String at) {
      if (!n.isObject()) {
        throw error(at, "must be an object");
      }
      onlyKnownKeys(n, at, FOREST_KEYS);
      String name = text(n, at, "name", true);
      if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
        throw error(at + ".name", "\"" + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
            + "\" may hold only letters, digits, '.', '_' and '-', at most 64 of them"
            + " (it names report files)");
      }
      LdapUrl url = url(n.get("url"), at + ".url");
      String auth = text(n, at, "auth", false);
      if (auth != null && !auth.equals("simple") && !auth.equals("kerberos")) {
        throw error(at + ".auth", "must be \"simple\" or \"kerberos\", not \"" + auth + "\"");
      }
      boolean kerberos = "kerberos".equals(auth);
      String keytab = text(n, at, "keytab", false);
      String krb5Conf = text(n, at, "krb5Conf", false);
      for (String key : List.of("keytab", "krb5Conf")) {
        if (!kerberos && n.has(key)) {
          throw error(at + "." + key, "needs \"auth\": \"kerberos\"");
        }
      }
      // With Kerberos a ticket cache can name the account; everything else needs it.
      String bindDn = text(n, at, "bindDn", !kerberos || keytab != null);
      String env = text(n, at, "passwordEnv", false);
      String pwFile = text(n, at, "passwordFile", false);
      if ((env != null && pwFile != null) || (!kerberos && env == null && pwFile == null)) {
        throw error(at, "give exactly one of \"passwordEnv\" and \"passwordFile\" (a configuration"
            + " file runs unattended: no prompt), or \"auth\": \"kerberos\"");
      }
      if (keytab != null && (env != null || pwFile != null)) {
        throw error(at + ".keytab", "a keytab and a password exclude each other");
      }
      boolean trustAll = bool(n, at, "trustAll");
      String trustStore = text(n, at, "trustStore", false);
      if (trustAll && trustStore != null) {
        throw error(at, "\"trustAll\" and \"trustStore\" exclude each other");
      }
      List<LdapUrl> dcUrls = new ArrayList<>();
      JsonNode dcs = n.get("dcUrls");
      if (dcs != null) {
        if (!dcs.isArray()) {
          throw error(at + ".dcUrls", "must be an array of ldaps:// or ldap:// URLs");
        }
        for (int i = 0; i < dcs.size(); i++) {
          dcUrls.add(url(dcs.get(i), at + ".dcUrls[" + i + "]"));
        }
      }
      List<String> bases = dns(n.get("searchBases"), at + ".searchBases");
      String overlap = SearchBases.overlap(bases);
      if (overlap != null) {
        throw error(at + ".searchBases", overlap);
      }
      SyncScope.Settings scope = SyncScope.Settings.ALL;
      JsonNode sc = n.get("scope");
      if (sc != null) {
        if (!sc.isObject()) {
          throw error(at + ".scope", "must be an object with \"ous\", \"excludeOus\" and \"group\"");
        }
        onlyKnownKeys(sc, at + ".scope", SCOPE_KEYS);
        String group = text(sc, at + ".scope", "group", false);
        if (group != null && !DistinguishedNames.isValid(group)) {
          throw error(at + ".scope.group", "must be a DN, not \"" + group + "\"");
        }
        scope = new SyncScope.Settings(dns(sc.get("ous"), at + ".scope.ous"),
            dns(sc.get("excludeOus"), at + ".scope.excludeOus"), group);
      }
      return new Forest(name, url, bindDn, env, pwFile == null ? null : path(at + ".passwordFile", pwFile),
          trustAll, trustStore == null ? null : path(at + ".trustStore", trustStore),
          text(n, at, "principal", false),
          integer(n, at, "pageSize", DEFAULT_PAGE_SIZE, 1, 10_000),
          integer(n, at, "readConnections", DEFAULT_READ_CONNECTIONS, 1, ConnectionSettings.MAX_READERS),
          integer(n, at, "connectTimeout", DEFAULT_CONNECT_TIMEOUT, 1, 3600),
          integer(n, at, "timeout", DEFAULT_TIMEOUT, 1, 86_400), dcUrls, bases, scope, kerberos,
          keytab == null ? null : path(at + ".keytab", keytab),
          krb5Conf == null ? null : path(at + ".krb5Conf", krb5Conf),
          text(n, at, "dcHostname", false));
    }

    /** An optional array of DNs; empty when absent. */
    private List<String> dns(JsonNode b, String at) {
      List<String> out = new ArrayList<>();
      if (b == null) {
        return out;
      }
      if (!b.isArray()) {
        throw error(at, "must be an array of DNs");
      }
      for (int i = 0; i < b.size(); i++) {
        if (!b.get(i).isTextual() || !DistinguishedNames.isValid(b.get(i).asText())) {
          throw error(at + "[" + i + "]", "must be a DN, not " + b.get(i));
        }
        out.add(b.get(i).asText());
      }
      return out;
    }

    List<AnchorAttribute> anchors(JsonNode n) {
      if (n == null) {
        return List.of(AnchorAttribute.values());
      }
      if (!n.isArray()) {
        throw error("anchors", "must be an array of attribute names");
      }
      List<AnchorAttribute> out = new ArrayList<>();
      for (int i = 0; i < n.size(); i++) {
        JsonNode v = n.get(i);
        AnchorAttribute a = v.isTextual() ? AnchorAttribute.byName(v.asText()) : null;
        if (a == null) {
          List<String> known = new ArrayList<>();
          for (AnchorAttribute x : AnchorAttribute.values()) {
            known.add(x.ldapName());
          }
          throw error("anchors[" + i + "]", v + " is not an anchor attribute wbaudit compares ("
              + String.join(", ", known) + ")");
        }
        if (out.contains(a)) {
          throw error("anchors[" + i + "]", a.ldapName() + " is listed twice");
        }
        out.add(a);
      }
      return out;
    }

    private String text(JsonNode n, String at, String key, boolean required) {
      String where = at.isEmpty() ? key : at + "." + key;
      JsonNode v = n.get(key);
      if (v == null || v.isNull()) {
        if (required) {
          throw error(where, "missing");
        }
        return null;
      }
      if (!v.isTextual() || v.asText().isBlank()) {
        throw error(where, "must be a non-empty string, not " + v);
      }
      return v.asText();
    }

    private boolean bool(JsonNode n, String at, String key) {
      JsonNode v = n.get(key);
      if (v == null) {
        return false;
      }
      if (!v.isBoolean()) {
        throw error(at + "." + key, "must be true or false, not " + v);
      }
      return v.asBoolean();
    }

    private int integer(JsonNode n, String at, String key, int dflt, int min, int max) {
      JsonNode v = n.get(key);
      if (v == null) {
        return dflt;
      }
      if (!v.isInt() || v.asInt() < min || v.asInt() > max) {
        throw error(at + "." + key, "must be a whole number from " + min + " to " + max + ", not " + v);
      }
      return v.asInt();
    }

    private LdapUrl url(JsonNode v, String at) {
      if (v == null || !v.isTextual()) {
        throw error(at, v == null ? "missing" : "must be a string, not " + v);
      }
      try {
        return LdapUrl.parse(v.asText());
      } catch (IllegalArgumentException e) {
        throw error(at, e.getMessage());
      }
    }
  }
}
