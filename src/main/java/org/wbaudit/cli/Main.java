package org.wbaudit.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wbaudit.report.TerminalText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code wbaudit} command: wires the subcommands and maps failures to exit codes. */
@Command(
    name = "wbaudit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Audits Active Directory for Entra ID self-service password reset writeback: can the sync"
          + " account really reset each user's password, and if not, why. Read-only."
    },
    subcommands = {AuditCommand.class, WatchCommand.class, ConnectorsCommand.class, ExplainCommand.class, EventsCommand.class, HistoryCommand.class, DemoCommand.class, SddlCommand.class, CommandLine.HelpCommand.class},
    exitCodeOnInvalidInput = 2,
    exitCodeOnExecutionException = 70)
public final class Main implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.USAGE.code();
  }

  public static void main(String[] args) {
    System.exit(run(args, System.in, new PrintWriter(System.out, true),
        new PrintWriter(System.err, true), Environment.ofProcess()));
  }

  /** Runs wbaudit without exiting the JVM; tests assert on the returned exit code. */
  public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
    return run(args, in, out, err, Map.of());
  }

  /** As {@link #run(String[], InputStream, PrintWriter, PrintWriter)}, with these variables. */
  public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err,
      Map<String, String> variables) {
    return run(args, in, out, err, new Environment(variables, null));
  }

  static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err, Environment env) {
    CommandLine cl = new CommandLine(new Main(), new Factory(in, env));
    cl.setOut(out);
    cl.setErr(err);
    listExitCodes(cl);
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof UserError u) {
        // Messages carry names from the directory and from files: escaped for the terminal.
        cmd.getErr().println("wbaudit: " + TerminalText.escape(u.getMessage()));
        return u.exitCode().code();
      }
      // A bug: say so plainly, with the stack trace only when asked for. Its text may quote an
      // input (a path, a name), so it is escaped like every other message.
      cmd.getErr().println(internalError(e));
      if (System.getenv("WBAUDIT_DEBUG") != null) {
        e.printStackTrace(cmd.getErr());
      } else {
        cmd.getErr().println("(set WBAUDIT_DEBUG=1 for the stack trace)");
      }
      return ExitCode.INTERNAL.code();
    });
    cl.setParameterExceptionHandler((e, params) -> {
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println("wbaudit: " + TerminalText.escape(e.getMessage()));
      cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
      return ExitCode.USAGE.code();
    });
    int code;
    try {
      code = cl.execute(args);
    } catch (OutOfMemoryError e) {
      err.println("wbaudit: " + org.wbaudit.audit.ForestsAuditor.outOfMemory());
      code = ExitCode.INCOMPLETE.code();
    }
    out.flush();
    err.flush();
    return code;
  }

  static String internalError(Throwable e) {
    return "wbaudit: internal error: " + TerminalText.escape(String.valueOf(e));
  }

  /** Puts the one list of exit codes in every command's help. */
  private static void listExitCodes(CommandLine cl) {
    cl.getCommandSpec().usageMessage()
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(ExitCode.helpSection());
    cl.getSubcommands().values().forEach(Main::listExitCodes);
  }

  /** Gives commands the standard input they should read, so tests can supply their own. */
  static final class Factory implements CommandLine.IFactory {
    private final InputStream in;
    private final Environment env;

    Factory(InputStream in, Environment env) {
      this.in = in;
      this.env = env;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == SddlCommand.class) {
        return cls.cast(new SddlCommand(in));
      }
      if (cls == AuditCommand.class) {
        return cls.cast(new AuditCommand(env));
      }
      if (cls == WatchCommand.class) {
        return cls.cast(new WatchCommand(env));
      }
      if (cls == DemoCommand.class) {
        return cls.cast(new DemoCommand(env));
      }
      if (cls == ExplainCommand.class) {
        return cls.cast(new ExplainCommand(env));
      }
      if (cls == ConnectorsCommand.class) {
        return cls.cast(new ConnectorsCommand(env));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }

  /** The version from the jar's manifest, or "development" when run from classes. */
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v != null ? v : "development";
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"wbaudit " + version()};
    }
  }
}
