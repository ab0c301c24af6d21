package org.wbaudit.audit;

/**
 * One writeback right on one object, as the report states it.
 *
 * @param granted true, false, or null when it could not be decided
 * @param outcome granted, denied, not-granted or unknown
 * @param basis for a grant: ace, null-dacl or owner; otherwise null
 * @param aceIndex index in the DACL of the deciding ACE, or null when no ACE decided
 * @param ace the deciding ACE in SDDL, or null
 * @param reason a sentence saying why, with names instead of GUIDs where known
 */
public record RightVerdict(
    Boolean granted, String outcome, String basis, Integer aceIndex, String ace, String reason) {

  public static RightVerdict unknown(String reason) {
    return new RightVerdict(null, "unknown", null, null, null, reason);
  }
}
