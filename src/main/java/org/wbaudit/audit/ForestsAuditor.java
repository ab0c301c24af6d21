package org.wbaudit.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.rules.Operations;
import org.wbaudit.rules.RuleCatalog;
import org.wbaudit.rules.RuleId;
import org.wbaudit.syncconfig.SyncEngine;

/**
 * A run: every forest audited at once, each on its own thread and sessions, into one report;
 * then what only the whole run can tell: anchor values held twice, in one forest or across
 * forests, and domains no forest entry audited. Never writes to a directory.
 */
public final class ForestsAuditor {
  /** A forest to audit: opened, or why it could not be. */
  public sealed interface Forest permits Opened, Unopened {
    String name();

    String url();
  }

  /** A forest whose session is open and bound. */
  public record Opened(String name, DirectorySession session, Auditor.Options options)
      implements Forest {
    @Override
    public String url() {
      return session.url().toString();
    }
  }

  /** A forest that could not be connected to or bound; the run reports it as not audited. */
  public record Unopened(String name, String url, DirectoryException error) implements Forest {}

  private final RuleCatalog catalog;
  private final Clock clock;
  private final String toolVersion;
  private final List<AnchorAttribute> anchors;
  private final AcceptedRisks accepted;
  private final SyncEngine syncEngine;
  private final Operations operations = Operations.builtIn();

  public ForestsAuditor(RuleCatalog catalog, Clock clock, String toolVersion,
      List<AnchorAttribute> anchors) {
    this(catalog, clock, toolVersion, anchors, AcceptedRisks.NONE, null);
  }

  /**
   * @param syncEngine the sync engine's configuration every forest's scope and principal come
   *     from; null when the admin gives them
   */
  public ForestsAuditor(RuleCatalog catalog, Clock clock, String toolVersion,
      List<AnchorAttribute> anchors, AcceptedRisks accepted, SyncEngine syncEngine) {
    this.catalog = catalog;
    this.clock = clock;
    this.toolVersion = toolVersion;
    this.anchors = List.copyOf(anchors);
    this.accepted = accepted;
    this.syncEngine = syncEngine;
  }

  public RunSummary run(List<Forest> forests, RunSink sink) {
    Instant started = clock.instant();
    sink.begin(toolVersion, started);
    int n = forests.size();
    RunSummary.ForestOutcome[] outcomes = new RunSummary.ForestOutcome[n];
    AuditHeader[] headers = new AuditHeader[n];
    try (AnchorIndex index = new AnchorIndex()) {
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int at = i;
        Forest f = forests.get(i);
        if (f instanceof Unopened u) {
          outcomes[i] = new RunSummary.ForestOutcome(u.name(), u.url(), null, u.error().getMessage(), u.error());
          continue;
        }
        Opened o = (Opened) f;
        AuditSink forestSink = remembering(sink.forest(o.name()), h -> headers[at] = h);
        Thread t = new Thread(() -> outcomes[at] = audit(o, forestSink, index),
            "wbaudit-forest-" + o.name());
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        join(t);
      }

      Tally run = new Tally();
      Findings runFindings = new Findings(catalog, raw -> {
        Finding finding = accepted.apply(raw);
        run.finding(finding);
        sink.finding(finding);
      });
      List<AnchorIndex.Duplicate> duplicates = index.duplicates();
      DuplicateAnchorCheck.report(duplicates, runFindings);
      Map<String, Map<String, AnchorIndex.Standing>> stopped = LateBlockers.stopped(duplicates);
      for (int i = 0; i < n; i++) {
        RunSummary.ForestOutcome o = outcomes[i];
        Map<String, AnchorIndex.Standing> users = stopped.get(o.name());
        if (o.summary() != null && users != null) {
          outcomes[i] = new RunSummary.ForestOutcome(o.name(), o.url(), o.summary().withReadiness(
              LateBlockers.apply(o.summary().readiness(), users.values(), operations.all())), o.error(), o.cause());
        }
      }
      domainsNotAudited(headers, runFindings);
      for (AcceptedRisks.AcceptedRisk r : accepted.expired()) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("acceptedRule", r.rule());
        d.put("object", r.object());
        d.put("owner", r.owner());
        d.put("expired", r.expires().toString());
        d.put("justification", r.justification());
        runFindings.emit(RuleId.EXCEPTION_EXPIRED, null, "The accepted risk for " + r.rule() + " on "
            + r.object() + " (owner " + r.owner() + ") expired on " + r.expires()
            + ": it no longer suppresses anything", d);
      }

      List<String> compared = new ArrayList<>();
      for (AnchorAttribute a : anchors) {
        compared.add(a.ldapName());
      }
      RunSummary summary = new RunSummary(total(outcomes, run, started),
          List.of(outcomes),
          new RunSummary.AnchorSummary(compared, index.distinctValues(), index.holders(),
              duplicates.size()), null, syncEngineFacts(headers), LateBlockers.byObject(stopped));
      sink.end(summary);
      return summary;
    }
  }

  private RunSummary.ForestOutcome audit(Opened o, AuditSink sink, AnchorIndex index) {
    try {
      AuditSummary s = new Auditor(catalog, clock, toolVersion, accepted)
          .run(o.session(), o.options().forForest(o.name(), anchors, index), sink);
      return new RunSummary.ForestOutcome(o.name(), o.url(), s, null, null);
    } catch (DirectoryException e) {
      return new RunSummary.ForestOutcome(o.name(), o.url(), null, e.getMessage(), e);
    } catch (RuntimeException e) {
      return new RunSummary.ForestOutcome(o.name(), o.url(), null, "internal error: " + e, null);
    } catch (OutOfMemoryError e) {
      return new RunSummary.ForestOutcome(o.name(), o.url(), null, outOfMemory(), null);
    }
  }

  /** What to say when the heap ran out: how much there was, and how to give more. */
  public static String outOfMemory() {
    long max = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    return "out of memory: the JVM had " + max + " MiB of heap; give it more, for example"
        + " WBAUDIT_JAVA_OPTS=-Xmx2g with the wbaudit launcher, or java -Xmx2g -jar wbaudit.jar";
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while forests were audited", e);
    }
  }

  /**
   * The report's syncEngine: the engine, each audited forest with the connector that read it,
   * and the connectors no forest of the run was paired with (a forest with none is not audited).
   */
  private Map<String, Object> syncEngineFacts(AuditHeader[] headers) {
    if (syncEngine == null) {
      return null;
    }
    Map<String, Object> d = SyncEngineBinding.describe(syncEngine);
    List<Map<String, Object>> forests = new ArrayList<>();
    Set<String> paired = new LinkedHashSet<>();
    for (AuditHeader h : headers) {
      if (h != null && "sync-config".equals(h.scope().get("source"))) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", h.forest());
        f.put("connector", h.scope().get("connector"));
        f.put("partitions", h.scope().get("partitions") instanceof List<?> ps ? ps.stream()
            .map(p -> p instanceof Map<?, ?> m ? m.get("dn") : p).toList() : List.of());
        forests.add(f);
        paired.add(String.valueOf(h.scope().get("connector")));
      }
    }
    d.put("forests", forests);
    d.put("connectorsNotAudited", syncEngine.connectors().stream()
        .filter(c -> !paired.contains(String.valueOf(c.name())))
        .map(c -> c.name() + " (" + c.forest() + ")").toList());
    return d;
  }

  /** A domain some forest lists that no entry of the run could check. */
  private static void domainsNotAudited(AuditHeader[] headers, Findings findings) {
    Set<String> audited = new LinkedHashSet<>();
    Set<String> reported = new LinkedHashSet<>();
    for (AuditHeader h : headers) {
      if (h != null) {
        audited.add(h.domainDn().toLowerCase(Locale.ROOT));
        for (AuditHeader.DomainStatus d : h.domains()) {
          if (d.error() == null) {
            audited.add(d.dn().toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    for (AuditHeader h : headers) {
      if (h == null) {
        continue;
      }
      for (AuditHeader.DomainStatus d : h.domains()) {
        String key = d.dn().toLowerCase(Locale.ROOT);
        if (d.error() != null && !audited.contains(key) && reported.add(key)) {
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("forest", h.forest());
          details.put("domain", d.dn());
          details.put("reason", d.error());
          findings.emit(RuleId.DOMAIN_NOT_AUDITED, null, "Domain " + d.dn() + " of forest " + h.forest()
              + " was not checked (Unexpire Password, password policy): " + d.error(), details);
        }
      }
    }
  }

  /** The run's own findings' tally, with every audited forest's summary added in. */
  private AuditSummary total(RunSummary.ForestOutcome[] outcomes, Tally run, Instant started) {
    Tally tally = new Tally();
    long users = 0;
    List<Remediation> remediation = new ArrayList<>();
    long descriptors = 0;
    List<String> missing = new ArrayList<>();
    boolean complete = true;
    for (RunSummary.ForestOutcome o : outcomes) {
      AuditSummary s = o.summary();
      if (s == null) {
        complete = false;
        missing.add("forest " + o.name() + " (" + o.url() + "): not audited: " + o.error());
        continue;
      }
      users += s.usersRead();
      remediation.addAll(s.remediation());
      descriptors += s.distinctDescriptors();
      tally.add(s);
      complete &= s.complete();
      for (String m : s.missing()) {
        missing.add(outcomes.length > 1 ? "forest " + o.name() + ": " + m : m);
      }
    }
    tally.add(run);
    Instant finished = clock.instant();
    boolean one = outcomes.length == 1 && outcomes[0].summary() != null;
    return new AuditSummary(users, tally.byRule(), tally.bySeverity(), tally.rights(), complete,
        missing, finished, Duration.between(started, finished).toMillis(),
        one ? outcomes[0].summary().highestCommittedUsnBefore() : -1,
        one ? outcomes[0].summary().highestCommittedUsnAfter() : -1, descriptors,
        tally.suppressed(), remediation, tally.readiness(), null, null);
  }

  /** Passes everything on, and the header to {@code header} too. */
  private static AuditSink remembering(AuditSink next, java.util.function.Consumer<AuditHeader> header) {
    return new ForwardingSink(next, h -> {
      header.accept(h);
      return h;
    }, o -> o, f -> f, s -> s);
  }
}
