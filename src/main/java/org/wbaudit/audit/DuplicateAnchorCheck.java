package org.wbaudit.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.rules.RuleId;

/**
 * Anchor values held by more than one object: the sync engine cannot tell which object a reset
 * is for. High when two holders are enabled (the reset fails now), lesser when one is.
 */
final class DuplicateAnchorCheck {
  private DuplicateAnchorCheck() {}

  /** Holders named in a finding's message; the details list them all. */
  private static final int NAMED = 3;

  static void report(List<AnchorIndex.Duplicate> duplicates, Findings findings) {
    for (AnchorIndex.Duplicate d : duplicates) {
      List<Map<String, Object>> objects = new ArrayList<>();
      List<String> named = new ArrayList<>();
      // Holders in a fixed order: the same directory gives the same report, whatever order
      // parallel reads delivered them in.
      List<AnchorIndex.Holder> holders = d.holders().stream()
          .sorted(Comparator.comparing(AnchorIndex.Holder::forest).thenComparing(AnchorIndex.Holder::dn))
          .toList();
      for (AnchorIndex.Holder h : holders) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("forest", h.forest());
        o.put("dn", h.dn());
        o.put("enabled", h.enabled());
        objects.add(o);
        if (named.size() < NAMED) {
          named.add(h.dn() + " (" + h.forest() + (h.enabled() ? "" : ", disabled") + ")");
        }
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("attribute", d.attribute().ldapName());
      details.put("value", d.value());
      details.put("objects", objects);
      long enabled = d.enabledHolders();
      String message = d.attribute().ldapName() + " value " + d.value() + " is held by "
          + d.holders().size() + " objects, " + enabled + " of them enabled: "
          + String.join("; ", named) + (d.holders().size() > NAMED ? "; …" : "");
      if (enabled >= 2) {
        findings.emit(RuleId.DUPLICATE_ANCHOR, null, message, details);
      } else {
        findings.emitLesser(RuleId.DUPLICATE_ANCHOR, null, message, details);
      }
    }
  }
}
