package org.wbaudit.sd;

import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of descriptors for property tests, drawn from pools that make ACEs collide. */
public final class DescriptorArbitraries {
  private DescriptorArbitraries() {}

  public static final Sid DOMAIN = Sid.parse("S-1-5-21-1-2-3");

  public static final List<UUID> GUIDS = List.of(
      UUID.fromString("00299570-246d-11d0-a768-00aa006e0529"),
      UUID.fromString("ab721a53-1e2f-11d0-9819-00aa0040529b"),
      UUID.fromString("bf967a0a-0de6-11d0-a285-00aa003049e2"),
      UUID.fromString("4c164200-20c0-11d0-a768-00aa006e0529"),
      UUID.fromString("28630ebf-41d5-11d1-a9c1-0000f80367c1"),
      UUID.fromString("bf967aba-0de6-11d0-a285-00aa003049e2"),
      UUID.fromString("ffffffff-0000-8000-8000-00000000ffff"));

  public static Arbitrary<Sid> sids() {
    return sids(0xFFFF_FFFF_FFFFL);
  }

  /**
   * SIDs whose identifier authority is at most {@code maxAuthority}. Authorities of 2^32 and
   * above are written in hexadecimal (MS-DTYP 2.4.2.1), which Samba 4.17 cannot read.
   */
  public static Arbitrary<Sid> sids(long maxAuthority) {
    return Arbitraries.oneOf(
        Arbitraries.of(
            WellKnownSid.EVERYONE.sid(), WellKnownSid.AUTHENTICATED_USERS.sid(),
            WellKnownSid.PRINCIPAL_SELF.sid(), WellKnownSid.OWNER_RIGHTS.sid(),
            WellKnownSid.CREATOR_OWNER.sid(), WellKnownSid.BUILTIN_ADMINISTRATORS.sid(),
            DOMAIN.withRid(512), DOMAIN.withRid(1105), DOMAIN.withRid(1106), DOMAIN.withRid(1107)),
        Combinators.combine(
                Arbitraries.longs().between(0, maxAuthority),
                Arbitraries.integers().array(int[].class).ofMaxSize(15))
            .as(Sid::of));
  }

  public static Arbitrary<Integer> masks() {
    return Arbitraries.oneOf(
        Arbitraries.of(0x100, 0x20, 0x10, 0x10000000, 0x40000000, 0x80000000, 0x20000000,
            0x000F01FF, 0x00020000, 0x00040000, 0x130),
        Arbitraries.integers());
  }

  public static Arbitrary<UUID> guids() {
    return Arbitraries.oneOf(Arbitraries.of(GUIDS), Arbitraries.create(UUID::randomUUID));
  }

  /** ACE flags SDDL can name. */
  public static Arbitrary<Integer> aceFlags() {
    return Arbitraries.integers().between(0, 0xFF).map(f -> f & ~0x20);
  }

  /** ACEs that SDDL can express: every type with an SDDL code, no application data. */
  public static Arbitrary<Ace> sddlAces() {
    return aces(sids(), Arbitraries.of(AceType.ACCESS_ALLOWED, AceType.ACCESS_DENIED, AceType.SYSTEM_AUDIT,
        AceType.SYSTEM_ALARM, AceType.ACCESS_ALLOWED_CALLBACK, AceType.ACCESS_DENIED_CALLBACK,
        AceType.SYSTEM_MANDATORY_LABEL, AceType.SYSTEM_SCOPED_POLICY_ID));
  }

  /**
   * The allow, deny, audit and alarm types, plain and object: what Samba 4.17's Python bindings
   * handle (they crash on label, policy and callback ACEs, so those are left to our own
   * round-trip properties).
   */
  public static Arbitrary<Ace> classicAces() {
    return aces(sids(0xFFFF_FFFFL), Arbitraries.of(AceType.ACCESS_ALLOWED, AceType.ACCESS_DENIED, AceType.SYSTEM_AUDIT,
        AceType.SYSTEM_ALARM));
  }

  private static Arbitrary<Ace> aces(Arbitrary<Sid> sids, Arbitrary<AceType> plainTypes) {
    Arbitrary<Ace> plain = Combinators.combine(plainTypes, aceFlags(), masks(), sids)
        .as((t, f, m, s) -> new AccessAce(t, f, m, s));
    Arbitrary<Ace> object = Combinators.combine(
            Arbitraries.of(AceType.ACCESS_ALLOWED_OBJECT, AceType.ACCESS_DENIED_OBJECT,
                AceType.SYSTEM_AUDIT_OBJECT, AceType.SYSTEM_ALARM_OBJECT),
            aceFlags(), masks(), guids().injectNull(0.4), guids().injectNull(0.6), sids)
        .as((t, f, m, o, i, s) -> new ObjectAce(t, f, m, o, i, s));
    return Arbitraries.oneOf(plain, object);
  }

  /** Any ACE the binary form can hold, opaque ones and application data included. */
  public static Arbitrary<Ace> anyAces() {
    Arbitrary<byte[]> tails = Arbitraries.bytes().array(byte[].class).ofMaxSize(12);
    Arbitrary<Ace> withTail = Combinators.combine(
            Arbitraries.of(AceType.ACCESS_ALLOWED_CALLBACK, AceType.SYSTEM_RESOURCE_ATTRIBUTE,
                AceType.ACCESS_ALLOWED),
            aceFlags(), masks(), sids(), tails)
        .as((t, f, m, s, d) -> new AccessAce(t, f, m, s, d));
    Arbitrary<Ace> objectWithTail = Combinators.combine(
            Arbitraries.of(AceType.ACCESS_ALLOWED_CALLBACK_OBJECT, AceType.ACCESS_DENIED_CALLBACK_OBJECT),
            aceFlags(), masks(), guids().injectNull(0.5), guids().injectNull(0.5), sids(), tails)
        .as((t, f, m, o, i, s, d) -> new ObjectAce(t, f, m, o, i, s, d));
    Arbitrary<Ace> opaque = Combinators.combine(
            Arbitraries.integers().between(0x14, 0xFF), aceFlags(), tails)
        .as((t, f, b) -> new OpaqueAce(t, f, b));
    return Arbitraries.oneOf(sddlAces(), withTail, objectWithTail, opaque);
  }

  /** Descriptors whose every part SDDL can express. */
  public static Arbitrary<SecurityDescriptor> sddlDescriptors() {
    return descriptors(sids(), sddlAces(), false, true);
  }

  /**
   * As {@link #sddlDescriptors()}, each with a DACL that is a real list of ACEs (never NULL nor
   * absent, which grant everything and leave the laws of the access check nothing to decide).
   */
  public static Arbitrary<SecurityDescriptor> sddlDescriptorsWithDacl() {
    return descriptors(sids(), sddlAces(), false, true, Arbitraries.just(2));
  }

  /**
   * Descriptors Samba 4.17 can judge: classic ACE types only, and no NULL ACLs (Samba writes a
   * NULL DACL by leaving D: out, and cannot read flags before NO_ACCESS_CONTROL).
   */
  public static Arbitrary<SecurityDescriptor> sambaComparableDescriptors() {
    return descriptors(sids(0xFFFF_FFFFL), classicAces(), false, false);
  }

  /** Descriptors with anything the binary form can hold. */
  public static Arbitrary<SecurityDescriptor> anyDescriptors() {
    return descriptors(sids(), anyAces(), true, true);
  }

  private static Arbitrary<SecurityDescriptor> descriptors(
      Arbitrary<Sid> sids, Arbitrary<Ace> aces, boolean anyControl, boolean nullAcls) {
    return descriptors(sids, aces, anyControl, nullAcls, null);
  }

  /** @param daclKinds how the DACL is drawn (0: absent, 1: NULL, 2: a list); null: as the SACL */
  private static Arbitrary<SecurityDescriptor> descriptors(Arbitrary<Sid> sids, Arbitrary<Ace> aces,
      boolean anyControl, boolean nullAcls, Arbitrary<Integer> daclKinds) {
    Arbitrary<List<Ace>> lists = aces.list().ofMaxSize(12);
    // 0: absent, 1: NULL ACL, 2: an ACL.
    Arbitrary<Integer> kinds = nullAcls
        ? Arbitraries.integers().between(0, 2) : Arbitraries.of(0, 2);
    Arbitrary<Integer> aclFlags = Arbitraries.integers().between(0, 7);
    Arbitrary<Integer> extraControl = anyControl
        ? Arbitraries.integers().between(0, 0xFFFF) : Arbitraries.just(0);
    return Combinators.combine(
            sids.injectNull(0.2), sids.injectNull(0.2), daclKinds != null ? daclKinds : kinds, lists,
            aclFlags, kinds, lists,
            aclFlags)
        .flatAs((owner, group, dk, dl, df, sk, sl, sf) -> extraControl.map(extra -> {
          int control = SecurityDescriptor.SELF_RELATIVE;
          Acl dacl = dk == 2 ? Acl.of(dl) : null;
          Acl sacl = sk == 2 ? Acl.of(sl) : null;
          if (dk > 0) {
            control |= SecurityDescriptor.DACL_PRESENT | daclBits(df);
          }
          if (sk > 0) {
            control |= SecurityDescriptor.SACL_PRESENT | saclBits(sf);
          }
          return new SecurityDescriptor(control | extra, anyControl ? extra & 0xFF : 0, owner, group,
              sacl, dacl);
        }));
  }

  private static int daclBits(int f) {
    return ((f & 1) != 0 ? SecurityDescriptor.DACL_PROTECTED : 0)
        | ((f & 2) != 0 ? SecurityDescriptor.DACL_AUTO_INHERIT_REQ : 0)
        | ((f & 4) != 0 ? SecurityDescriptor.DACL_AUTO_INHERITED : 0);
  }

  private static int saclBits(int f) {
    return ((f & 1) != 0 ? SecurityDescriptor.SACL_PROTECTED : 0)
        | ((f & 2) != 0 ? SecurityDescriptor.SACL_AUTO_INHERIT_REQ : 0)
        | ((f & 4) != 0 ? SecurityDescriptor.SACL_AUTO_INHERITED : 0);
  }
}
