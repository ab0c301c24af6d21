package org.wbaudit.sd;

/**
 * One access control entry (MS-DTYP 2.4.4).
 *
 * <p>Three kinds: {@link AccessAce} (a SID and a mask), {@link ObjectAce} (the same, scoped by
 * an ObjectType and/or an InheritedObjectType GUID), both {@link TrusteeAce}s, and
 * {@link OpaqueAce} (a type this tool does not know, kept byte for byte so that nothing is
 * dropped).
 */
public sealed interface Ace permits TrusteeAce, OpaqueAce {
  /** The AceType byte. */
  int typeCode();

  /** The AceFlags byte; see {@link AceFlags}. */
  int flags();

  /** Size of the binary form, header included. */
  int byteLength();

  default boolean hasFlag(int flag) {
    return (flags() & flag) != 0;
  }

  /** MS-DTYP 2.5.3.2: an inherit-only ACE is skipped when checking access to its own object. */
  default boolean isInheritOnly() {
    return hasFlag(AceFlags.INHERIT_ONLY);
  }

  default boolean isInherited() {
    return hasFlag(AceFlags.INHERITED);
  }
}
