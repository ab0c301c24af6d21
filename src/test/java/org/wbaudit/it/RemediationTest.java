package org.wbaudit.it;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The printed remediation is right: applied to the Samba DC as printed (its SDDL, through
 * samba-tool), the users it targets then pass the audit, and the DC itself lets the sync
 * account reset them and write their lockoutTime and pwdLastSet.
 */
@Tag("integration")
class RemediationTest {
  @Test
  void applyingThePrintedGrantsMakesTheTargetedUsersPass() throws Exception {
    Layout layout = Layout.shared();
    SambaDc dc = layout.dc();
    String ou = "OU=Remedy," + layout.base();
    dc.tool("ou", "create", ou);
    try {
      remedy(layout, dc, ou);
    } finally {
      // The DC is shared: leave it as the other tests expect it.
      dc.tool("ou", "delete", ou, "--force-subtree-delete");
    }
  }

  private static void remedy(Layout layout, SambaDc dc, String ou) throws Exception {
    for (String u : List.of("rem1", "rem2")) {
      dc.tool("user", "create", u, Layout.USER_PASSWORD, "--userou=OU=Remedy");
    }
    String[] args = {"--url", dc.ldapsUrl(), "--bind-dn", layout.syncUpn(), "--password-file",
        layout.syncPasswordFile().toString(), "--trust-store", dc.caFile.toString(), "--format", "json"};
    Run before = Run.audit(args);
    assertNotNull(before.report(), before.err());
    JsonNode entry = null;
    for (JsonNode r : before.report().get("summary").get("remediation")) {
      if (r.get("container").asText().equalsIgnoreCase(ou)) {
        entry = r;
      }
    }
    assertNotNull(entry, "no remediation for " + ou + ": " + before.report().get("summary").get("remediation"));
    assertEquals(2, entry.get("users").asLong());
    List<String> rights = new ArrayList<>();
    entry.get("rights").forEach(r -> rights.add(r.asText()));
    assertTrue(rights.containsAll(List.of("resetPassword", "writeLockoutTime", "writePwdLastSet")), rights.toString());
    assertTrue(entry.get("dsacls").asText().startsWith("dsacls \"" + ou + "\" /I:S /G "), entry.toString());
    for (JsonNode ace : entry.get("sddl")) {
      dc.tool("dsacl", "set", "--objectdn=" + ou, "--sddl=" + ace.asText());
    }

    Run after = Run.audit(args);
    try (ResetOracle oracle = new ResetOracle(dc, layout.syncUpn(), Layout.SYNC_PASSWORD)) {
      for (JsonNode dn : entry.get("examples")) {
        JsonNode o = after.object(dn.asText());
        for (String right : rights) {
          assertEquals(true, o.get("rights").get(right).get("granted").asBoolean(), dn + " " + right
              + " after the printed grant: " + o.get("rights").get(right));
        }
        assertEquals(ResultCode.SUCCESS, oracle.reset(dn.asText(), "Fixed!Passw0rd9"), "the DC's answer");
        assertEquals(ResultCode.SUCCESS, oracle.write(dn.asText(), "lockoutTime", "0"));
        assertEquals(ResultCode.SUCCESS, oracle.write(dn.asText(), "pwdLastSet", "-1"));
      }
    }
    for (JsonNode r : after.report().get("summary").get("remediation")) {
      assertTrue(!r.get("container").asText().equalsIgnoreCase(ou), "nothing left to grant there: " + r);
    }
  }

  /**
   * Every grant printed for a whole forest (FABRIKAM: its default users and the anchor test's,
   * the sync account holding no delegation at all), applied as printed: each entry's users then
   * pass, and the DC agrees. AdminSDHolder entries are left out: Samba runs no SDProp, so a grant
   * there never reaches protected users on Samba.
   */
  @Test
  void everyGrantPrintedForAForestMakesItsUsersPass() throws Exception {
    AnchorLayout.plant();
    SambaDc dc = SambaDc.secondForest();
    java.nio.file.Path pw = java.nio.file.Files.createTempFile("wbaudit-fab", ".pw");
    java.nio.file.Files.writeString(pw, Layout.SYNC_PASSWORD);
    String bind = "svc-sync@fabrikam.example.test";
    String[] args = {"--url", dc.ldapsUrl(), "--bind-dn", bind, "--password-file", pw.toString(),
        "--trust-store", dc.caFile.toString(), "--format", "json"};
    Run before = Run.audit(args);
    assertNotNull(before.report(), before.err());
    List<JsonNode> applied = new ArrayList<>();
    // The forest is shared with the multi-forest tests: each container's descriptor goes back
    // as it was (the DC re-stamps its users). svc-sync is "reset" to the password it has; the
    // other users' passwords are not used by any test.
    java.util.Map<String, String> original = new java.util.LinkedHashMap<>();
    try {
      applyAndCheck(dc, before, args, bind, applied, original);
    } finally {
      original.forEach(dc::restoreDescriptor);
    }
  }

  private static void applyAndCheck(SambaDc dc, Run before, String[] args, String bind,
      List<JsonNode> applied, java.util.Map<String, String> original) throws Exception {
    for (JsonNode r : before.report().get("summary").get("remediation")) {
      if (r.get("container").asText().startsWith("CN=AdminSDHolder,")) {
        continue;
      }
      original.putIfAbsent(r.get("container").asText(), dc.descriptor(r.get("container").asText()));
      for (JsonNode ace : r.get("sddl")) {
        dc.tool("dsacl", "set", "--objectdn=" + r.get("container").asText(), "--sddl=" + ace.asText());
      }
      applied.add(r);
    }
    // CN=Users holds only built-in accounts and the connector itself, all outside the sync
    // scope: no grant is printed for them, only for the anchor test's users.
    assertTrue(applied.stream().anyMatch(r -> r.get("container").asText().startsWith("OU=Anchors,")),
        "a grant printed for the anchor test's users: " + applied);
    assertTrue(applied.stream().noneMatch(r -> r.get("container").asText().startsWith("CN=Users,")),
        "no grant for users outside the sync scope: " + applied);
    Run after = Run.audit(args);
    try (ResetOracle oracle = new ResetOracle(dc, bind, Layout.SYNC_PASSWORD)) {
      for (JsonNode r : applied) {
        for (JsonNode dn : r.get("examples")) {
          JsonNode o = after.object(dn.asText());
          for (JsonNode right : r.get("rights")) {
            assertEquals(true, o.get("rights").get(right.asText()).get("granted").asBoolean(),
                dn + " " + right + " after the printed grant on " + r.get("container"));
          }
          if (r.toString().contains("resetPassword")) {
            String password = dn.asText().startsWith("CN=svc-sync,") ? Layout.SYNC_PASSWORD : "Fixed!Passw0rd9";
            assertEquals(ResultCode.SUCCESS, oracle.reset(dn.asText(), password), "the DC on " + dn);
          }
        }
      }
    }
  }
}
