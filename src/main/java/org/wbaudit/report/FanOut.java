package org.wbaudit.report;

import java.time.Instant;
import java.util.List;
import org.wbaudit.audit.AuditHeader;
import org.wbaudit.audit.AuditSink;
import org.wbaudit.audit.AuditSummary;
import org.wbaudit.audit.Finding;
import org.wbaudit.audit.ObjectResult;
import org.wbaudit.audit.RunSink;
import org.wbaudit.audit.RunSummary;

/** One run told to several report writers: one pass over the directory, every format at once. */
public final class FanOut implements RunSink {
  private final List<RunSink> sinks;

  public FanOut(List<RunSink> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  @Override
  public void begin(String toolVersion, Instant startedAt) {
    sinks.forEach(s -> s.begin(toolVersion, startedAt));
  }

  @Override
  public AuditSink forest(String name) {
    List<AuditSink> forests = sinks.stream().map(s -> s.forest(name)).toList();
    return new AuditSink() {
      @Override
      public void begin(AuditHeader header) {
        forests.forEach(f -> f.begin(header));
      }

      @Override
      public void object(ObjectResult result) {
        forests.forEach(f -> f.object(result));
      }

      @Override
      public void finding(Finding finding) {
        forests.forEach(f -> f.finding(finding));
      }

      @Override
      public void end(AuditSummary summary) {
        forests.forEach(f -> f.end(summary));
      }
    };
  }

  @Override
  public void finding(Finding finding) {
    sinks.forEach(s -> s.finding(finding));
  }

  @Override
  public void end(RunSummary summary) {
    sinks.forEach(s -> s.end(summary));
  }
}
