package org.wbaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * systemd's own checker accepts the example service and timer. The launcher's path is the one
 * thing changed: systemd-analyze refuses an ExecStart program that does not exist here.
 */
@Tag("integration")
class SystemdUnitsTest {
  @TempDir Path tmp;

  @Test
  void systemdAnalyzeVerifiesTheExampleUnits() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assertTrue(Files.isExecutable(analyze), "systemd-analyze is needed to check the example units");
    Path launcher = tmp.resolve("wbaudit");
    Files.writeString(launcher, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    String service = Files.readString(Path.of("examples/systemd/wbaudit.service"));
    assertTrue(service.contains("ExecStart=/opt/wbaudit/wbaudit "), "the unit runs the installed launcher");
    Files.writeString(tmp.resolve("wbaudit.service"), service.replace("/opt/wbaudit/wbaudit", launcher.toString()));
    Files.copy(Path.of("examples/systemd/wbaudit.timer"), tmp.resolve("wbaudit.timer"));
    String watch = Files.readString(Path.of("examples/systemd/wbaudit-watch.service"));
    assertTrue(watch.contains("ExecStart=/opt/wbaudit/wbaudit watch "), "the watch unit runs the installed launcher");
    Files.writeString(tmp.resolve("wbaudit-watch.service"), watch.replace("/opt/wbaudit/wbaudit", launcher.toString()));
    Process p = new ProcessBuilder(analyze.toString(), "verify",
        tmp.resolve("wbaudit.service").toString(), tmp.resolve("wbaudit.timer").toString(),
        tmp.resolve("wbaudit-watch.service").toString())
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze verify did not finish in 60 s");
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), said);
    assertEquals("", said.strip(), "systemd-analyze verify has remarks");
  }
}
