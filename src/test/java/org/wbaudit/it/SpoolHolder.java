package org.wbaudit.it;

import org.wbaudit.report.ReportAssembler;
import org.wbaudit.rules.RuleCatalog;

/**
 * A run that holds its report spool and never ends, for {@link SpoolSweepTest}: what a long or
 * stalled audit is to other runs, without a DC.
 */
public final class SpoolHolder {
  private SpoolHolder() {}

  public static void main(String[] args) throws Exception {
    try (ReportAssembler a = new ReportAssembler(RuleCatalog.builtIn())) {
      System.out.println("holding");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
