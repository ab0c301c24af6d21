package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wbaudit.directory.ConnectionSettings;
import org.wbaudit.directory.DemoDirectory;
import org.wbaudit.sd.Sddl;
import org.wbaudit.sd.Sid;

/** wbaudit explain over the embedded directory: the same verdicts as the audit, and why. */
class ExplainCommandTest {
  record Out(int code, String out, String err) {}

  static Out explain(DemoDirectory demo, String... more) {
    ConnectionSettings s = demo.settings();
    List<String> args = new ArrayList<>(List.of("explain", "--url", "ldaps://" + s.url().host() + ":"
        + s.url().port(), "--bind-dn", s.bindName(), "--password-env", "PW", "--trust-store",
        s.trust().trustStore().toString()));
    args.addAll(List.of(more));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
        new PrintWriter(out), new PrintWriter(err), Map.of("PW", new String(s.password())));
    return new Out(code, out.toString(), err.toString());
  }

  static JsonNode json(DemoDirectory demo, String user) throws Exception {
    Out r = explain(demo, "--user", user, "--format", "json");
    assertEquals(0, r.code(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void everyUsersVerdictsAreTheAuditsAndTheDecidingAceApplies() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      Cli audit = Cli.run("", "demo", "--format", "json", "--fail-on", "critical");
      JsonNode report = new ObjectMapper().readTree(audit.out());
      int explained = 0;
      for (JsonNode o : org.wbaudit.report.ReportJson.objects(report)) {
        if (!o.get("descriptor").asText().equals("read")) {
          continue;
        }
        JsonNode e = json(demo, o.get("dn").asText());
        Set<String> token = new HashSet<>();
        e.get("token").forEach(t -> token.add(t.get("sid").asText()));
        for (String right : List.of("resetPassword", "changePassword", "writeLockoutTime", "writePwdLastSet")) {
          JsonNode mine = e.get("rights").get(right);
          assertEquals(o.get("rights").get(right).get("granted"), mine.get("granted"), o.get("dn") + " " + right);
          if (mine.get("aceIndex").isInt()) {
            JsonNode ace = e.get("aces").get(mine.get("aceIndex").asInt());
            assertTrue(ace.get("appliesToPrincipal").asBoolean(), "the deciding ACE applies: " + ace);
          }
        }
        for (JsonNode ace : e.get("aces")) {
          if (ace.get("appliesToPrincipal").asBoolean() && ace.get("why").asText().startsWith("the token holds")) {
            assertTrue(token.contains(ace.get("trustee").get("sid").asText()), ace.toString());
          }
        }
        explained++;
      }
      assertTrue(explained >= 20, "explained " + explained);
    }
  }

  @Test
  void trusteesAndGuidsAreNamedAndTheTextReadsTopDown() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      JsonNode e = json(demo, "fin1");
      assertEquals("CN=fin1,OU=Finance," + DemoDirectory.BASE, e.get("dn").asText());
      boolean named = false;
      boolean resetNamed = false;
      for (JsonNode ace : e.get("aces")) {
        named |= !ace.get("trustee").get("name").asText().startsWith("S-1-");
        resetNamed |= ace.path("objectType").asText("").contains("00299570-246d-11d0-a768-00aa006e0529")
            && !ace.path("objectType").asText("").startsWith("00299570");
      }
      assertTrue(named, "trustees named");
      assertTrue(resetNamed, "the Reset Password GUID is named from the Extended-Rights container");
      Out text = explain(demo, "--user", "fin1@corp.example.test");
      assertEquals(0, text.code(), text.err());
      assertTrue(text.out().indexOf("Writeback rights:") < text.out().indexOf("DACL ("), text.out());
      assertTrue(text.out().contains("resetPassword"), text.out());
    }
  }

  @Test
  void aParentGrantNotYetOnTheUserIsShown() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      JsonNode before = json(demo, "legal-none");
      assertEquals(0, before.get("pendingPropagation").size());
      assertNotEquals(true, before.get("rights").get("resetPassword").get("granted").asBoolean());
      String legal = "OU=Legal," + DemoDirectory.BASE;
      var grant = Sddl.parse("O:DAG:DAD:(OA;CIIO;CR;00299570-246d-11d0-a768-00aa006e0529;"
          + "bf967aba-0de6-11d0-a285-00aa003049e2;" + before.get("principalSid").asText() + ")"
          + "(A;;RPLCLORC;;;AU)", Sid.parse("S-1-5-21-1007261621-4066899675-27792043"));
      demo.server().modify(legal, new Modification(ModificationType.REPLACE, "nTSecurityDescriptor",
          grant.toBytes()));
      JsonNode after = json(demo, "legal-none");
      assertEquals(1, after.get("pendingPropagation").size(), after.get("pendingPropagation").toString());
      assertEquals(legal, after.get("pendingPropagation").get(0).get("grantedOn").asText());
      assertEquals("resetPassword", after.get("pendingPropagation").get(0).get("right").asText());
      assertFalse(after.get("inheritanceDisabled").asBoolean());
    }
  }

  @Test
  void anUnknownUserIsAClearError() {
    try (DemoDirectory demo = DemoDirectory.start()) {
      Out r = explain(demo, "--user", "nobody-here");
      assertEquals(2, r.code());
      assertTrue(r.err().contains("no user named nobody-here"), r.err());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
