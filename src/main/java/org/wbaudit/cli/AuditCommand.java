package org.wbaudit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.wbaudit.audit.Auditor;
import org.wbaudit.directory.ConnectionSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wbaudit audit}: bind as the sync account and judge every user's writeback rights. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Binds to a domain controller as the sync account (or audits --principal), reads every"
          + " user's security descriptor and decides, as the DC would, whether password writeback"
          + " can reset it. Read-only."
    })
final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Mixin OutputOptions output;

  @Option(names = "--principal", paramLabel = "NAME",
      description = "Audit this account's rights (DN, UPN or sAMAccountName) instead of the bound"
          + " account's.")
  String principal;

  @Option(names = "--page-size", paramLabel = "N", defaultValue = "500",
      description = "Users per LDAP page. Default: ${DEFAULT-VALUE}.")
  int pageSize;

  private final Environment environment;

  AuditCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (pageSize < 1 || pageSize > 10_000) {
      throw new UserError(ExitCode.USAGE, "--page-size must be between 1 and 10000");
    }
    output.failOn(); // a bad --fail-on is a usage error before anything connects
    ConnectionSettings settings = connection.settings(environment.variables(), environment.console(), err);
    return Audits.run(settings, new Auditor.Options(principal, connection.bindDn, pageSize,
        output.progress(err, environment.console() != null)), output, spec.commandLine().getOut()).code();
  }
}
