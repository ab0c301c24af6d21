package org.wbaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintWriter;
import org.wbaudit.report.TerminalText;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wbaudit.events.EventCatalog;
import org.wbaudit.events.EventLogReader;
import org.wbaudit.events.Triage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wbaudit events}: triage exported Application logs of the Azure AD Connect server. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = {
      "Reads Application logs exported from the Azure AD Connect server (wevtutil qe Application"
          + " /f:xml, or Event Viewer's CSV), counts the password writeback events by ID and"
          + " source over time, pairs each operation's start with its outcome, explains each ID"
          + " and names the audit rules that can confirm its cause. Unknown IDs are counted."
    })
final class EventsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Exported logs, XML or CSV.")
  List<Path> files;

  @Mixin ViewFormat view;

  @Override
  public Integer call() throws IOException {
    // Sources and texts come from the exported log: nothing of them may drive the terminal.
    PrintWriter err = new TerminalText(spec.commandLine().getErr());
    PrintWriter out = view.json() ? spec.commandLine().getOut()
        : new TerminalText(spec.commandLine().getOut());
    EventCatalog catalog = EventCatalog.builtIn();
    Triage triage = new Triage(catalog);
    List<EventLogReader.Problem> problems = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new UserError(ExitCode.USAGE, f + ": no such file");
      }
      try {
        EventLogReader.read(f, triage::add, problems::add);
      } catch (NoSuchFileException e) {
        throw new UserError(ExitCode.USAGE, f + ": no such file");
      }
    }
    for (EventLogReader.Problem p : problems) {
      err.println("wbaudit: " + p.where() + ": " + p.what());
    }
    Triage.Result r = triage.result();
    if (view.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("files", files.stream().map(Path::toString).toList());
      doc.put("eventsRead", r.eventsRead());
      doc.put("first", r.first());
      doc.put("last", r.last());
      doc.put("complete", problems.isEmpty());
      doc.put("problems", problems);
      doc.put("events", r.events());
      doc.put("codes", r.codes());
      doc.put("operations", r.operations());
      out.println(new ObjectMapper().registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    } else {
      text(r, problems, out);
    }
    out.flush();
    err.flush();
    return problems.isEmpty() ? ExitCode.OK.code() : ExitCode.INVALID_INPUT.code();
  }

  private static void text(Triage.Result r, List<EventLogReader.Problem> problems, PrintWriter out) {
    out.println("Events read: " + r.eventsRead() + (r.first() != null ? ", " + r.first() + " to " + r.last() : ""));
    if (!r.operations().isEmpty()) {
      out.println();
      out.println("Operations (start → outcome):");
      for (Triage.Operation o : r.operations()) {
        out.printf("  %-12s started %d, succeeded %d, failed %d, no outcome yet %d, outcome without start %d%n",
            o.operation(), o.started(), o.succeeded(), o.failed(), o.unfinished(), o.withoutStart());
      }
    }
    out.println();
    out.println("By event:");
    for (Triage.EventCount e : r.events()) {
      out.printf("  %5d %-20s %-32s %6d  %s .. %s%n", e.eventId(), e.source(),
          e.known() ? e.name() : "(not a writeback event wbaudit knows)", e.count(), e.first(), e.last());
      if (e.known()) {
        out.println("        " + e.explanation());
        out.println("        what to do: " + e.remedy());
        if (!e.rules().isEmpty()) {
          out.println("        confirm with the audit: " + String.join(", ", e.rules()));
        }
      }
    }
    if (!r.codes().isEmpty()) {
      out.println();
      out.println("Codes in event texts:");
      for (Triage.CodeCount c : r.codes()) {
        out.printf("  %-12s %6d  %s%s%n", c.match(), c.count(), c.explanation(),
            c.rules().isEmpty() ? "" : " (confirm: " + String.join(", ", c.rules()) + ")");
      }
    }
    if (!problems.isEmpty()) {
      out.println();
      out.println("INCOMPLETE: " + problems.size() + " record(s) or part(s) could not be read (listed on standard error).");
    }
  }
}
