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

  @Test
  void theConstantsAreExactlyTheCatalogue() throws Exception {
    Set<String> catalogue = RuleCatalog.builtIn().all().stream().map(Rule::id)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(catalogue, constants());
  }

  @Test
  void everyRuleIsProducedBySomeCheck() throws Exception {
    Map<Path, String> sources = sources();
    List<String> unused = new ArrayList<>();
    for (String id : constants()) {
      if (sources.values().stream().noneMatch(s -> s.contains("RuleId." + id))) {
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
