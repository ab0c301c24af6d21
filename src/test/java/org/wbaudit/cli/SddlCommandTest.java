package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wbaudit.sd.SambaDescriptors;
import org.wbaudit.sd.Sddl;

class SddlCommandTest {
  static final String GOOD = "AQAEgBQAAAAwAAAAAAAAAEwAAAABBQAAAAAABRUAAAABAAAAAgAAAAMAAAAAAgAAAQUAAAAAAAUVAAAAAQAAAAIAAAADAAAAAQIAAAIAHAABAAAAAAAUAAABAAABAQAAAAAABQsAAAA=";
  final ObjectMapper json = new ObjectMapper();

  @Test
  void jsonlReportsEachLineAndCarriesOnAfterBadOnes() throws Exception {
    Cli r = Cli.run(GOOD + "\nnot base64!\n\nAQAAAA==\n" + GOOD + "\n", "sddl", "--format", "jsonl",
        "--domain-sid", "S-1-5-21-1-2-3");
    assertEquals(ExitCode.INVALID_INPUT.code(), r.exitCode(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(4, lines.size(), r.out());
    JsonNode first = json.readTree(lines.get(0));
    assertEquals(1, first.get("line").asInt());
    assertEquals("O:DAG:DUD:(A;;CR;;;AU)", first.get("sddl").asText());
    JsonNode second = json.readTree(lines.get(1));
    assertEquals(2, second.get("line").asInt());
    assertTrue(second.get("error").asText().contains("not base64"));
    JsonNode third = json.readTree(lines.get(2));
    assertEquals(4, third.get("line").asInt(), "the blank line 3 is skipped, numbering kept");
    assertTrue(third.get("error").asText().contains("at byte 0: expected a 20-byte header"));
    assertEquals(5, json.readTree(lines.get(3)).get("line").asInt());
  }

  @Test
  void allGoodLinesExitZero() {
    Cli r = Cli.run(GOOD + "\n" + GOOD + "\n", "sddl");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(2, r.out().lines().count());
    assertTrue(r.out().startsWith("O:S-1-5-21-1-2-3-512G:S-1-5-21-1-2-3-513D:(A;;CR;;;AU)"));
  }

  @Test
  void textModeSendsErrorsToStandardErrorWithLineNumbers() {
    Cli r = Cli.run(GOOD + "\nAQAAAA==\n", "sddl");
    assertEquals(ExitCode.INVALID_INPUT.code(), r.exitCode());
    assertEquals(1, r.out().lines().count());
    assertTrue(r.err().contains("line 2: malformed security descriptor at byte 0"), r.err());
    assertTrue(r.err().contains("1 of the input lines could not be read"), r.err());
  }

  @Test
  void encodeIsTheInverse() {
    Cli enc = Cli.run("O:DAG:DUD:(A;;CR;;;AU)\n", "sddl", "--encode", "--domain-sid", "S-1-5-21-1-2-3");
    assertEquals(0, enc.exitCode(), enc.err());
    Cli dec = Cli.run(enc.out(), "sddl", "--domain-sid", "S-1-5-21-1-2-3");
    assertEquals("O:DAG:DUD:(A;;CR;;;AU)", dec.out().strip());
    Cli bad = Cli.run("O:DAG:DUD:(A;;CR;;;AU\n", "sddl", "--encode", "--format", "jsonl",
        "--domain-sid", "S-1-5-21-1-2-3");
    assertEquals(ExitCode.INVALID_INPUT.code(), bad.exitCode());
    assertTrue(bad.out().contains("\"error\":\"malformed SDDL at character 10: ACE is not closed by ')'\""),
        bad.out());
  }

  @Test
  void convertsEveryRealDescriptorOfASambaDomain() throws Exception {
    SambaDescriptors data = SambaDescriptors.load();
    StringBuilder in = new StringBuilder();
    data.rows().forEach(row -> in.append(row.base64()).append('\n'));
    Cli r = Cli.run(in.toString(), "sddl", "--domain-sid", data.domain().toString());
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(data.rows().size(), lines.size());
    // Each line against the SDDL Samba itself wrote for that row: the same text, or (where the
    // two spell a mask or an order of flags differently) the same descriptor once read.
    int sameText = 0;
    for (int i = 0; i < lines.size(); i++) {
      SambaDescriptors.Row row = data.rows().get(i);
      if (lines.get(i).equals(row.sddl())) {
        sameText++;
        continue;
      }
      assertEquals(List.of(), SambaDescriptors.differences(Sddl.parse(row.sddl(), data.domain()),
          Sddl.parse(lines.get(i), data.domain())), row.dn() + ": ours " + lines.get(i) + "\nSamba's " + row.sddl());
    }
    System.out.println("SddlCommandTest: " + sameText + " of " + lines.size() + " lines are Samba's text exactly");
  }

  @Test
  void badOptionsAreUsageErrorsWithoutAStackTrace() {
    Cli sid = Cli.run("", "sddl", "--domain-sid", "S-2-5");
    assertEquals(ExitCode.USAGE.code(), sid.exitCode());
    assertTrue(sid.err().contains("--domain-sid: SID revision must be 1"), sid.err());
    Cli format = Cli.run("", "sddl", "--format", "xml");
    assertEquals(ExitCode.USAGE.code(), format.exitCode());
    assertFalse(format.err().contains("\tat "), format.err());
    Cli unknown = Cli.run("", "frobnicate");
    assertEquals(ExitCode.USAGE.code(), unknown.exitCode());
  }

  @Test
  void helpListsTheExitCodes() {
    Cli r = Cli.run("", "--help");
    assertEquals(0, r.exitCode());
    for (ExitCode e : ExitCode.values()) {
      assertTrue(r.out().contains(e.meaning()), e.name());
    }
  }
}
