package org.wbaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.wbaudit.audit.Explainer;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.report.ExplanationText;
import org.wbaudit.rules.RuleCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wbaudit explain}: one user's DACL, ACE by ACE, and why each writeback right is what it is. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explains one user: owner and DACL ACE by ACE with trustees and GUIDs named, which ACEs"
          + " apply to the audited account's token and why, the ACE that decided each writeback"
          + " right, inheritance, adminCount, and parent grants not yet stamped on the user."
          + " Read-only."
    })
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Option(names = "--user", paramLabel = "NAME", required = true,
      description = "The user to explain: a DN, a UPN or a sAMAccountName.")
  String user;

  @Option(names = "--principal", paramLabel = "NAME",
      description = "Explain this account's rights instead of the bound account's.")
  String principal;

  @Mixin ViewFormat view;

  private final Environment environment;

  ExplainCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    Audits.Reach reach = connection.reach(environment.variables(), environment.console(), err);
    DirectorySession session = Audits.open(reach, true, err);
    try (session) {
      Explainer.UserExplanation e = new Explainer(RuleCatalog.builtIn())
          .explain(session, user, principal != null ? principal : session.boundAs());
      if (view.json()) {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(e));
      } else {
        ExplanationText.write(e, out);
      }
      out.flush();
      return ExitCode.OK.code();
    } catch (DirectoryException e) {
      throw new UserError(Exits.of(e), e.getMessage());
    }
  }
}
