package org.wbaudit.sd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The real descriptors of a provisioned Samba AD domain, with Samba's own reading of each, as
 * written by {@code scripts/samba-descriptors.py} into {@code samba/descriptors.jsonl}.
 */
public record SambaDescriptors(Sid domain, List<Row> rows) {
  /** One distinct descriptor: where it came from, its bytes and Samba's SDDL for them. */
  public record Row(String source, String dn, String base64, String sddl) {}

  public static final String RESOURCE = "/samba/descriptors.jsonl";

  public Row get(int i) {
    return rows.get(i);
  }

  public static SambaDescriptors load() {
    ObjectMapper json = new ObjectMapper();
    try (var in = SambaDescriptors.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the test resources");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      JsonNode head = json.readTree(r.readLine());
      Sid domain = Sid.parse(head.get("domainSid").asText());
      List<Row> rows = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        JsonNode n = json.readTree(line);
        rows.add(new Row(n.get("source").asText(), n.get("dn").asText(), n.get("base64").asText(),
            n.get("sddl").asText()));
      }
      if (rows.size() != head.get("count").asInt()) {
        throw new IllegalStateException(RESOURCE + " is truncated: header says "
            + head.get("count") + " rows, found " + rows.size());
      }
      return new SambaDescriptors(domain, List.copyOf(rows));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
