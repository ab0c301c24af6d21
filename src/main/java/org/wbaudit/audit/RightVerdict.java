package org.wbaudit.audit;

import java.util.LinkedHashMap;
import java.util.Map;

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

  /** What a finding about this verdict carries: the right, the outcome, the deciding ACE. */
  public Map<String, Object> details(String right) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("right", right);
    d.put("outcome", outcome);
    if (aceIndex != null) {
      d.put("aceIndex", aceIndex);
      d.put("ace", ace);
    }
    return d;
  }

  public static RightVerdict unknown(String reason) {
    return new RightVerdict(null, "unknown", null, null, null, reason);
  }
}
