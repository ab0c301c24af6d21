package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The ready-made schedules in examples/ stay in step with the options and keys they use. */
class ExamplesTest {
  static final Path EXAMPLES = Path.of("examples");

  /** Parses a wbaudit command line as the real command tree does, without running it. */
  private static CommandLine.ParseResult parse(List<String> args) {
    CommandLine cl = new CommandLine(new Main(), new Main.Factory(System.in, Environment.ofProcess()));
    return cl.parseArgs(args.toArray(String[]::new));
  }

  /** The words of the ExecStart line (continuations joined), after the program. */
  static List<String> execStartArgs(String unit) {
    String joined = unit.replace("\\\n", " ");
    for (String line : joined.split("\n")) {
      if (line.startsWith("ExecStart=")) {
        List<String> words = new ArrayList<>(Arrays.asList(line.substring(10).trim().split("\\s+")));
        words.remove(0);
        return words;
      }
    }
    throw new AssertionError("no ExecStart line");
  }

  @Test
  void theSystemdServiceRunsAnAuditThisVersionAccepts() throws Exception {
    List<String> args = execStartArgs(Files.readString(EXAMPLES.resolve("systemd/wbaudit.service")));
    CommandLine.ParseResult r = parse(args);
    assertEquals("audit", r.subcommand().commandSpec().name());
    assertTrue(r.subcommand().hasMatchedOption("--config"), args.toString());
  }

  @Test
  void theWatchServiceRunsAWatchThisVersionAccepts() throws Exception {
    List<String> args = execStartArgs(Files.readString(EXAMPLES.resolve("systemd/wbaudit-watch.service")));
    CommandLine.ParseResult r = parse(args);
    assertEquals("watch", r.subcommand().commandSpec().name());
    assertTrue(r.subcommand().hasMatchedOption("--history"), args.toString());
    assertTrue(r.subcommand().hasMatchedOption("--interval"), args.toString());
    // What watch passes on to each audit must parse as audit's own options.
    List<String> audit = new ArrayList<>(List.of("audit"));
    audit.addAll(r.subcommand().unmatched());
    CommandLine.ParseResult a = parse(audit);
    assertTrue(a.subcommand().hasMatchedOption("--config"), audit.toString());
  }

  @Test
  void theCronLineRunsAnAuditThisVersionAccepts() throws Exception {
    String line = Files.readAllLines(EXAMPLES.resolve("cron/wbaudit.cron")).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank()).findFirst().orElseThrow();
    // minute hour day month weekday user program args...; the command ends at the redirection
    List<String> words = Arrays.asList(line.split("\\s+"));
    assertEquals("wbaudit", words.get(5), "runs as the unprivileged user");
    assertEquals(List.of("umask", "077;"), words.subList(6, 8), "what the run writes stays private");
    assertEquals("/opt/wbaudit/wbaudit", words.get(8));
    List<String> args = new ArrayList<>();
    for (String w : words.subList(9, words.size())) {
      if (w.startsWith("2>")) {
        break;
      }
      args.add(w);
    }
    assertEquals("audit", parse(args).subcommand().commandSpec().name());
  }

  @Test
  void theExampleConfigurationReadsAndKeepsAHistory() {
    ConfigFile c = ConfigFile.read(EXAMPLES.resolve("systemd/wbaudit.json"));
    assertEquals(Path.of("/var/lib/wbaudit/history"), c.history());
    // The password file is where systemd's LoadCredential puts it for this unit.
    assertEquals(Path.of("/run/credentials/wbaudit.service/sync-password"),
        c.forests().get(0).passwordFile());
  }
}
