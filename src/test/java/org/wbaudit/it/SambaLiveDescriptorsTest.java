package org.wbaudit.it;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wbaudit.sd.SambaDescriptors;
import org.wbaudit.sd.Sddl;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sid;

/**
 * The Samba cross-check of the parser, run live: the DC these tests provisioned (with its
 * delegation layout applied) is dumped by scripts/samba-descriptors.py, every distinct
 * nTSecurityDescriptor and schema default with Samba's own reading of it, and wbaudit must read
 * each the same way. The committed fixture (SambaCrossCheckTest) pins one domain; this one
 * follows whatever Samba the machine has.
 */
@Tag("integration")
class SambaLiveDescriptorsTest {
  @Test
  void everyDescriptorOfTheTestDomainReadsAsSambaReadsIt() throws Exception {
    SambaDc dc = Layout.shared().dc();
    Path script = Path.of("scripts/samba-descriptors.py").toAbsolutePath();
    Path out = Files.createTempFile("wbaudit-descriptors", ".jsonl");
    SambaDc.Result r = SambaDc.run(java.time.Duration.ofMinutes(3), "/bin/sh", "-c",
        "/usr/bin/python3 '" + script + "' '" + dc.dir + "' > '" + out + "'");
    assertEquals(0, r.code(), r.output());
    List<String> lines = Files.readAllLines(out);
    ObjectMapper json = new ObjectMapper();
    Sid domain = Sid.parse(json.readTree(lines.get(0)).get("domainSid").asText());
    List<String> disagreements = new ArrayList<>();
    int users = 0;
    for (String line : lines.subList(1, lines.size())) {
      JsonNode row = json.readTree(line);
      SecurityDescriptor ours = SecurityDescriptor.parse(Base64.getDecoder().decode(row.get("base64").asText()));
      SecurityDescriptor samba = Sddl.parse(row.get("sddl").asText(), domain);
      if (!SambaDescriptors.differences(samba, ours).isEmpty()) {
        disagreements.add(row.get("dn").asText() + ": Samba reads " + row.get("sddl").asText()
            + ", wbaudit " + Sddl.format(ours, domain));
      }
      if (row.get("dn").asText().contains(",OU=")) {
        users++;
      }
    }
    assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
    assertTrue(lines.size() > 90, "a provisioned domain has ~100 distinct descriptors, got " + lines.size());
    assertTrue(users > 10, "the layout's users with their own descriptors are in the dump: " + users);
  }
}
