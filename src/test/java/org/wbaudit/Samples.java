package org.wbaudit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Real data from elsewhere, read where it lies beside the checkout ({@code ../shared/samples/}),
 * never copied into the project. Under CI ({@code CI=true}) a missing sample fails the test
 * loudly; elsewhere the test is aborted, saying which sample is missing and why it did not run.
 */
public final class Samples {
  private Samples() {}

  /** The samples folder: {@code WBAUDIT_SAMPLES} when set, else {@code ../shared/samples}. */
  public static Path root() {
    String set = System.getenv("WBAUDIT_SAMPLES");
    return set != null ? Path.of(set) : Path.of("..", "shared", "samples").toAbsolutePath().normalize();
  }

  /** A sample, by its path below the samples folder; it must be there under CI. */
  public static Path require(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) {
      String why = "the sample " + p + " is missing (real data from elsewhere, read beside the"
          + " checkout; set WBAUDIT_SAMPLES to its folder)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(why + ": CI must have it");
      }
      Assumptions.abort(why + ": not run here");
    }
    return p;
  }

  /** Microsoft's published Entra Connect export (Get-ADSyncServerConfiguration). */
  public static Path entraConnectExport() {
    return require("entra-connect/microsoft-AADConnectConfigDocumenter/src/SolutionOutput/Data/Contoso/Production");
  }
}
