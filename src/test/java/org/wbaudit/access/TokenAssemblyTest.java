package org.wbaudit.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wbaudit.sd.Sid;
import org.wbaudit.sd.WellKnownSid;

class TokenAssemblyTest {
  static final Sid DOMAIN = Sid.parse("S-1-5-21-10-20-30");
  static final Sid SYNC = DOMAIN.withRid(1105);
  static final Sid HELPDESK = DOMAIN.withRid(1106);
  static final Sid PRE_W2K = Sid.parse("S-1-5-32-554");
  static final Sid ACCOUNT_OPS = Sid.parse("S-1-5-32-548");
  static final Sid PRINT_OPS = Sid.parse("S-1-5-32-550");
  static final Sid BACKUP_OPS = Sid.parse("S-1-5-32-551");

  @Test
  void aNetworkLogonHoldsItsGroupsAndTheWellKnownSids() {
    Token t = TokenAssembly.networkLogon(SYNC, List.of(HELPDESK), Map.of());
    assertEquals(SYNC, t.user());
    for (Sid s : List.of(SYNC, HELPDESK, WellKnownSid.EVERYONE.sid(), WellKnownSid.AUTHENTICATED_USERS.sid(),
        WellKnownSid.NETWORK.sid(), WellKnownSid.THIS_ORGANIZATION.sid())) {
      assertTrue(t.contains(s), s.toString());
    }
    assertEquals(6, t.sids().size());
  }

  @Test
  void anAliasJoinedThroughAWellKnownSidIsIn() {
    // Pre-Windows 2000 Compatible Access holds Authenticated Users on many domains.
    Token t = TokenAssembly.networkLogon(SYNC, List.of(),
        Map.of(PRE_W2K, List.of(WellKnownSid.AUTHENTICATED_USERS.sid())));
    assertTrue(t.contains(PRE_W2K));
  }

  @Test
  void aliasesNestToAFixpointWhateverTheOrderTheyAreListedIn() {
    // Print Operators holds Account Operators, which holds Helpdesk: two rounds are needed when
    // Print Operators is seen first.
    Map<Sid, List<Sid>> members = new java.util.LinkedHashMap<>();
    members.put(PRINT_OPS, List.of(ACCOUNT_OPS));
    members.put(ACCOUNT_OPS, List.of(HELPDESK));
    members.put(BACKUP_OPS, List.of(DOMAIN.withRid(4000)));
    Token t = TokenAssembly.networkLogon(SYNC, List.of(HELPDESK), members);
    assertTrue(t.contains(ACCOUNT_OPS));
    assertTrue(t.contains(PRINT_OPS), "reached through Account Operators");
    assertFalse(t.contains(BACKUP_OPS), "no SID of the token is a member");
  }

  @Test
  void anAliasWithTheAccountItselfAsMemberIsIn() {
    Token t = TokenAssembly.networkLogon(SYNC, List.of(), Map.of(BACKUP_OPS, List.of(SYNC)));
    assertTrue(t.contains(BACKUP_OPS));
  }
}
