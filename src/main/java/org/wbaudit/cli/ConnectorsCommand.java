package org.wbaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wbaudit.audit.ConnectorDiscovery;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.rules.ConnectorPatterns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wbaudit connectors}: the accounts that act for the sync engines, and why each is one. */
@Command(
    name = "connectors",
    mixinStandardHelpOptions = true,
    description = {
      "Lists, for the domain of the DC it binds to, the accounts that act for the sync engines:"
          + " Entra Connect Sync's AD DS connector account (MSOL_…, by name and description),"
          + " Cloud Sync's group managed service account (provAgentgMSA$), and every trustee a"
          + " DACL on the domain head, an OU or a container lets reset the passwords of the users"
          + " below it, with where. Read-only. 'audit --principal auto' audits as the one that"
          + " logged on last."
    })
final class ConnectorsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Mixin ViewFormat view;

  private final Environment environment;

  ConnectorsCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    Audits.Reach reach = connection.reach(environment.variables(), environment.console(), err);
    DirectorySession session = Audits.open(reach, true, err);
    try (session) {
      ConnectorDiscovery.Result r = ConnectorDiscovery.discover(session, ConnectorPatterns.builtIn());
      if (view.json()) {
        out.println(new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(Map.of("domain", r.domain(), "connectors", r.connectors(),
                "unreadableContainers", r.unreadable())));
      } else {
        text(r, out);
      }
      out.flush();
      return ExitCode.OK.code();
    } catch (DirectoryException e) {
      throw new UserError(Exits.of(e), e.getMessage());
    }
  }

  private static void text(ConnectorDiscovery.Result r, PrintWriter out) {
    out.println("Connector accounts and Reset Password holders in " + r.domain() + ":");
    if (r.connectors().isEmpty()) {
      out.println("  none found");
    }
    for (ConnectorDiscovery.Connector c : r.connectors()) {
      out.println();
      out.println("  " + (c.samAccountName() != null ? c.samAccountName() : c.sid())
          + "  [" + String.join(", ", c.kinds()) + "]");
      if (c.dn() != null) {
        out.println("    " + c.dn());
      }
      out.println("    " + c.sid() + (c.enabled() == null ? "" : c.enabled() ? ", enabled" : ", DISABLED")
          + (c.account() ? ", last logon " + (c.lastLogon() == null ? "never" : c.lastLogon()) : ""));
      c.evidence().forEach(e -> out.println("    - " + e));
      for (ConnectorDiscovery.GrantLocation g : c.resetGrants()) {
        out.println("    reset on " + g.objectClass() + " below " + g.container()
            + (g.inherited() ? " (inherited)" : ""));
      }
    }
    if (!r.unreadable().isEmpty()) {
      out.println();
      out.println("Containers whose DACL this account cannot read (grants there are unknown): "
          + r.unreadable().size());
      r.unreadable().stream().limit(10).forEach(dn -> out.println("  " + dn));
    }
  }
}
