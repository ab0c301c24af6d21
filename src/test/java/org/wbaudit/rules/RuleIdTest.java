package org.wbaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rule ids are named once ({@link RuleId}), and the code and the catalogue agree on them. */
class RuleIdTest {
  static final Path MAIN = Path.of("src/main/java/org/wbaudit");

  static Set<String> constants() throws IllegalAccessException {
    Set<String> out = new TreeSet<>();
    for (Field f : RuleId.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        assertEquals(f.getName(), f.get(null), "a constant's name is its id");
        out.add((String) f.get(null));
      }
    }
    return out;
  }

  static Map<Path, String> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.endsWith(Path.of("rules/RuleId.java")))
          .collect(Collectors.toMap(p -> p, p -> {
            try {
              return Files.readString(p);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }));
    }
  }

  /** Java source with its comments blanked; string and character literals kept as they are. */
  static String withoutComments(String src) {
    StringBuilder out = new StringBuilder(src.length());
    int i = 0;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (src.startsWith("//", i)) {
        while (i < src.length() && src.charAt(i) != '\n') {
          i++;
        }
      } else if (src.startsWith("/*", i)) {
        int end = src.indexOf("*/", i + 2);
        i = end < 0 ? src.length() : end + 2;
        out.append(' ');
      } else if (src.startsWith("\"\"\"", i)) {
        int end = src.indexOf("\"\"\"", i + 3);
        end = end < 0 ? src.length() : end + 3;
        out.append(src, i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < src.length() && src.charAt(j) != c && src.charAt(j) != '\n') {
          j += src.charAt(j) == '\\' ? 2 : 1;
        }
        j = Math.min(j + 1, src.length());
        out.append(src, i, j);
        i = j;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  @Test
  void commentsAreNotCode() {
    String src = "// RuleId.A\nx(RuleId.B); /* RuleId.C */ s = \"http://x\"; y(RuleId.D); c = '\"'; z(RuleId.E);";
    String code = withoutComments(src);
    assertTrue(!code.contains("RuleId.A") && !code.contains("RuleId.C"), code);
    assertTrue(code.contains("RuleId.B") && code.contains("RuleId.D") && code.contains("RuleId.E"), code);
  }

  @Test
  void theConstantsAreExactlyTheCatalogue() throws Exception {
    Set<String> catalogue = RuleCatalog.builtIn().all().stream().map(Rule::id)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(catalogue, constants());
  }

  @Test
  void everyRuleIsProducedBySomeCheck() throws Exception {
    // Code only: a rule mentioned in a comment is not emitted.
    List<String> code = sources().values().stream().map(RuleIdTest::withoutComments).toList();
    List<String> unused = new ArrayList<>();
    for (String id : constants()) {
      if (code.stream().noneMatch(s -> s.contains("RuleId." + id))) {
        unused.add(id);
      }
    }
    assertTrue(unused.isEmpty(), "rules in the catalogue that no code emits: " + unused);
  }

  @Test
  void noCodeSpellsARuleIdAsAString() throws Exception {
    List<String> spelt = new ArrayList<>();
    for (var e : sources().entrySet()) {
      for (String id : constants()) {
        if (e.getValue().contains("\"" + id + "\"")) {
          spelt.add(MAIN.relativize(e.getKey()) + ": \"" + id + "\"");
        }
      }
    }
    assertTrue(spelt.isEmpty(), "use RuleId's constants: " + spelt);
  }
}
