package org.wbaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wbaudit.directory.DemoDirectory;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sddl;
import org.wbaudit.sd.Sid;

/**
 * A grant added to an OU and not yet stamped on its users: the embedded directory never
 * propagates, so it stands for a DC whose propagation has not run (Samba propagates at once).
 */
class PropagationTest {
  static final String LEGAL = "OU=Legal," + DemoDirectory.BASE;

  @Test
  void aGrantOnTheOuNotYetOnItsUsersIsReportedForEachUserItWouldFix() throws Exception {
    try (DemoDirectory demo = DemoDirectory.start()) {
      DemoAuditTest.Collected before = new DemoAuditTest.Collected();
      DemoAuditTest.audit(demo, 50, before);
      assertTrue(before.findings.stream().noneMatch(f -> f.rule().equals("GRANT_NOT_PROPAGATED")),
          "the exported domain is fully propagated");

      // Reset Password for svc-sync on descendant users of OU=Legal, as an admin would add it.
      // The export carries no OU descriptors: give the OU one, with the grant first.
      Sid domain = Sid.parse(before.header.domainSid());
      SecurityDescriptor withGrant = Sddl.parse("O:DAG:DAD:(OA;CIIO;CR;00299570-246d-11d0-a768-00aa006e0529;"
          + "bf967aba-0de6-11d0-a285-00aa003049e2;" + before.header.principalSid() + ")"
          + "(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;DA)(A;;RPLCLORC;;;AU)", domain);
      demo.server().modify(LEGAL, new Modification(ModificationType.REPLACE, "nTSecurityDescriptor",
          withGrant.toBytes()));

      DemoAuditTest.Collected after = new DemoAuditTest.Collected();
      DemoAuditTest.audit(demo, 50, after);
      // The Legal users the grant would fix, from the layout (layout.py): those no ACE of their
      // own gives Reset Password (GA, CR for all rights and GA on Reset Password do), none of
      // them denied it, none with inheritance disabled.
      Set<String> expected = new HashSet<>();
      for (String user : List.of("legal-none", "legal-genericwrite", "legal-wp-on-reset", "legal-self",
          "legal-io", "legal-owned")) {
        expected.add("CN=" + user + "," + LEGAL);
      }
      Set<String> reported = new HashSet<>();
      for (Finding f : after.findings) {
        if (f.rule().equals("GRANT_NOT_PROPAGATED")) {
          reported.add(f.dn());
          assertEquals("resetPassword", f.details().get("right"));
          assertEquals(LEGAL, f.details().get("grantedOn"));
          assertEquals(0, f.details().get("aceIndex"));
        }
      }
      assertEquals(expected, reported);
      // A user of OU=Legal whose DACL is protected is INHERITANCE_DISABLED, never this.
      for (ObjectResult o : after.objects) {
        if (o.inheritanceDisabled()) {
          assertFalse(reported.contains(o.dn()));
        }
      }
    }
  }
}
