package org.wbaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvReportWriterTest {
  /** RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
  @Test
  void cellsAreQuotedAndNeverFormulas() {
    assertEquals("svc-sync", CsvReportWriter.cell("svc-sync"));
    assertEquals("\"CN=a,DC=corp\"", CsvReportWriter.cell("CN=a,DC=corp"));
    assertEquals("\"say \"\"hi\"\"\"", CsvReportWriter.cell("say \"hi\""));
    assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", CsvReportWriter.cell("=HYPERLINK(\"http://x\")"));
    assertEquals("'+1", CsvReportWriter.cell("+1"));
    assertEquals("'-2", CsvReportWriter.cell("-2"));
    assertEquals("'@SUM(A1)", CsvReportWriter.cell("@SUM(A1)"));
    assertEquals("\"line\nbreak\"", CsvReportWriter.cell("line\nbreak"));
    assertEquals("", CsvReportWriter.cell(""));
    assertEquals("", CsvReportWriter.cell(null));
  }
}
