package org.wbaudit.access;

import org.wbaudit.sd.Ace;

/**
 * The outcome of one access check, with what decided it.
 *
 * <p>Four outcomes, never an out-parameter: granted (by an ACE, a NULL DACL or the owner's
 * implicit rights), denied by an ACE, not granted because no ACE granted every requested bit,
 * or unknown because an ACE that might decide could not be evaluated offline.
 */
public sealed interface Decision
    permits Decision.Granted, Decision.Denied, Decision.NotGranted, Decision.Unknown {

  /** True only for {@link Granted}. */
  default boolean isGranted() {
    return this instanceof Granted;
  }

  /** TRUE, FALSE, or null when the outcome is unknown: what a report prints as "granted". */
  default Boolean grantedOrNull() {
    return this instanceof Unknown ? null : isGranted();
  }

  /** Why a right was granted. */
  enum Basis {
    /** An allow ACE granted the last requested bits. */
    ACE,
    /** No DACL, or a NULL one: everything is granted (MS-DTYP 2.5.3.2). */
    NULL_DACL,
    /** The owner's implicit READ_CONTROL and WRITE_DAC. */
    OWNER_IMPLICIT
  }

  /**
   * @param aceIndex index in the DACL of the ACE that granted the last bits, or -1
   * @param ace that ACE, or null when the basis is not an ACE
   */
  record Granted(Basis basis, int aceIndex, Ace ace) implements Decision {}

  /**
   * @param aceIndex index in the DACL of the deny ACE that decided
   * @param deniedMask requested bits the ACE denied
   */
  record Denied(int aceIndex, Ace ace, int deniedMask) implements Decision {}

  /**
   * @param missingMask requested bits no ACE granted
   * @param emptyDacl true when the DACL has no ACE at all
   */
  record NotGranted(int missingMask, boolean emptyDacl) implements Decision {}

  /**
   * @param aceIndex the ACE that could not be evaluated
   * @param reason why, in words
   */
  record Unknown(int aceIndex, String reason) implements Decision {}
}
