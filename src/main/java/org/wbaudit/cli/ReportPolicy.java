package org.wbaudit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.audit.AcceptedRisks;
import org.wbaudit.audit.Baseline;
import org.wbaudit.report.BaselineReader;
import org.wbaudit.rules.RuleCatalog;

/**
 * What shapes a run's report beyond its format: the baseline it is compared with, the risks
 * accepted, and the key that redacts identities. Read and checked before anything connects,
 * so a broken file costs no audit.
 *
 * @param baseline null without --baseline
 * @param accepted {@link AcceptedRisks#NONE} without --exceptions
 * @param redactionKey null without --redact
 */
record ReportPolicy(Baseline baseline, AcceptedRisks accepted, byte[] redactionKey) {
  /** No baseline, no accepted risks, no redaction. */
  static final ReportPolicy NONE = new ReportPolicy(null, AcceptedRisks.NONE, null);

  static final int MIN_KEY_LENGTH = 16;
  private static final List<String> RISK_KEYS =
      List.of("rule", "object", "justification", "owner", "expires");

  /** Streams the report: a baseline may hold a finding per user of a large forest. */
  static Baseline baseline(Path file) {
    regularFile(file, "--baseline");
    try {
      return BaselineReader.read(() -> Files.newInputStream(file), file.getFileName().toString());
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, "--baseline: " + file + ": " + e.getMessage());
    } catch (IOException e) {
      throw unreadable(file, "--baseline", e);
    }
  }

  static AcceptedRisks accepted(Path file, RuleCatalog catalog, LocalDate today) {
    JsonNode root = json(file, "--exceptions");
    JsonNode list = root.get("exceptions");
    if (!root.isObject() || list == null || !list.isArray()) {
      throw new UserError(ExitCode.USAGE, "--exceptions: " + file
          + ": must be a JSON object with an \"exceptions\" array");
    }
    List<AcceptedRisks.AcceptedRisk> risks = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      String at = "--exceptions: " + file + ": exceptions[" + i + "]";
      if (!n.isObject()) {
        throw new UserError(ExitCode.USAGE, at + ": must be an object");
      }
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!RISK_KEYS.contains(k)) {
          throw new UserError(ExitCode.USAGE, at + "." + k + ": unknown key (known keys: "
              + String.join(", ", RISK_KEYS) + ")");
        }
      }
      Map<String, String> v = new LinkedHashMap<>();
      for (String k : RISK_KEYS) {
        JsonNode x = n.get(k);
        if (x == null || !x.isTextual() || x.asText().isBlank()) {
          throw new UserError(ExitCode.USAGE, at + "." + k + ": missing or empty (every accepted"
              + " risk needs a rule, an object, a justification, an owner and an expiry date)");
        }
        v.put(k, x.asText());
      }
      try {
        catalog.get(v.get("rule"));
      } catch (IllegalArgumentException e) {
        throw new UserError(ExitCode.USAGE, at + ".rule: " + v.get("rule") + " is not a rule of"
            + " the catalogue");
      }
      LocalDate expires;
      try {
        expires = LocalDate.parse(v.get("expires"));
      } catch (DateTimeParseException e) {
        throw new UserError(ExitCode.USAGE, at + ".expires: \"" + v.get("expires")
            + "\" is not a date (YYYY-MM-DD)");
      }
      risks.add(new AcceptedRisks.AcceptedRisk(v.get("rule"), v.get("object"),
          v.get("justification"), v.get("owner"), expires));
    }
    return new AcceptedRisks(risks, today);
  }

  static byte[] redactionKey(String variable, Map<String, String> env) {
    String key = env.get(variable);
    if (key == null || key.length() < MIN_KEY_LENGTH) {
      throw new UserError(ExitCode.USAGE, "--redact: set " + variable + " to a secret of at least "
          + MIN_KEY_LENGTH + " characters; reports redacted with the same key can be compared");
    }
    return key.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode json(Path file, String option) {
    regularFile(file, option);
    try {
      JsonNode n = new ObjectMapper().readTree(Files.readString(file));
      if (n == null) {
        throw new UserError(ExitCode.USAGE, option + ": " + file + " is empty");
      }
      return n;
    } catch (IOException e) {
      throw unreadable(file, option, e);
    }
  }

  /** A FIFO or a device would block the read or never end: only regular files are read. */
  private static void regularFile(Path file, String option) {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new UserError(ExitCode.USAGE, option + ": " + file + " is not a regular file");
    }
  }

  private static UserError unreadable(Path file, String option, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new UserError(ExitCode.USAGE, option + ": " + file + ": no such file");
    }
    if (e instanceof JsonProcessingException j) {
      return new UserError(ExitCode.USAGE, option + ": " + file + (j.getLocation() != null
          ? ": line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() : "")
          + ": not valid JSON (truncated?): " + j.getOriginalMessage());
    }
    return new UserError(ExitCode.USAGE, option + ": cannot read " + file + ": " + e.getMessage());
  }
}
