package org.wbaudit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import org.wbaudit.audit.AnchorAttribute;
import org.wbaudit.audit.Auditor;
import org.wbaudit.audit.ForestsAuditor;
import org.wbaudit.audit.RunSummary;
import org.wbaudit.directory.ConnectionSettings;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.directory.DistinguishedNames;
import org.wbaudit.directory.DomainSessions;
import org.wbaudit.rules.RuleCatalog;

/** The one way commands run an audit: open the sessions, audit into the output, pick the exit code. */
final class Audits {
  private Audits() {}

  /**
   * Where to connect: the settings, and when the DCs were found through DNS, every one of them
   * in the order to try (the settings' URL is the first).
   */
  record Reach(ConnectionSettings settings, List<org.wbaudit.directory.LdapUrl> candidates) {
    Reach {
      candidates = List.copyOf(candidates);
    }
  }

  /** One forest to audit: where and how to connect, and the audit's options. */
  record Target(String name, ConnectionSettings settings, Auditor.Options options) {}

  /**
   * One forest from the command line. A forest that cannot be opened is an error without a
   * report (exit 2 or 3), as is one whose audit cannot start.
   */
  static ExitCode run(Reach reach, Auditor.Options options, OutputOptions output,
      ReportPolicy policy, PrintWriter stdout, PrintWriter err) throws IOException {
    ConnectionSettings settings = reach.settings();
    DirectorySession session = open(reach, false, err);
    DomainSessions others;
    try {
      others = DomainSessions.open(session, settings, List.of());
    } finally {
      settings.wipePassword();
    }
    Auditor.Options withOthers = options.withOtherDomains(others);
    try (session; others) {
      // A forest is named by its root domain's DNS name (DC=corp,DC=example → corp.example).
      String root = session.rootDse().rootDomainNamingContext();
      String name = root == null || DistinguishedNames.dnsName(root).isEmpty() ? settings.url().host()
          : DistinguishedNames.dnsName(root);
      RunSummary run = output.write(stdout, err, name, Clock.systemUTC().instant(), policy, sink -> {
        RunSummary r = auditor(List.of(AnchorAttribute.values()), policy, options.syncEngine())
            .run(List.of(new ForestsAuditor.Opened(name, session, withOthers)), sink);
        RunSummary.ForestOutcome only = r.forests().get(0);
        if (only.cause() != null) {
          throw only.cause();
        }
        return r;
      });
      return said(run, Exits.of(run, output.failOn()), err);
    }
  }

  /** Says on standard error why a run did not end well; the report holds the details. */
  private static ExitCode said(RunSummary run, ExitCode code, PrintWriter err) {
    if (run.syncEngine() != null && run.syncEngine().get("connectorsNotAudited") instanceof List<?> l
        && !l.isEmpty()) {
      err.println("wbaudit: the sync configuration reads forests this run did not audit: "
          + org.wbaudit.report.TerminalText.escape(String.join(", ", l.stream().map(String::valueOf).toList())));
    }
    String why = Exits.why(run, code);
    if (why != null) {
      err.println("wbaudit: " + org.wbaudit.report.TerminalText.escape(why));
      err.flush();
    }
    return code;
  }

  /**
   * Several forests from a configuration file, opened and audited side by side. A forest that
   * cannot be opened is in the report as not audited; the run still reports the others.
   */
  static ExitCode run(List<Target> targets, List<AnchorAttribute> anchors,
      org.wbaudit.syncconfig.SyncEngine engine, OutputOptions output, ReportPolicy policy,
      PrintWriter stdout, PrintWriter err) throws IOException {
    List<ForestsAuditor.Forest> forests = new java.util.ArrayList<>();
    try {
      List<Thread> openers = new java.util.ArrayList<>();
      ForestsAuditor.Forest[] opened = new ForestsAuditor.Forest[targets.size()];
      for (int i = 0; i < targets.size(); i++) {
        int at = i;
        Target t = targets.get(i);
        Thread th = new Thread(() -> opened[at] = openForest(t), "wbaudit-open-" + t.name());
        openers.add(th);
        th.start();
      }
      for (Thread th : openers) {
        try {
          th.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UserError(ExitCode.INCOMPLETE, "interrupted while connecting");
        }
      }
      forests.addAll(List.of(opened));
      String name = String.join("+", targets.stream().map(Target::name).toList());
      RunSummary run = output.write(stdout, err, name, Clock.systemUTC().instant(), policy,
          sink -> auditor(anchors, policy, engine).run(forests, sink));
      return said(run, Exits.of(run, output.failOn()), err);
    } finally {
      for (ForestsAuditor.Forest f : forests) {
        if (f instanceof ForestsAuditor.Opened o) {
          o.session().close();
          o.options().otherDomains().close();
        }
      }
    }
  }

  private static ForestsAuditor.Forest openForest(Target t) {
    try {
      DirectorySession main = DirectorySession.open(t.settings());
      DomainSessions others = DomainSessions.open(main, t.settings(), t.options().dcUrls());
      return new ForestsAuditor.Opened(t.name(), main, t.options().withOtherDomains(others));
    } catch (DirectoryException e) {
      return new ForestsAuditor.Unopened(t.name(), t.settings().url().toString(), e);
    } finally {
      t.settings().wipePassword();
    }
  }

  /**
   * Opens a session; the password is wiped on failure, and by the caller once the forest's
   * other domains are bound too.
   */
  static DirectorySession open(Reach reach, boolean wipe, PrintWriter err) {
    ConnectionSettings settings = reach.settings();
    try {
      if (!reach.candidates().isEmpty()) {
        // The whole search for a DC that answers is bounded by one response timeout.
        DirectorySession s = org.wbaudit.directory.DcLocator.open(settings, reach.candidates(),
            settings.responseTimeout(), line -> {
              err.println("wbaudit: passed over " + org.wbaudit.report.TerminalText.escape(line));
              err.flush();
            });
        err.println("wbaudit: using " + s.url() + (s.rootDse().dnsHostName() != null
            ? " (" + org.wbaudit.report.TerminalText.escape(s.rootDse().dnsHostName()) + ")" : "")
            + ", found through DNS");
        err.flush();
        return s;
      }
      return DirectorySession.open(settings);
    } catch (DirectoryException e) {
      settings.wipePassword();
      throw new UserError(Exits.of(e), e.getMessage());
    } finally {
      if (wipe) {
        settings.wipePassword();
      }
    }
  }

  private static ForestsAuditor auditor(List<AnchorAttribute> anchors, ReportPolicy policy,
      org.wbaudit.syncconfig.SyncEngine engine) {
    return new ForestsAuditor(RuleCatalog.builtIn(), Clock.systemUTC(), Main.version(), anchors,
        policy.accepted(), engine);
  }
}
