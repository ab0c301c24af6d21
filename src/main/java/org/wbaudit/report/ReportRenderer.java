package org.wbaudit.report;

import java.io.IOException;

/** Writes one format of a finished run. Built by {@link ReportFormat}, given its output there. */
public interface ReportRenderer {
  void render(ReportModel model) throws IOException;
}
