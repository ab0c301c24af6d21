package org.wbaudit.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dependency rules of DESIGN.md, checked on the sources: the core (sd, access) does no I/O
 * and knows no library; data flows one way. Reading a sync engine's configuration (syncconfig)
 * is neither the directory nor the audit: it imports nothing of the project, no LDAP, no clock.
 */
class LayeringTest {
  static final Path MAIN = Path.of("src/main/java/org/wbaudit");

  /** Each row: a package, what it must not use, and the one public fact of it that it may. */
  @ParameterizedTest(name = "{0} must not import {1}")
  @CsvSource(delimiter = '|', textBlock = """
      sd        | org.wbaudit.access. |
      sd        | org.wbaudit.directory. |
      sd        | org.wbaudit.audit. |
      sd        | com.unboundid. |
      sd        | com.fasterxml. |
      sd        | picocli. |
      sd        | java.io. |
      sd        | java.nio. |
      sd        | java.net. |
      sd        | java.time. |
      access    | org.wbaudit.directory. |
      access    | org.wbaudit.audit. |
      access    | com.unboundid. |
      access    | com.fasterxml. |
      access    | picocli. |
      access    | java.io. |
      access    | java.nio. |
      access    | java.net. |
      access    | java.time. |
      directory | org.wbaudit.access. |
      directory | org.wbaudit.audit. |
      directory | org.wbaudit.report. |
      directory | org.wbaudit.cli. |
      directory | picocli. |
      audit     | org.wbaudit.report. |
      audit     | org.wbaudit.cli. |
      audit     | com.unboundid. |
      audit     | picocli. |
      report    | org.wbaudit.directory. |
      report    | org.wbaudit.sd. |
      report    | org.wbaudit.access.      | org.wbaudit.access.WritebackRight
      report    | org.wbaudit.cli. |
      report    | com.unboundid. |
      rules     | org.wbaudit. |
      events    | org.wbaudit.directory. |
      events    | org.wbaudit.audit. |
      events    | org.wbaudit.report. |
      events    | org.wbaudit.cli. |
      events    | com.unboundid. |
      events    | picocli. |
      syncconfig | org.wbaudit. |
      syncconfig | com.unboundid. |
      syncconfig | picocli. |
      syncconfig | java.time. |
      """)
  void packagesKeepTheirDistance(String pkg, String forbidden, String allowed) throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(f)) {
          String l = line.strip();
          if ((l.startsWith("import ") && l.contains(" " + forbidden))
              || (!l.startsWith("import ") && !l.startsWith("*") && !l.startsWith("//")
                  && l.contains(forbidden) && !forbidden.startsWith("org.wbaudit." + pkg))) {
            offenders.add(MAIN.relativize(f) + ": " + l);
          }
        }
      }
    }
    if (allowed != null) {
      offenders.removeIf(o -> o.replace(allowed, "").indexOf(forbidden) < 0);
    }
    if ((pkg.equals("rules") || pkg.equals("syncconfig")) && forbidden.equals("org.wbaudit.")) {
      offenders.removeIf(o -> o.contains("org.wbaudit." + pkg));
    }
    assertTrue(offenders.isEmpty(), String.join("\n", offenders));
  }
}
