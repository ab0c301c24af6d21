package org.wbaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
    List<RunHistory.Run> runs = new ArrayList<>(RunHistory.read(dir, Instant.now()));
    // The last two complete runs whose findings read whole; one that fails here (a string over
    // the parser's limits, say) is named unreadable like any other, and the one before is used.
    List<RunHistory.Run> pair = new ArrayList<>();
    List<List<String>> ids = new ArrayList<>();
    for (int i = runs.size() - 1; i >= 0 && pair.size() < 2; i--) {
      RunHistory.Run r = runs.get(i);
      if (!r.complete() || r.error() != null || r.future()) {
        continue;
      }
      try {
        ids.add(0, r.findingIds());
        pair.add(0, r);
      } catch (IOException | RuntimeException e) {
        runs.set(i, r.unreadable(e.getMessage()));
      }
    }
    List<RunHistory.Run> complete = runs.stream().filter(r -> r.complete() && r.error() == null).toList();
    Map<String, Object> change = null;
    if (pair.size() == 2) {
      Set<String> before = new HashSet<>(ids.get(0));
      Set<String> now = new LinkedHashSet<>(ids.get(1));
      change = new LinkedHashMap<>();
      change.put("from", pair.get(0).file());
      change.put("to", pair.get(1).file());
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
        if (r.future()) {
          m.put("future", true);
        }
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
      StringBuilder line = new StringBuilder("  " + r.point().startedAt() + (r.complete() ? "  " : "  INCOMPLETE  ")
          + (r.future() ? "DATED IN THE FUTURE (never a baseline)  " : ""));
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
