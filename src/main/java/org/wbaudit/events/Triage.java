package org.wbaudit.events;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts an event log's password writeback events by ID and source, over time, and pairs each
 * operation's start with its success or failure. Memory: one counter per distinct (ID, source)
 * and the starts still waiting for their outcome.
 */
public final class Triage {
  /**
   * One event ID and source.
   *
   * @param known whether the catalogue explains it; unknown IDs are counted all the same
   */
  public record EventCount(int eventId, String source, String name, boolean known, String kind,
      long count, Instant first, Instant last, String explanation, String remedy,
      List<String> rules) {}

  /** A code recognised in event texts. */
  public record CodeCount(String match, long count, String explanation, List<String> rules) {}

  /**
   * Starts and outcomes of one kind of operation.
   *
   * @param unfinished starts with no success or failure after them
   * @param withoutStart outcomes with no start before them (the log began after it)
   */
  public record Operation(String operation, long started, long succeeded, long failed,
      long unfinished, long withoutStart) {}

  /** The whole triage. */
  public record Result(List<EventCount> events, List<CodeCount> codes, List<Operation> operations,
      long eventsRead, Instant first, Instant last) {}

  private static final Pattern TRACKING = Pattern.compile("(?i)tracking\\s*id\\s*[:=]\\s*([0-9a-f-]{8,})");

  private final EventCatalog catalog;
  private final Map<String, long[]> counts = new LinkedHashMap<>();
  private final Map<String, Instant[]> spans = new LinkedHashMap<>();
  private final Map<String, EventRecord> firstOf = new LinkedHashMap<>();
  private final Map<String, Long> codeCounts = new LinkedHashMap<>();
  private final Map<String, long[]> operations = new LinkedHashMap<>();
  /** Per operation: starts not yet matched, by tracking ID when the text has one, else in order. */
  private final Map<String, Map<String, Deque<Instant>>> open = new LinkedHashMap<>();
  private long read;
  private Instant first;
  private Instant last;

  public Triage(EventCatalog catalog) {
    this.catalog = catalog;
  }

  /** Events must come in time order per file; several files are merged by the caller's order. */
  public void add(EventRecord e) {
    read++;
    first = first == null || e.time().isBefore(first) ? e.time() : first;
    last = last == null || e.time().isAfter(last) ? e.time() : last;
    String key = e.eventId() + "|" + e.source();
    counts.computeIfAbsent(key, k -> new long[1])[0]++;
    Instant[] span = spans.computeIfAbsent(key, k -> new Instant[] {e.time(), e.time()});
    span[0] = e.time().isBefore(span[0]) ? e.time() : span[0];
    span[1] = e.time().isAfter(span[1]) ? e.time() : span[1];
    firstOf.putIfAbsent(key, e);
    for (EventCatalog.Code c : catalog.codesIn(e.message())) {
      codeCounts.merge(c.match(), 1L, Long::sum);
    }
    EventCatalog.Entry entry = catalog.find(e.eventId(), e.source());
    if (entry == null || entry.operation() == null) {
      return;
    }
    long[] op = operations.computeIfAbsent(entry.operation(), k -> new long[5]);
    String tracking = tracking(e.message());
    Map<String, Deque<Instant>> waiting = open.computeIfAbsent(entry.operation(), k -> new LinkedHashMap<>());
    switch (entry.kind()) {
      case "start" -> {
        op[0]++;
        waiting.computeIfAbsent(tracking, k -> new ArrayDeque<>()).add(e.time());
      }
      case "success", "failure" -> {
        op["success".equals(entry.kind()) ? 1 : 2]++;
        Deque<Instant> q = waiting.get(tracking);
        if (q == null || q.isEmpty()) {
          op[4]++;
        } else {
          q.poll();
        }
      }
      default -> { }
    }
  }

  private static String tracking(String message) {
    Matcher m = TRACKING.matcher(message == null ? "" : message);
    return m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : "";
  }

  public Result result() {
    List<EventCount> events = new ArrayList<>();
    counts.forEach((key, n) -> {
      EventRecord e = firstOf.get(key);
      Instant[] span = spans.get(key);
      EventCatalog.Entry entry = catalog.find(e.eventId(), e.source());
      events.add(entry == null
          ? new EventCount(e.eventId(), e.source(), null, false, null, n[0], span[0], span[1], null,
              null, List.of())
          : new EventCount(e.eventId(), e.source(), entry.name(), true, entry.kind(), n[0], span[0],
              span[1], entry.explanation(), entry.remedy(), entry.rules()));
    });
    events.sort(Comparator.comparingInt(EventCount::eventId).thenComparing(EventCount::source));
    List<CodeCount> codes = new ArrayList<>();
    codeCounts.forEach((match, n) -> {
      EventCatalog.Code c = catalog.codesIn(match).get(0);
      codes.add(new CodeCount(match, n, c.explanation(), c.rules()));
    });
    List<Operation> ops = new ArrayList<>();
    operations.forEach((name, o) -> {
      long unfinished = open.getOrDefault(name, Map.of()).values().stream().mapToLong(Deque::size).sum();
      ops.add(new Operation(name, o[0], o[1], o[2], unfinished, o[4]));
    });
    return new Result(events, codes, ops, read, first, last);
  }
}
