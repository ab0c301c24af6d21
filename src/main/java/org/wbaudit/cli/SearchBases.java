package org.wbaudit.cli;

import java.util.List;
import org.wbaudit.directory.DistinguishedNames;

/** Checks on --search-base and searchBases before anything connects. */
final class SearchBases {
  private SearchBases() {}

  /**
   * Why these bases cannot be read side by side, or null when they can: a base at or below
   * another would read its users twice (and make false duplicate anchors of them).
   */
  static String overlap(List<String> bases) {
    for (int i = 0; i < bases.size(); i++) {
      for (int j = 0; j < bases.size(); j++) {
        if (i != j && DistinguishedNames.isAtOrBelow(bases.get(i), bases.get(j))) {
          return "search bases must not nest: " + bases.get(i) + " is at or below " + bases.get(j);
        }
      }
    }
    return null;
  }

  /** @throws UserError (exit 2) naming the base that is no DN, or the two that nest */
  static void check(List<String> bases) {
    for (String b : bases) {
      if (!DistinguishedNames.isValid(b)) {
        throw new UserError(ExitCode.USAGE, "--search-base: \"" + b + "\" is not a DN");
      }
    }
    String overlap = overlap(bases);
    if (overlap != null) {
      throw new UserError(ExitCode.USAGE, "--search-base: " + overlap);
    }
  }
}
