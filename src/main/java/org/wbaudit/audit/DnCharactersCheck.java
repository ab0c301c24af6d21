package org.wbaudit.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wbaudit.directory.DistinguishedNames;
import org.wbaudit.rules.RuleId;

/**
 * DN_RESERVED_CHARACTER: a container above the user whose name holds a character password
 * writeback cannot handle (event 33001), as Microsoft lists them: a space or '#' at the start of
 * a name, a space at its end, and , + " \ < > ; = / CR LF anywhere. Users share few parents, so
 * each parent is judged once.
 */
final class DnCharactersCheck implements UserCheck {
  /** Characters reserved anywhere in a name, each with how the finding names it. */
  static final Map<Character, String> RESERVED = Map.ofEntries(
      Map.entry(',', "a comma"), Map.entry('+', "a plus sign"), Map.entry('"', "a quotation mark"),
      Map.entry('\\', "a backslash"), Map.entry('<', "a left angle bracket"),
      Map.entry('>', "a right angle bracket"), Map.entry(';', "a semicolon"),
      Map.entry('\n', "a line feed"), Map.entry('\r', "a carriage return"),
      Map.entry('=', "an equal sign"), Map.entry('/', "a forward slash"));

  /** What was found about a parent, kept for its next users. */
  record Problem(String container, String rdn, String character) {}

  private static final Problem NONE = new Problem(null, null, null);

  private final Map<String, Problem> parents = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Problem> e) {
      return size() > 10_000;
    }
  };

  @Override
  public void check(UserContext user, Findings findings) {
    String parent = DistinguishedNames.parentOf(user.dn());
    if (parent == null) {
      return;
    }
    Problem p = parents.computeIfAbsent(parent, DnCharactersCheck::judge);
    if (p != NONE) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("container", p.container());
      d.put("rdn", p.rdn());
      d.put("character", p.character());
      findings.emit(RuleId.DN_RESERVED_CHARACTER, user.dn(), "The container " + p.rdn() + " above"
          + " this user holds " + p.character() + ": password writeback fails for the users below it"
          + " (event 33001)", d);
    }
  }

  /** The first component of {@code dn} (nearest first) whose value holds a reserved character. */
  static Problem judge(String dn) {
    if (DistinguishedNames.isPlain(dn) && dn.indexOf('/') < 0) {
      return NONE; // nothing escaped, no slash: no reserved character anywhere
    }
    List<String[]> components = DistinguishedNames.components(dn);
    for (int i = 0; i < components.size(); i++) {
      String type = components.get(i)[0];
      String value = components.get(i)[1];
      if (type.equalsIgnoreCase("DC")) {
        continue;
      }
      String why = reserved(value);
      if (why != null) {
        String container = String.join(",", components.subList(i, components.size()).stream()
            .map(c -> c[0] + "=" + escape(c[1])).toList());
        return new Problem(container, type + "=" + escape(value), why);
      }
    }
    return NONE;
  }

  /** What reserved character a name holds; null when none. */
  static String reserved(String value) {
    if (value.isEmpty()) {
      return null;
    }
    if (value.charAt(0) == ' ') {
      return "a space at the start of the name";
    }
    if (value.charAt(0) == '#') {
      return "a # at the start of the name";
    }
    if (value.charAt(value.length() - 1) == ' ') {
      return "a space at the end of the name";
    }
    for (int i = 0; i < value.length(); i++) {
      String name = RESERVED.get(value.charAt(i));
      if (name != null) {
        return name;
      }
    }
    return null;
  }

  /** A value as a DN writes it, so the finding's RDN can be searched for (control characters as \\0A). */
  private static String escape(String value) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20) {
        b.append(String.format("\\%02X", (int) c));
      } else if (",+\"\\<>;=".indexOf(c) >= 0 || (i == 0 && (c == ' ' || c == '#'))
          || (i == value.length() - 1 && c == ' ')) {
        b.append('\\').append(c);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
