package org.wbaudit.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wbaudit.sd.AccessMask;
import org.wbaudit.sd.Guids;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sddl;
import org.wbaudit.sd.Sid;

/**
 * Every rule of the access check, one row each: a DACL in SDDL, the right asked for, and the
 * verdict with the index of the deciding ACE. Rows name the mistakes public tools have made.
 *
 * <p>DSL: {@code SYNC} is the audited account, {@code GRP} a group it is in (nested membership
 * ends up in the token the same way), {@code OTHER} an account it is not; {@code RESET},
 * {@code CHANGE}, {@code UNEXPIRE}, {@code LOCKOUT}, {@code PWDLASTSET}, {@code UAR} (the
 * User-Account-Restrictions property set), {@code USER}, {@code COMPUTER} and {@code INETORG}
 * stand for their GUIDs. The object is a user other than SYNC unless the row says SELF.
 */
class AccessCheckTest {
  static final Sid DOMAIN = Sid.parse("S-1-5-21-1-2-3");
  static final Sid SYNC = DOMAIN.withRid(1105);
  static final Sid GRP = DOMAIN.withRid(1106);
  static final Sid OTHER = DOMAIN.withRid(1107);
  static final Sid VICTIM = DOMAIN.withRid(1200);
  static final Token TOKEN = Token.networkLogon(SYNC, Set.of(GRP));

  static String expand(String s) {
    return s.replace("SYNC", SYNC.toString())
        .replace("GRP", GRP.toString())
        .replace("OTHER", OTHER.toString())
        .replace("RESET", WritebackRight.Guid.RESET_PASSWORD.toString())
        .replace("CHANGE", WritebackRight.Guid.CHANGE_PASSWORD.toString())
        .replace("UNEXPIRE", WritebackRight.Guid.UNEXPIRE_PASSWORD.toString())
        .replace("LOCKOUT", WritebackRight.Guid.LOCKOUT_TIME.toString())
        .replace("PWDLASTSET", WritebackRight.Guid.PWD_LAST_SET.toString())
        .replace("UAR", WritebackRight.Guid.USER_ACCOUNT_RESTRICTIONS.toString())
        .replace("INETORG", "4828cc14-1437-45bc-9b07-ad6f015e5f28")
        .replace("COMPUTER", "bf967a86-0de6-11d0-a285-00aa003049e2")
        .replace("USER", WritebackRight.Guid.USER_CLASS.toString());
  }

  static SecurityDescriptor sd(String sddl) throws Exception {
    return Sddl.parse(expand(sddl), DOMAIN);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
      # name                                              | descriptor                                                                  | right              | who   | verdict     | ace
      allow reset to the account                          | O:DAG:DAD:(OA;;CR;RESET;;SYNC)                                              | RESET_PASSWORD     | OTHER | GRANTED     | 0
      nothing grants reset                                | O:DAG:DAD:(A;;RPLCLORC;;;AU)                                                | RESET_PASSWORD     | OTHER | NOT_GRANTED | -1
      allow through a group in the token                  | O:DAG:DAD:(OA;;CR;RESET;;GRP)                                               | RESET_PASSWORD     | OTHER | GRANTED     | 0
      allow through Authenticated Users                   | O:DAG:DAD:(OA;;CR;RESET;;AU)                                                | RESET_PASSWORD     | OTHER | GRANTED     | 0
      allow for someone else does nothing                 | O:DAG:DAD:(OA;;CR;RESET;;OTHER)                                             | RESET_PASSWORD     | OTHER | NOT_GRANTED | -1
      deny before allow denies (deny not ignored)         | O:DAG:DAD:(OD;;CR;RESET;;SYNC)(OA;;CR;RESET;;SYNC)                          | RESET_PASSWORD     | OTHER | DENIED      | 0
      deny through a group denies                         | O:DAG:DAD:(OD;;CR;RESET;;GRP)(A;;GA;;;SYNC)                                 | RESET_PASSWORD     | OTHER | DENIED      | 0
      deny after allow does not revoke                    | O:DAG:DAD:(OA;;CR;RESET;;SYNC)(OD;;CR;RESET;;SYNC)                          | RESET_PASSWORD     | OTHER | GRANTED     | 0
      deny after allow, non-canonical order kept          | O:DAG:DAD:(A;ID;CR;;;SYNC)(OD;;CR;RESET;;SYNC)                              | RESET_PASSWORD     | OTHER | GRANTED     | 0
      inherit-only allow does not apply                   | O:DAG:DAD:(OA;CIIO;CR;RESET;USER;SYNC)                                      | RESET_PASSWORD     | OTHER | NOT_GRANTED | -1
      inherit-only deny does not apply                    | O:DAG:DAD:(OD;CIIO;CR;RESET;;SYNC)(OA;;CR;RESET;;SYNC)                      | RESET_PASSWORD     | OTHER | GRANTED     | 1
      inherited allow applies                             | O:DAG:DAD:(OA;CIID;CR;RESET;USER;SYNC)                                      | RESET_PASSWORD     | OTHER | GRANTED     | 0
      GenericAll on an object ACE for the reset GUID      | O:DAG:DAD:(OA;;GA;RESET;;SYNC)                                              | RESET_PASSWORD     | OTHER | GRANTED     | 0
      GenericAll on the whole object                      | O:DAG:DAD:(A;;GA;;;SYNC)                                                    | RESET_PASSWORD     | OTHER | GRANTED     | 0
      GenericWrite is not reset                           | O:DAG:DAD:(A;;GW;;;SYNC)                                                    | RESET_PASSWORD     | OTHER | NOT_GRANTED | -1
      write property on the reset GUID is not reset       | O:DAG:DAD:(OA;;WP;RESET;;SYNC)                                              | RESET_PASSWORD     | OTHER | NOT_GRANTED | -1
      GenericWrite on an object ACE for reset is not reset| O:DAG:DAD:(OA;;GW;RESET;;SYNC)                                              | RESET_PASSWORD     | OTHER | NOT_GRANTED | -1
      control access without object type = all rights    | O:DAG:DAD:(A;;CR;;;SYNC)                                                    | RESET_PASSWORD     | OTHER | GRANTED     | 0
      object ACE without object type = all rights        | O:DAG:DAD:(OA;;CR;;USER;SYNC)                                               | RESET_PASSWORD     | OTHER | GRANTED     | 0
      control access for another right only              | O:DAG:DAD:(OA;;CR;CHANGE;;SYNC)                                             | RESET_PASSWORD     | OTHER | NOT_GRANTED | -1
      deny of change password is not a deny of reset      | O:DAG:DAD:(OD;;CR;CHANGE;;SYNC)(OA;;CR;RESET;;SYNC)                         | RESET_PASSWORD     | OTHER | GRANTED     | 1
      deny of change password denies change               | O:DAG:DAD:(OD;;CR;CHANGE;;SYNC)(OA;;CR;RESET;;SYNC)                         | CHANGE_PASSWORD    | OTHER | DENIED      | 0
      deny of all control access denies reset             | O:DAG:DAD:(D;;CR;;;SYNC)(OA;;CR;RESET;;SYNC)                                | RESET_PASSWORD     | OTHER | DENIED      | 0
      object ACE on the object's own class applies        | O:DAG:DAD:(OA;;CR;USER;;SYNC)                                               | RESET_PASSWORD     | OTHER | GRANTED     | 0
      object ACE on another class does not apply          | O:DAG:DAD:(OA;;CR;COMPUTER;;SYNC)                                           | RESET_PASSWORD     | OTHER | NOT_GRANTED | -1
      inherited object type does not limit the object     | O:DAG:DAD:(OA;;CR;RESET;COMPUTER;SYNC)                                      | RESET_PASSWORD     | OTHER | GRANTED     | 0
      CREATOR OWNER never matches, even for the owner     | O:SYNCG:DAD:(OA;;CR;RESET;;CO)                                              | RESET_PASSWORD     | OTHER | NOT_GRANTED | -1
      PRINCIPAL SELF does not match on another object     | O:DAG:DAD:(OA;;CR;RESET;;PS)                                                | RESET_PASSWORD     | OTHER | NOT_GRANTED | -1
      PRINCIPAL SELF matches on the account's own object  | O:DAG:DAD:(OA;;CR;RESET;;PS)                                                | RESET_PASSWORD     | SELF  | GRANTED     | 0
      PRINCIPAL SELF deny on own object                   | O:DAG:DAD:(OD;;CR;RESET;;PS)(A;;CR;;;SYNC)                                  | RESET_PASSWORD     | SELF  | DENIED      | 0
      the owner does not hold reset                       | O:SYNCG:DAD:(A;;RPLCLORC;;;AU)                                              | RESET_PASSWORD     | OTHER | NOT_GRANTED | -1
      OWNER RIGHTS grants to the owner                    | O:SYNCG:DAD:(OA;;CR;RESET;;OW)                                              | RESET_PASSWORD     | OTHER | GRANTED     | 0
      OWNER RIGHTS is nobody when not the owner           | O:DAG:DAD:(OA;;CR;RESET;;OW)                                                | RESET_PASSWORD     | OTHER | NOT_GRANTED | -1
      NULL DACL grants everything                         | O:DAG:DAD:NO_ACCESS_CONTROL                                                 | RESET_PASSWORD     | OTHER | GRANTED     | -1
      no DACL at all grants everything                    | O:DAG:DA                                                                    | RESET_PASSWORD     | OTHER | GRANTED     | -1
      empty DACL grants nothing                           | O:DAG:DAD:                                                                  | RESET_PASSWORD     | OTHER | NOT_GRANTED | -1
      protected DACL is still evaluated                   | O:DAG:DAD:P(OA;;CR;RESET;;SYNC)                                             | RESET_PASSWORD     | OTHER | GRANTED     | 0
      audit ACEs in the SACL grant nothing                | O:DAG:DAD:S:(OU;SA;CR;RESET;;SYNC)                                          | RESET_PASSWORD     | OTHER | NOT_GRANTED | -1
      conditional ACE that might decide is unknown        | O:DAG:DAD:(XA;;CR;;;SYNC)                                                   | RESET_PASSWORD     | OTHER | UNKNOWN     | 0
      conditional ACE after the decision is irrelevant    | O:DAG:DAD:(A;;CR;;;SYNC)(XD;;CR;;;SYNC)                                     | RESET_PASSWORD     | OTHER | GRANTED     | 0
      pwdLastSet through its property set                 | O:DAG:DAD:(OA;;WP;UAR;;SYNC)                                                | WRITE_PWD_LAST_SET | OTHER | GRANTED     | 0
      pwdLastSet through the attribute itself             | O:DAG:DAD:(OA;;WP;PWDLASTSET;;SYNC)                                         | WRITE_PWD_LAST_SET | OTHER | GRANTED     | 0
      lockoutTime is in no property set                   | O:DAG:DAD:(OA;;WP;UAR;;SYNC)                                                | WRITE_LOCKOUT_TIME | OTHER | NOT_GRANTED | -1
      lockoutTime through the attribute                   | O:DAG:DAD:(OA;;WP;LOCKOUT;;SYNC)                                            | WRITE_LOCKOUT_TIME | OTHER | GRANTED     | 0
      write property without object type = all attributes | O:DAG:DAD:(A;;WP;;;SYNC)                                                    | WRITE_LOCKOUT_TIME | OTHER | GRANTED     | 0
      GenericWrite includes write property                | O:DAG:DAD:(A;;GW;;;SYNC)                                                    | WRITE_PWD_LAST_SET | OTHER | GRANTED     | 0
      read property is not write property                 | O:DAG:DAD:(OA;;RP;PWDLASTSET;;SYNC)                                         | WRITE_PWD_LAST_SET | OTHER | NOT_GRANTED | -1
      deny on the property set denies its member          | O:DAG:DAD:(OD;;WP;UAR;;SYNC)(OA;;WP;PWDLASTSET;;SYNC)                       | WRITE_PWD_LAST_SET | OTHER | DENIED      | 0
      grant on the attribute, later deny on its set       | O:DAG:DAD:(OA;;WP;PWDLASTSET;;SYNC)(OD;;WP;UAR;;SYNC)                       | WRITE_PWD_LAST_SET | OTHER | GRANTED     | 0
      deny on another attribute does not apply            | O:DAG:DAD:(OD;;WP;LOCKOUT;;SYNC)(A;;WP;;;SYNC)                              | WRITE_PWD_LAST_SET | OTHER | GRANTED     | 1
      unexpire password on the domain                     | O:DAG:DAD:(OA;;CR;UNEXPIRE;;AU)                                             | UNEXPIRE_PASSWORD  | OTHER | GRANTED     | 0
      """)
  void decides(String name, String sddl, WritebackRight right, String who, String verdict, int ace)
      throws Exception {
    Sid objectSid = who.equals("SELF") ? SYNC : VICTIM;
    UUID objectClass =
        right == WritebackRight.UNEXPIRE_PASSWORD
            ? WritebackRight.Guid.DOMAIN_DNS_CLASS
            : WritebackRight.Guid.USER_CLASS;
    Decision d = AccessCheck.evaluate(sd(sddl), TOKEN, objectSid, right.request(objectClass));
    assertEquals(verdict, kind(d), () -> name + ": " + d);
    assertEquals(ace, decidingAce(d), () -> name + ": " + d);
  }

  static String kind(Decision d) {
    if (d instanceof Decision.Granted) {
      return "GRANTED";
    }
    if (d instanceof Decision.Denied) {
      return "DENIED";
    }
    if (d instanceof Decision.NotGranted) {
      return "NOT_GRANTED";
    }
    return "UNKNOWN";
  }

  static int decidingAce(Decision d) {
    if (d instanceof Decision.Granted g) {
      return g.aceIndex();
    }
    if (d instanceof Decision.Denied x) {
      return x.aceIndex();
    }
    if (d instanceof Decision.Unknown u) {
      return u.aceIndex();
    }
    return -1;
  }

  @Test
  void nullAndEmptyDaclAreNotConfused() throws Exception {
    Decision nullDacl = AccessCheck.evaluate(
        sd("O:DAG:DAD:NO_ACCESS_CONTROL"), TOKEN, VICTIM, WritebackRight.RESET_PASSWORD.request(null));
    Decision empty = AccessCheck.evaluate(
        sd("O:DAG:DAD:"), TOKEN, VICTIM, WritebackRight.RESET_PASSWORD.request(null));
    assertEquals(Decision.Basis.NULL_DACL, assertInstanceOf(Decision.Granted.class, nullDacl).basis());
    assertTrue(assertInstanceOf(Decision.NotGranted.class, empty).emptyDacl());
  }

  @Test
  void ownerHoldsReadControlAndWriteDacImplicitly() throws Exception {
    SecurityDescriptor owned = sd("O:SYNCG:DAD:");
    Decision rc = AccessCheck.evaluate(owned, TOKEN, VICTIM,
        AccessRequest.onObject(AccessMask.READ_CONTROL | AccessMask.WRITE_DAC));
    assertEquals(Decision.Basis.OWNER_IMPLICIT, assertInstanceOf(Decision.Granted.class, rc).basis());
    Decision wo = AccessCheck.evaluate(owned, TOKEN, VICTIM, AccessRequest.onObject(AccessMask.WRITE_OWNER));
    assertInstanceOf(Decision.NotGranted.class, wo);
  }

  @Test
  void ownerRightsAceReplacesTheImplicitGrant() throws Exception {
    // With an OWNER RIGHTS ACE granting only RC, the owner no longer gets WRITE_DAC for free.
    SecurityDescriptor owned = sd("O:SYNCG:DAD:(A;;RC;;;OW)");
    assertInstanceOf(Decision.NotGranted.class, AccessCheck.evaluate(owned, TOKEN, VICTIM,
        AccessRequest.onObject(AccessMask.WRITE_DAC)));
    Decision rc = AccessCheck.evaluate(owned, TOKEN, VICTIM, AccessRequest.onObject(AccessMask.READ_CONTROL));
    assertEquals(0, assertInstanceOf(Decision.Granted.class, rc).aceIndex());
    // An inherit-only OWNER RIGHTS ACE does not count: the implicit grant stays.
    SecurityDescriptor io = sd("O:SYNCG:DAD:(A;CIIO;RC;;;OW)");
    assertInstanceOf(Decision.Granted.class, AccessCheck.evaluate(io, TOKEN, VICTIM,
        AccessRequest.onObject(AccessMask.WRITE_DAC)));
  }

  @Test
  void bitsAreDecidedSeparatelyByTheirFirstAce() throws Exception {
    // RP granted by ACE 0; WP then denied by ACE 1: asking for both is denied, for RP granted.
    SecurityDescriptor s = sd("O:DAG:DAD:(A;;RP;;;SYNC)(D;;RPWP;;;SYNC)");
    Decision both = AccessCheck.evaluate(s, TOKEN, VICTIM,
        AccessRequest.onObject(AccessMask.READ_PROPERTY | AccessMask.WRITE_PROPERTY));
    Decision.Denied denied = assertInstanceOf(Decision.Denied.class, both);
    assertEquals(AccessMask.WRITE_PROPERTY, denied.deniedMask());
    assertInstanceOf(Decision.Granted.class, AccessCheck.evaluate(s, TOKEN, VICTIM,
        AccessRequest.onObject(AccessMask.READ_PROPERTY)));
  }

  @Test
  void reportsUnknownRatherThanGuessingOnAnUndecodableAce() throws Exception {
    // A DACL with an ACE type byte no one defines (0x42), before the grant.
    byte[] bin = sd("O:DAG:DAD:(A;;CR;;;SYNC)").toBytes();
    byte[] patched = insertOpaqueAceFirst(bin);
    Decision d = AccessCheck.evaluate(SecurityDescriptor.parse(patched), TOKEN, VICTIM,
        WritebackRight.RESET_PASSWORD.request(null));
    assertEquals(0, assertInstanceOf(Decision.Unknown.class, d).aceIndex());
    assertNull(d.grantedOrNull());
  }

  /** Builds a descriptor with an 8-byte ACE of type 0x42 in front of the existing DACL. */
  static byte[] insertOpaqueAceFirst(byte[] sd) throws Exception {
    SecurityDescriptor parsed = SecurityDescriptor.parse(sd);
    var aces = new java.util.ArrayList<org.wbaudit.sd.Ace>(parsed.dacl().aces());
    aces.add(0, new org.wbaudit.sd.OpaqueAce(0x42, 0, new byte[] {1, 2, 3, 4}));
    return new SecurityDescriptor(parsed.control(), 0, parsed.owner(), parsed.group(), null,
        new org.wbaudit.sd.Acl(4, aces)).toBytes();
  }

  @Test
  void guidByteOrderIsMixedEndianInTheDescriptor() throws Exception {
    // The reset right's GUID as AD stores it: first three fields little-endian.
    byte[] stored = {0x70, (byte) 0x95, 0x29, 0x00, 0x6d, 0x24, (byte) 0xd0, 0x11,
        (byte) 0xa7, 0x68, 0x00, (byte) 0xaa, 0x00, 0x6e, 0x05, 0x29};
    assertEquals(WritebackRight.Guid.RESET_PASSWORD, Guids.fromBytes(stored));
    byte[] bin = sd("O:DAG:DAD:(OA;;CR;RESET;;SYNC)").toBytes();
    int at = indexOf(bin, stored);
    assertTrue(at > 0, "reset GUID stored mixed-endian in the encoded ACE");
    // The same GUID written big-endian names something else, which grants nothing.
    byte[] bigEndian = uuidBigEndian(WritebackRight.Guid.RESET_PASSWORD);
    System.arraycopy(bigEndian, 0, bin, at, 16);
    Decision d = AccessCheck.evaluate(SecurityDescriptor.parse(bin), TOKEN, VICTIM,
        WritebackRight.RESET_PASSWORD.request(null));
    assertInstanceOf(Decision.NotGranted.class, d);
  }

  static byte[] uuidBigEndian(UUID u) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
    b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    return b.array();
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void explanationListsEachAceUpToTheDecision() throws Exception {
    SecurityDescriptor s = sd(
        "O:DAG:DAD:(OA;CIIO;CR;RESET;USER;SYNC)(A;;RP;;;OTHER)(OA;;CR;CHANGE;;SYNC)(OA;;CR;RESET;;GRP)(OD;;CR;RESET;;SYNC)");
    AccessCheck.Explanation e = AccessCheck.explain(s, TOKEN, VICTIM,
        WritebackRight.RESET_PASSWORD.request(WritebackRight.Guid.USER_CLASS));
    assertEquals(3, assertInstanceOf(Decision.Granted.class, e.decision()).aceIndex());
    assertEquals(
        java.util.List.of(TraceStep.Outcome.SKIPPED_INHERIT_ONLY,
            TraceStep.Outcome.SKIPPED_SID_NOT_IN_TOKEN,
            TraceStep.Outcome.SKIPPED_OTHER_OBJECT_TYPE,
            TraceStep.Outcome.GRANTED),
        e.trace().stream().map(TraceStep::outcome).toList());
  }
}
