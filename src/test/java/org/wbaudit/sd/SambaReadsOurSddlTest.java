package org.wbaudit.sd;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The other direction of the Samba cross-check: Samba's own SDDL reader (python3-samba) reads
 * what our writer produced, and must arrive at the descriptor the bytes hold. Runs Samba's code
 * live; python3-samba is installed by the README's test command, and its absence fails the test.
 */
@Tag("integration")
class SambaReadsOurSddlTest {
  static final String PYTHON = "/usr/bin/python3";

  @Test
  void sambaReadsOurSddlOfEveryRealDescriptorAsTheBytesSay() throws Exception {
    SambaDescriptors data = SambaDescriptors.load();
    StringBuilder in = header(data.domain());
    for (SambaDescriptors.Row row : data.rows()) {
      SecurityDescriptor sd = SecurityDescriptor.parse(Base64.getDecoder().decode(row.base64()));
      in.append(line(Sddl.format(sd, data.domain()), row.base64())).append('\n');
    }
    JsonNode summary = runSamba(in.toString());
    assertEquals(0, summary.get("disagreements").asInt(), summary.toString());
    assertEquals(data.rows().size(), summary.get("checked").asInt(), summary.toString());
  }

  @Test
  void sambaReadsOurSddlOfGeneratedDescriptorsAsTheBytesSay() throws Exception {
    // Every flag, right and SID form, in the ACE types Samba 4.17 handles.
    Sid domain = DescriptorArbitraries.DOMAIN;
    StringBuilder in = header(domain);
    int n = 500;
    DescriptorArbitraries.sambaComparableDescriptors().sampleStream().limit(n).forEach(sd -> {
      try {
        in.append(line(Sddl.format(sd, domain), Base64.getEncoder().encodeToString(sd.toBytes())))
            .append('\n');
      } catch (SddlException e) {
        throw new AssertionError(e);
      }
    });
    JsonNode summary = runSamba(in.toString());
    assertEquals(0, summary.get("disagreements").asInt(), summary.toString());
    int checked = summary.get("checked").asInt();
    assertEquals(n, checked + summary.get("unjudged").asInt(), summary.toString());
    // Samba 4.17 cannot round-trip some of its own output (an empty DACL with flags before S:);
    // it must still judge the great majority.
    assertTrue(checked > n * 8 / 10, "Samba could judge too few: " + summary);
  }

  static StringBuilder header(Sid domain) {
    return new StringBuilder(JSON.createObjectNode().put("domainSid", domain.toString()) + "\n");
  }

  static final ObjectMapper JSON = new ObjectMapper();

  static String line(String sddl, String base64) {
    ObjectNode n = JSON.createObjectNode();
    n.put("sddl", sddl);
    n.put("base64", base64);
    return n.toString();
  }

  /** Runs Samba's judge and returns its closing summary line. */
  static JsonNode runSamba(String input) throws Exception {
    assertTrue(new File(PYTHON).canExecute(), PYTHON + " is missing: run the README's test command");
    Path script = Path.of("scripts/samba-read-sddl.py").toAbsolutePath();
    Path inFile = Files.createTempFile("wbaudit-sddl", ".jsonl");
    Path outFile = Files.createTempFile("wbaudit-sddl", ".out");
    try {
      Files.writeString(inFile, input, StandardCharsets.UTF_8);
      Process p = new ProcessBuilder(PYTHON, script.toString())
          .redirectInput(inFile.toFile())
          .redirectOutput(outFile.toFile())
          .redirectErrorStream(true)
          .start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "Samba's SDDL reader did not finish");
      String out = Files.readString(outFile);
      assertEquals(0, p.exitValue(), "Samba disagrees (or python3-samba is missing):\n" + out);
      return JSON.readTree(out.strip().lines().reduce((x, y) -> y).orElseThrow());
    } finally {
      Files.deleteIfExists(inFile);
      Files.deleteIfExists(outFile);
    }
  }
}
