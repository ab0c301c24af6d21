package org.wbaudit.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.wbaudit.directory.TrustPolicy;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.wbaudit.audit.Auditor;
import org.wbaudit.audit.SyncScope;
import org.wbaudit.directory.DistinguishedNames;
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

  @Mixin SyncConfigOptions syncConfig;

  @Option(names = "--principal", paramLabel = "NAME",
      description = "Audit this account's rights (DN, UPN or sAMAccountName) instead of the bound"
          + " account's.")
  String principal;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Audit every forest FILE lists, side by side, into one report, and compare"
          + " their sync anchors (JSON; see the README). Excludes --url and the options that go"
          + " with it.")
  Path config;

  @Option(names = "--search-base", paramLabel = "DN",
      description = "Read users only under DN (repeatable; bases must not nest). Default: the"
          + " whole domain. With --config: searchBases per forest instead.")
  List<String> searchBases = new ArrayList<>();

  @Option(names = "--scope-ou", paramLabel = "DN",
      description = "The sync scope: only users at or below DN (repeatable), as the sync engine's"
          + " OU filtering. Default: the whole domain.")
  List<String> scopeOus = new ArrayList<>();

  @Option(names = "--exclude-ou", paramLabel = "DN",
      description = "Leave users at or below DN out of the sync scope (repeatable).")
  List<String> excludeOus = new ArrayList<>();

  @Option(names = "--scope-group", paramLabel = "DN",
      description = "The sync scope: only direct members of this group, as the sync engine's group"
          + " filtering (members of nested groups are not synchronized, so not in scope).")
  String scopeGroup;

  @Option(names = "--expiry-warning-days", paramLabel = "DAYS", defaultValue = "14",
      description = "Report the connector account's password as expiring this many days before it"
          + " expires. Default: ${DEFAULT-VALUE}.")
  int expiryWarningDays;

  @Option(names = "--incremental",
      description = "With --history: read only what changed on the DC since the last complete run"
          + " (its users are kept in the history), and still write a complete report. The first run,"
          + " another DC, a restored database or a change that reaches every user reads all users;"
          + " the report says which (forests[].userRead).")
  boolean incremental;

  @Option(names = "--full-every", paramLabel = "DAYS", defaultValue = "7",
      description = "With --incremental: read every user when the last full read is older than"
          + " DAYS. Default: ${DEFAULT-VALUE}.")
  int fullEveryDays;

  @Option(names = "--page-size", paramLabel = "N", defaultValue = "500",
      description = "Users per LDAP page. Default: ${DEFAULT-VALUE}.")
  int pageSize;

  private final Environment environment;

  AuditCommand(Environment environment) {
    this.environment = environment;
  }

  /** Reads every forest's password before anything connects; a failure wipes those read. */
  private List<Audits.Target> targets(ConfigFile file, PrintWriter err,
      org.wbaudit.syncconfig.SyncEngine engine) {
    List<Audits.Target> targets = new ArrayList<>();
    boolean terminal = environment.console() != null;
    try {
      for (int i = 0; i < file.forests().size(); i++) {
        ConfigFile.Forest f = file.forests().get(i);
        char[] pw;
        org.wbaudit.directory.Kerberos kerberos;
        try {
          boolean passwordGiven = f.passwordEnv() != null || f.passwordFile() != null;
          kerberos = f.kerberos() ? KerberosCredentials.choose(f.bindDn(), f.keytab(), f.krb5Conf(),
              passwordGiven, environment.variables(), null) : null;
          pw = passwordGiven ? PasswordSource.read(f.passwordEnv(), f.passwordFile(),
              environment.variables(), null, f.bindDn(), err) : new char[0];
        } catch (UserError e) {
          throw new UserError(e.exitCode(), config + ": forests[" + i + "] (" + f.name() + "): "
              + e.getMessage());
        }
        if (f.trustStore() != null) {
          String problem = org.wbaudit.directory.TrustStores.problem(f.trustStore());
          if (problem != null) {
            throw new UserError(ExitCode.USAGE, config + ": forests[" + i + "].trustStore: "
                + f.trustStore() + ": " + problem);
          }
        }
        if (f.trustAll()) {
          err.println("wbaudit: WARNING: forest " + f.name() + ": trustAll: the server's certificate"
              + " is not verified; anyone on the path can read the password");
        }
        targets.add(new Audits.Target(f.name(), new ConnectionSettings(f.url(), f.bindDn(), pw,
            new TrustPolicy(f.trustStore(), f.trustAll()), Duration.ofSeconds(f.connectTimeout()),
            Duration.ofSeconds(f.timeout()), f.readConnections(), kerberos, f.dcHostname(), null),
            new Auditor.Options(f.principal(), f.bindDn(), f.pageSize(),
                output.progress(err, terminal, f.name()), null, List.of(), null, f.dcUrls(),
                f.searchBases(), org.wbaudit.directory.DomainSessions.NONE, f.scope())
                .withExpiryWarningDays(expiryWarningDays).withSyncEngine(engine)
                .withStates(output.states, Duration.ofDays(fullEveryDays))));
      }
    } catch (RuntimeException e) {
      targets.forEach(t -> t.settings().wipePassword());
      throw e;
    }
    return targets;
  }

  /** The scope options, each DN checked for its syntax before anything connects. */
  private SyncScope.Settings scope() {
    List<String> all = new ArrayList<>(scopeOus);
    all.addAll(excludeOus);
    if (scopeGroup != null) {
      all.add(scopeGroup);
    }
    for (String dn : all) {
      if (!DistinguishedNames.isValid(dn)) {
        throw new UserError(ExitCode.USAGE, "sync scope: \"" + dn + "\" is not a DN");
      }
    }
    return new SyncScope.Settings(scopeOus, excludeOus, scopeGroup);
  }

  /** --incremental keeps users in the history, so needs one; its state files are set up here. */
  private void incremental() {
    if (!incremental) {
      return;
    }
    if (output.history == null) {
      throw new UserError(ExitCode.USAGE, "--incremental needs --history DIR (or the configuration's"
          + " \"history\"): the users the last run read are kept there");
    }
    if (output.redact) {
      throw new UserError(ExitCode.USAGE, "--incremental keeps the users read (names, SIDs,"
          + " descriptors) in the history, which --redact keeps out of reports: give one of the two");
    }
    output.states = new UserStateFiles();
  }

  @Override
  public Integer call() throws IOException {
    if (fullEveryDays < 1 || fullEveryDays > 3650) {
      throw new UserError(ExitCode.USAGE, "--full-every must be between 1 and 3650 days");
    }
    PrintWriter err = spec.commandLine().getErr();
    if (pageSize < 1 || pageSize > 10_000) {
      throw new UserError(ExitCode.USAGE, "--page-size must be between 1 and 10000");
    }
    SearchBases.check(searchBases);
    if (expiryWarningDays < 0 || expiryWarningDays > 3650) {
      throw new UserError(ExitCode.USAGE, "--expiry-warning-days must be between 0 and 3650");
    }
    output.failOn(); // a bad --fail-on is a usage error before anything connects
    output.objects(); // as is a bad --objects
    output.terminal = environment.console() != null;
    ReportPolicy policy = output.policy(environment.variables(),
        java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    if (syncConfig.given()) {
      String scopeOption = !scopeOus.isEmpty() ? "--scope-ou" : !excludeOus.isEmpty() ? "--exclude-ou"
          : scopeGroup != null ? "--scope-group" : null;
      if (scopeOption != null) {
        throw new UserError(ExitCode.USAGE, syncConfig.name() + " and " + scopeOption + " both give the"
            + " sync scope: the engine's configuration says which users it reads; give one of the two");
      }
      if (syncConfig.syncConfig != null && principal != null) {
        throw new UserError(ExitCode.USAGE, "--sync-config and --principal both name the audited"
            + " account: the export names the connector account; give one of the two");
      }
    }
    if (config != null) {
      if (connection.anyGiven() || principal != null || !scopeOus.isEmpty() || !excludeOus.isEmpty()
          || scopeGroup != null || !searchBases.isEmpty()) {
        throw new UserError(ExitCode.USAGE, "--config excludes --url, --bind-dn, the password,"
            + " trust, timeout, --read-connections, --principal, --search-base and scope options:"
            + " give them per forest in the file");
      }
      ConfigFile file = ConfigFile.read(config);
      if (syncConfig.given() && (file.syncConfig() != null || file.cloudSyncSchema() != null)) {
        throw new UserError(ExitCode.USAGE, syncConfig.name() + " and " + config + "'s \""
            + (file.syncConfig() != null ? "syncConfig" : "cloudSyncSchema") + "\" both name the sync"
            + " configuration: give one of the two");
      }
      if (syncConfig.given()) {
        for (int i = 0; i < file.forests().size(); i++) {
          ConfigFile.Forest f = file.forests().get(i);
          if (!f.scope().equals(SyncScope.Settings.ALL)) {
            throw new UserError(ExitCode.USAGE, syncConfig.name() + " and " + config + ": forests[" + i
                + "].scope both give the sync scope: give one of the two");
          }
          if (syncConfig.syncConfig != null && f.principal() != null) {
            throw new UserError(ExitCode.USAGE, "--sync-config and " + config + ": forests[" + i
                + "].principal both name the audited account: give one of the two");
          }
        }
      }
      org.wbaudit.syncconfig.SyncEngine engine = syncConfig.given() ? syncConfig.read()
          : SyncConfigOptions.read(file.syncConfig(), file.cloudSyncSchema());
      output.historyFromConfig(file.history(), file.keepRuns());
      incremental();
      return Audits.run(targets(file, err, engine), file.anchors(), engine, output, policy, spec.commandLine().getOut(), err)
          .code();
    }
    incremental();
    org.wbaudit.syncconfig.SyncEngine engine = syncConfig.read();
    Audits.Reach reach = connection.reach(environment.variables(), environment.console(), err);
    return Audits.run(reach, new Auditor.Options(principal, connection.bindDn, pageSize,
        output.progress(err, environment.console() != null), null, List.of(), null, List.of(),
        searchBases, org.wbaudit.directory.DomainSessions.NONE, scope())
        .withExpiryWarningDays(expiryWarningDays).withSyncEngine(engine)
        .withStates(output.states, Duration.ofDays(fullEveryDays)), output, policy,
        spec.commandLine().getOut(), err)
        .code();
  }
}
