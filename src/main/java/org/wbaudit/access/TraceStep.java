package org.wbaudit.access;

import org.wbaudit.sd.Ace;

/**
 * What one ACE did in an access check, for an explanation a person can follow.
 *
 * @param index position in the DACL
 * @param ace the ACE
 * @param outcome what the check made of it
 * @param bits requested bits it granted or denied (0 otherwise)
 */
public record TraceStep(int index, Ace ace, Outcome outcome, int bits) {
  /** What an ACE did. */
  public enum Outcome {
    SKIPPED_INHERIT_ONLY("inherit-only: applies to children, not to this object"),
    SKIPPED_NOT_ACCESS_ACE("audit, alarm or label ACE: never grants or denies"),
    SKIPPED_SID_NOT_IN_TOKEN("trustee is not in the token"),
    SKIPPED_OTHER_OBJECT_TYPE("scoped to another property, property set, right or class"),
    SKIPPED_NO_REQUESTED_BITS("grants or denies none of the bits still undecided"),
    GRANTED("granted requested bits"),
    DENIED("denied requested bits"),
    UNEVALUABLE("cannot be evaluated offline");

    private final String meaning;

    Outcome(String meaning) {
      this.meaning = meaning;
    }

    public String meaning() {
      return meaning;
    }
  }
}
