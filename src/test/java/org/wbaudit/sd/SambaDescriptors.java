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

  /** Control bits SDDL can carry; the defaulted bits and the like have no SDDL form. */
  public static final int SDDL_CONTROL = SecurityDescriptor.DACL_PRESENT
      | SecurityDescriptor.SACL_PRESENT | SecurityDescriptor.DACL_PROTECTED
      | SecurityDescriptor.SACL_PROTECTED | SecurityDescriptor.DACL_AUTO_INHERITED
      | SecurityDescriptor.SACL_AUTO_INHERITED | SecurityDescriptor.DACL_AUTO_INHERIT_REQ
      | SecurityDescriptor.SACL_AUTO_INHERIT_REQ;

  /**
   * How {@code ours} differs from {@code samba} in what SDDL can carry (control, owner, group,
   * DACL, SACL); empty when they agree.
   */
  public static java.util.List<String> differences(SecurityDescriptor samba, SecurityDescriptor ours) {
    java.util.List<String> d = new ArrayList<>();
    if ((samba.control() & SDDL_CONTROL) != (ours.control() & SDDL_CONTROL)) {
      d.add("control");
    }
    if (!java.util.Objects.equals(samba.owner(), ours.owner())) {
      d.add("owner");
    }
    if (!java.util.Objects.equals(samba.group(), ours.group())) {
      d.add("group");
    }
    if (!java.util.Objects.equals(aces(samba.dacl()), aces(ours.dacl()))) {
      d.add("DACL");
    }
    if (!java.util.Objects.equals(aces(samba.sacl()), aces(ours.sacl()))) {
      d.add("SACL");
    }
    return d;
  }

  private static Object aces(Acl acl) {
    return acl == null ? null : acl.aces();
  }

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
