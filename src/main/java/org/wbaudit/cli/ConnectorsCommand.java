package org.wbaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wbaudit.audit.ConnectorDiscovery;
import org.wbaudit.audit.SyncConfigAccounts;
import org.wbaudit.report.TerminalText;
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

  @Mixin SyncConfigOptions syncConfig;

  private final Environment environment;

  ConnectorsCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    org.wbaudit.syncconfig.SyncEngine engine = syncConfig.read();
    Audits.Reach reach = connection.reach(environment.variables(), environment.console(), err);
    DirectorySession session = Audits.open(reach, true, err);
    try (session) {
      ConnectorDiscovery.Result r = ConnectorDiscovery.discover(session, ConnectorPatterns.builtIn());
      SyncConfigAccounts.Comparison compared = engine == null ? null
          : SyncConfigAccounts.compare(engine, r, session);
      if (view.json()) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("domain", r.domain());
        json.put("connectors", r.connectors());
        json.put("unreadableContainers", r.unreadable());
        if (compared != null) {
          json.put("syncConfig", compared);
        }
        out.println(new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(json));
      } else {
        text(r, out);
        if (compared != null) {
          text(compared, out);
        }
      }
      out.flush();
      return ExitCode.OK.code();
    } catch (DirectoryException e) {
      throw new UserError(Exits.of(e), e.getMessage());
    }
  }

  private static void text(SyncConfigAccounts.Comparison c, PrintWriter out) {
    out.println();
    out.println("The sync configuration (" + TerminalText.escape(c.source()) + ")"
        + (c.forest() != null ? ", its connector for " + TerminalText.escape(c.forest()) + ":" : ":"));
    for (SyncConfigAccounts.Account a : c.accounts()) {
      out.println("  " + TerminalText.escape(a.account()) + " reads " + TerminalText.escape(String.join(", ", a.partitions())));
      out.println("    " + (a.dn() == null ? "not found in the directory" : TerminalText.escape(a.dn())
          + (a.kinds().isEmpty() ? "" : "  [" + String.join(", ", a.kinds()) + "]")));
      if (a.differences().isEmpty()) {
        out.println("    the directory agrees");
      }
      a.differences().forEach(d -> out.println("    DIFFERS: " + TerminalText.escape(d)));
    }
    c.notInExport().forEach(n -> out.println("  DIFFERS: " + TerminalText.escape(n)));
  }

  private static void text(ConnectorDiscovery.Result r, PrintWriter out) {
    out.println("Connector accounts and Reset Password holders in " + r.domain() + ":");
    if (r.connectors().isEmpty()) {
      out.println("  none found");
    }
    for (ConnectorDiscovery.Connector c : r.connectors()) {
      out.println();
      out.println("  " + TerminalText.escape(c.samAccountName() != null ? c.samAccountName() : c.sid())
          + "  [" + String.join(", ", c.kinds()) + "]");
      if (c.dn() != null) {
        out.println("    " + TerminalText.escape(c.dn()));
      }
      out.println("    " + c.sid() + (c.enabled() == null ? "" : c.enabled() ? ", enabled" : ", DISABLED")
          + (c.account() ? ", last logon " + (c.lastLogon() == null ? "never" : c.lastLogon()) : ""));
      c.evidence().forEach(e -> out.println("    - " + TerminalText.escape(e)));
      for (ConnectorDiscovery.GrantLocation g : c.resetGrants()) {
        out.println("    reset on " + g.objectClass() + " below " + TerminalText.escape(g.container())
            + (g.inherited() ? " (inherited)" : ""));
      }
    }
    if (!r.unreadable().isEmpty()) {
      out.println();
      out.println("Containers whose DACL this account cannot read (grants there are unknown): "
          + r.unreadable().size());
      r.unreadable().stream().limit(10).forEach(dn -> out.println("  " + TerminalText.escape(dn)));
    }
  }
}
