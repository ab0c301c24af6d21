package org.wbaudit.report;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.Finding;
import org.wbaudit.audit.ObjectResult;
import org.wbaudit.audit.RunSummary;

/**
 * A finished run, as every renderer receives it: what ran, each forest's header and outcome, the
 * run's summary, and the objects and findings, read back from the one place they were buffered
 * ({@link ReportAssembler}). Renderers only read it; none keeps files of its own.
 *
 * <p>Objects come in the order the run judged them; findings grouped by rule, the rules in
 * {@link #rules()} order (most severe first), and in the order found within a rule.
 */
public interface ReportModel {
  /** Something done with each item; may fail writing. */
  interface Visitor<T> {
    void visit(T item) throws IOException;
  }

  /**
   * One finding as reported.
   *
   * @param forest the forest it was found in; null for a finding about the run as a whole
   * @param id its stable id in the report: the key, prefixed by the forest when there is one
   */
  record Reported(String forest, String id, Finding finding) {}

  String toolVersion();

  Instant startedAt();

  RunSummary run();

  /** Each audited forest's header, by name, in the run's order; absent for a forest not audited. */
  Map<String, AuditHeader> headers();

  /** The rules that have findings, most severe first, then by id. */
  List<String> rules();

  void objects(Visitor<ObjectResult> visitor) throws IOException;

  /** The same objects, each as the JSON report writes it (so that writer copies, not re-encodes). */
  void objectsAsJson(Visitor<String> visitor) throws IOException;

  void findings(Visitor<Reported> visitor) throws IOException;

  void findings(String rule, Visitor<Reported> visitor) throws IOException;

  /** Every finding as the JSON report writes it, in {@link #findings(Visitor)} order. */
  void findingsAsJson(Visitor<String> visitor) throws IOException;

  /** One rule's findings as buffered, in the order found. */
  void findingsAsJson(String rule, Visitor<String> visitor) throws IOException;

  /** The runs kept in a history, oldest first, then this one; empty without a history. */
  List<TrendPoint> trend();
}
