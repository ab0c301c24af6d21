package org.wbaudit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.wbaudit.audit.Auditor;
import org.wbaudit.directory.DemoDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wbaudit demo}: the whole audit against an embedded directory shipped in the jar. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts an embedded directory holding a small AD domain (OUs, groups, delegations, a"
          + " protected admin; real descriptors from a Samba DC), audits it over LDAPS as its sync"
          + " account, and prints the summary. With --output, writes the report."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  private final Environment environment;

  DemoCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    output.failOn();
    output.terminal = environment.console() != null;
    ReportPolicy policy = output.policy(environment.variables(),
        java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    try (DemoDirectory demo = DemoDirectory.start()) {
      ExitCode code = Audits.run(new Audits.Reach(demo.settings(), java.util.List.of()),
          new Auditor.Options(null, DemoDirectory.SYNC_DN, 100, output.progress(err, false)),
          output, policy, spec.commandLine().getOut(), err);
      if (output.output != null) {
        err.println("wbaudit: demo report written to " + output.output);
      }
      return code.code();
    }
  }
}
