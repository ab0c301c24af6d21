package org.wbaudit.audit;

import java.util.function.UnaryOperator;

/**
 * A sink that passes everything on to another, each kind of event through a function first
 * (to mark, redact or just look at it): the one shape of every sink that sits between a
 * forest's audit and the report.
 */
public record ForwardingSink(AuditSink next, UnaryOperator<AuditHeader> header,
    UnaryOperator<ObjectResult> object, UnaryOperator<Finding> finding,
    UnaryOperator<AuditSummary> summary) implements AuditSink {

  /** Passes findings through {@code finding}, the rest unchanged. */
  public static ForwardingSink findings(AuditSink next, UnaryOperator<Finding> finding) {
    return new ForwardingSink(next, h -> h, o -> o, finding, s -> s);
  }

  @Override
  public void begin(AuditHeader h) {
    next.begin(header.apply(h));
  }

  @Override
  public void object(ObjectResult result) {
    next.object(object.apply(result));
  }

  @Override
  public void finding(Finding f) {
    next.finding(finding.apply(f));
  }

  @Override
  public void end(AuditSummary s) {
    next.end(summary.apply(s));
  }
}
