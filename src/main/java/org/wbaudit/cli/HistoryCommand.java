package org.wbaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.wbaudit.report.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wbaudit history}: the trend kept by {@code --history}, without auditing. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the runs kept in a --history directory, oldest first: when each started, whether"
          + " it was complete, the share of in-scope users ready per forest and the findings by"
          + " severity; then what changed between the last two complete runs. Reads only."
    })
final class HistoryCommand implements Callable<Integer> {
  private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "The directory given to audit --history.")
  Path dir;

  @Mixin ViewFormat view;

  @Override
  public Integer call() throws Exception {
    List<RunHistory.Run> runs = RunHistory.read(dir);
    List<RunHistory.Run> complete = runs.stream().filter(r -> r.complete() && r.error() == null).toList();
    Map<String, Object> change = null;
    if (complete.size() >= 2) {
      Set<String> before = new HashSet<>(complete.get(complete.size() - 2).findingIds());
      Set<String> now = new LinkedHashSet<>(complete.get(complete.size() - 1).findingIds());
      change = new LinkedHashMap<>();
      change.put("from", complete.get(complete.size() - 2).file());
      change.put("to", complete.get(complete.size() - 1).file());
      change.put("new", now.stream().filter(id -> !before.contains(id)).toList());
      change.put("resolved", before.stream().filter(id -> !now.contains(id)).sorted().toList());
    }
    if (view.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("history", dir.toString());
      doc.put("runs", runs.stream().map(r -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.file());
        m.put("complete", r.complete());
        if (r.point() != null) {
          m.put("startedAt", r.point().startedAt());
          m.put("readyPercent", r.point().readyPercent());
          m.put("findingsBySeverity", r.point().bySeverity());
        } else {
          m.put("error", r.error());
        }
        return m;
      }).toList());
      doc.put("sincePrevious", change);
      PrintWriter out = spec.commandLine().getOut();
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
      out.flush();
      return ExitCode.OK.code();
    }
    // Forest names and ids come from reports on disk: nothing of them may drive the terminal.
    PrintWriter out = new TerminalText(spec.commandLine().getOut());
    out.printf("History in %s: %d run(s), %d complete%n", dir, runs.size(), complete.size());
    for (RunHistory.Run r : runs) {
      if (r.error() != null) {
        out.printf("  %s: %s%n", r.file(), r.error());
        continue;
      }
      StringBuilder line = new StringBuilder("  " + r.point().startedAt() + (r.complete() ? "  " : "  INCOMPLETE  "));
      r.point().readyPercent().forEach((forest, pct) -> line.append(forest).append(' ')
          .append(pct == null ? "no users in scope" : String.format("%.1f%% ready", pct)).append("  "));
      line.append("findings:");
      for (String s : SEVERITIES) {
        line.append(' ').append(s).append(' ').append(r.point().bySeverity().getOrDefault(s, 0L));
      }
      out.println(line);
    }
    if (change != null) {
      List<?> added = (List<?>) change.get("new");
      List<?> resolved = (List<?>) change.get("resolved");
      out.printf("Since the previous complete run: %d new, %d resolved%n", added.size(), resolved.size());
      added.forEach(id -> out.println("  new: " + id));
      resolved.forEach(id -> out.println("  resolved: " + id));
    }
    out.flush();
    return ExitCode.OK.code();
  }
}
