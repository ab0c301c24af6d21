package org.wbaudit.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.wbaudit.sd.AccessAce;
import org.wbaudit.sd.Ace;
import org.wbaudit.sd.AceFlags;
import org.wbaudit.sd.AceType;
import org.wbaudit.sd.Acl;
import org.wbaudit.sd.DescriptorArbitraries;
import org.wbaudit.sd.ObjectAce;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sid;

/** Laws any correct access check obeys, over random DACLs. */
class AccessCheckProperties {
  static final Sid DOMAIN = DescriptorArbitraries.DOMAIN;
  static final Sid SYNC = DOMAIN.withRid(1105);
  static final Token TOKEN = Token.networkLogon(SYNC, Set.of(DOMAIN.withRid(1106)));
  static final Sid VICTIM = DOMAIN.withRid(1200);

  @Provide
  Arbitrary<SecurityDescriptor> descriptors() {
    return DescriptorArbitraries.sddlDescriptors();
  }

  /** Descriptors with a real DACL: the laws below are about ACEs, which a NULL DACL ignores. */
  @Provide
  Arbitrary<SecurityDescriptor> withDacl() {
    return DescriptorArbitraries.sddlDescriptorsWithDacl();
  }

  @Provide
  Arbitrary<Ace> aces() {
    return DescriptorArbitraries.sddlAces();
  }

  @Provide
  Arbitrary<WritebackRight> rights() {
    return Arbitraries.of(WritebackRight.values());
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 100);
  }

  /** A SID that is in no way in the token: not in it, not SELF, not OWNER RIGHTS. */
  @Provide
  Arbitrary<Sid> strangers() {
    return Arbitraries.integers().between(2000, 3000).map(DOMAIN::withRid);
  }

  static Decision check(SecurityDescriptor sd, WritebackRight right) {
    return AccessCheck.evaluate(sd, TOKEN, VICTIM,
        right.request(WritebackRight.Guid.USER_CLASS));
  }

  /**
   * The verdict and the ACE that decided it, without positions (an inserted ACE shifts them) or
   * descriptive detail such as whether the DACL was empty.
   */
  static String verdict(Decision d) {
    if (d instanceof Decision.Granted g) {
      return "granted " + g.basis() + " " + g.ace();
    }
    if (d instanceof Decision.Denied x) {
      return "denied " + x.ace() + " " + x.deniedMask();
    }
    if (d instanceof Decision.NotGranted n) {
      return "not granted " + n.missingMask();
    }
    return "unknown " + ((Decision.Unknown) d).reason().replaceAll("ACE \\d+", "ACE");
  }

  static SecurityDescriptor withAce(SecurityDescriptor sd, int at, Ace ace) {
    List<Ace> aces = new ArrayList<>(sd.dacl() == null ? List.of() : sd.dacl().aces());
    aces.add(at % (aces.size() + 1), ace);
    return new SecurityDescriptor(sd.control() | SecurityDescriptor.DACL_PRESENT, 0, sd.owner(),
        sd.group(), sd.sacl(), Acl.of(aces));
  }

  static Ace inheritOnly(Ace ace) {
    int flags = ace.flags() | AceFlags.INHERIT_ONLY;
    if (ace instanceof AccessAce a) {
      return new AccessAce(a.type(), flags, a.mask(), a.sid());
    }
    ObjectAce o = (ObjectAce) ace;
    return new ObjectAce(o.type(), flags, o.mask(), o.objectType(), o.inheritedObjectType(), o.sid());
  }

  static Ace withSid(Ace ace, Sid sid) {
    if (ace instanceof AccessAce a) {
      return new AccessAce(a.type(), a.flags(), a.mask(), sid);
    }
    ObjectAce o = (ObjectAce) ace;
    return new ObjectAce(o.type(), o.flags(), o.mask(), o.objectType(), o.inheritedObjectType(), sid);
  }

  static Ace asAllow(Ace ace) {
    if (ace instanceof AccessAce a) {
      return new AccessAce(AceType.ACCESS_ALLOWED, a.flags(), a.mask(), a.sid());
    }
    ObjectAce o = (ObjectAce) ace;
    return new ObjectAce(AceType.ACCESS_ALLOWED_OBJECT, o.flags(), o.mask(), o.objectType(),
        o.inheritedObjectType(), o.sid());
  }

  @Property(tries = 3000)
  void anInheritOnlyAceNeverChangesADecision(@ForAll("withDacl") SecurityDescriptor sd,
      @ForAll("aces") Ace ace, @ForAll("positions") int at, @ForAll("rights") WritebackRight right) {
    assertFalse(sd.isNullDacl());
    assertEquals(verdict(check(sd, right)), verdict(check(withAce(sd, at, inheritOnly(ace)), right)));
  }

  @Property(tries = 3000)
  void anAceForASidOutsideTheTokenChangesNothing(@ForAll("withDacl") SecurityDescriptor sd,
      @ForAll("aces") Ace ace, @ForAll("strangers") Sid stranger, @ForAll("positions") int at,
      @ForAll("rights") WritebackRight right) {
    assertFalse(sd.isNullDacl() || TOKEN.contains(stranger));
    assertEquals(verdict(check(sd, right)),
        verdict(check(withAce(sd, at, withSid(ace, stranger)), right)));
  }

  @Property(tries = 3000)
  void addingAnAllowNeverRemovesAGrantedRight(@ForAll("withDacl") SecurityDescriptor sd,
      @ForAll("aces") Ace ace, @ForAll("positions") int at, @ForAll("rights") WritebackRight right) {
    boolean granted = check(sd, right).isGranted();
    // The law speaks of granted rights only; the coverage check below fails the property when
    // too few drawn DACLs grant the right for it to have been tried in earnest (about 17% do).
    Statistics.label("granted before").collect(granted);
    Statistics.label("granted before").coverage(c -> c.check(true).percentage(p -> p >= 10.0));
    if (granted) {
      Decision after = check(withAce(sd, at, asAllow(ace)), right);
      assertTrue(after.isGranted(), () -> "was granted, now " + after);
    }
  }

  @Property(tries = 3000)
  void decidingSeveralRightsInOneWalkGivesWhatEachCheckGives(
      @ForAll("descriptors") SecurityDescriptor sd, @ForAll boolean self) {
    Sid object = self ? SYNC : VICTIM;
    AccessRequest[] all = WritebackRight.PER_USER.stream()
        .map(r -> r.request(WritebackRight.Guid.USER_CLASS)).toArray(AccessRequest[]::new);
    Decision[] together = AccessCheck.evaluateAll(sd, TOKEN, object, all);
    for (int i = 0; i < all.length; i++) {
      assertEquals(AccessCheck.evaluate(sd, TOKEN, object, all[i]), together[i]);
    }
  }
}
