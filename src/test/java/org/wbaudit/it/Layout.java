package org.wbaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The delegation layout of layout.py, built once in the shared DC: the sync account, its groups,
 * and users that each exercise one way writeback rights are given or taken.
 */
public record Layout(SambaDc dc, String domainSid, String base, String syncDn, String syncSid,
    String syncUpn, Path syncPasswordFile, Map<String, String> users) {
  public static final String SYNC_PASSWORD = "Sync!Passw0rd1";
  public static final String USER_PASSWORD = "User!Passw0rd1";

  private static Layout built;

  public static synchronized Layout shared() {
    if (built == null) {
      SambaDc dc = SambaDc.shared();
      String out = dc.python("samba/layout.py", SYNC_PASSWORD, USER_PASSWORD);
      try {
        JsonNode n = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
        Map<String, String> users = new LinkedHashMap<>();
        n.get("users").fields().forEachRemaining(e -> users.put(e.getKey(), e.getValue().asText()));
        Path pw = Files.createTempFile("wbaudit-sync", ".pw");
        Files.setPosixFilePermissions(pw, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.writeString(pw, SYNC_PASSWORD + "\n");
        built = new Layout(dc, n.get("domainSid").asText(), n.get("base").asText(),
            n.get("sync").get("dn").asText(), n.get("sync").get("sid").asText(),
            n.get("sync").get("upn").asText(), pw, users);
      } catch (IOException e) {
        throw new IllegalStateException("layout.py printed no usable JSON:\n" + out, e);
      }
    }
    return built;
  }

  public String dn(String user) {
    String dn = users.get(user);
    if (dn == null) {
      throw new IllegalArgumentException("no user " + user + " in the layout");
    }
    return dn;
  }
}
