package org.wbaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.wbaudit.cli.Main;

/** One wbaudit run in-process: exit code, what it printed, and the JSON report if it wrote one. */
public record Run(int exitCode, String out, String err, JsonNode report) {
  public static Run wbaudit(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
        new PrintWriter(err), env);
    return new Run(code, out.toString(), err.toString(), null);
  }

  /** Runs an audit writing JSON to a temporary file, and reads the report back. */
  public static Run audit(String... args) {
    return audit(Map.of(), args);
  }

  /** As {@link #audit(String...)}, with these environment variables. */
  public static Run audit(Map<String, String> env, String... args) {
    try {
      Path report = Files.createTempFile("wbaudit-report", ".json");
      Files.delete(report);
      String[] all = new String[args.length + 4];
      all[0] = "audit";
      System.arraycopy(args, 0, all, 1, args.length);
      all[args.length + 1] = "--output";
      all[args.length + 2] = report.toString();
      all[args.length + 3] = "--quiet";
      Run r = wbaudit(env, all);
      JsonNode json = Files.exists(report) ? new ObjectMapper().readTree(report.toFile()) : null;
      Files.deleteIfExists(report);
      return new Run(r.exitCode, r.out, r.err, json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The object entry for a DN, its rights' verdicts in place of their ids; or null. */
  public JsonNode object(String dn) {
    for (JsonNode o : report.get("objects")) {
      if (o.get("dn").asText().equalsIgnoreCase(dn)) {
        return org.wbaudit.report.ReportJson.inlined(report, o);
      }
    }
    return null;
  }

  /** Every finding, one per object (findings about several objects split). */
  public java.util.List<JsonNode> findings() {
    return org.wbaudit.report.ReportJson.perObject(report);
  }

  /** Whether a finding of this rule names this DN (null: any DN). */
  public boolean hasFinding(String rule, String dn) {
    for (JsonNode f : findings()) {
      if (f.get("rule").asText().equals(rule)
          && (dn == null || dn.equalsIgnoreCase(f.path("dn").asText()))) {
        return true;
      }
    }
    return false;
  }
}
