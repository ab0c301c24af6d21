package org.wbaudit.rules;

import java.util.Locale;

/**
 * What a rule's finding does to a user's readiness for writeback, as the catalogue says: makes
 * it not ready, makes it unknown (something that decides it cannot be seen), or leaves it as it
 * is (the finding explains, or concerns something writeback does not need).
 */
public enum Readiness {
  BLOCKS,
  UNKNOWN,
  NONE;

  /** The catalogue's word for it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException for a word that is none of them */
  public static Readiness parse(String text) {
    for (Readiness r : values()) {
      if (r.label().equals(text)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown readiness '" + text + "' (blocks, unknown or none)");
  }
}
