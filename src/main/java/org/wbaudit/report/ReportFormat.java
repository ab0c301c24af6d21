package org.wbaudit.report;

import java.io.OutputStream;
import org.wbaudit.rules.RuleCatalog;

/** Every report format, named once: its name on the command line, its file extension, its renderer. */
public enum ReportFormat {
  JSON("json", "json") {
    @Override
    public ReportRenderer renderer(OutputStream out, RuleCatalog catalog, ObjectsShown objects) {
      return new JsonReportWriter(out, objects);
    }
  },
  TEXT("text", "txt") {
    @Override
    public ReportRenderer renderer(OutputStream out, RuleCatalog catalog, ObjectsShown objects) {
      return new TextReportWriter(out);
    }
  },
  CSV("csv", "csv") {
    @Override
    public ReportRenderer renderer(OutputStream out, RuleCatalog catalog, ObjectsShown objects) {
      return new CsvReportWriter(out);
    }
  },
  HTML("html", "html") {
    @Override
    public ReportRenderer renderer(OutputStream out, RuleCatalog catalog, ObjectsShown objects) {
      return new HtmlReportWriter(out, catalog);
    }
  },
  SARIF("sarif", "sarif") {
    @Override
    public ReportRenderer renderer(OutputStream out, RuleCatalog catalog, ObjectsShown objects) {
      return new SarifReportWriter(out, catalog);
    }
  },
  PROMETHEUS("prometheus", "prom") {
    @Override
    public ReportRenderer renderer(OutputStream out, RuleCatalog catalog, ObjectsShown objects) {
      return new PrometheusWriter(out);
    }
  },
  JSONL("jsonl", "jsonl") {
    @Override
    public ReportRenderer renderer(OutputStream out, RuleCatalog catalog, ObjectsShown objects) {
      return new JsonLinesWriter(out);
    }
  };

  private final String option;
  private final String extension;

  ReportFormat(String option, String extension) {
    this.option = option;
    this.extension = extension;
  }

  /** The name --format takes. */
  public String option() {
    return option;
  }

  public String extension() {
    return extension;
  }

  /**
   * A renderer writing this format to {@code out}; it does not close {@code out}.
   *
   * @param objects which users the JSON report lists; the other formats list what they always do
   */
  public abstract ReportRenderer renderer(OutputStream out, RuleCatalog catalog, ObjectsShown objects);

  /** The format --format names, case-insensitively; null when none. */
  public static ReportFormat fromOption(String name) {
    for (ReportFormat f : values()) {
      if (f.option.equalsIgnoreCase(name)) {
        return f;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return option;
  }
}
