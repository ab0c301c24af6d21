package org.wbaudit.syncconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wbaudit.rules.ScopeRules;

/** The expression language's part wbaudit evaluates, and where it refuses to guess. */
class ExpressionTest {
  static Function<String, List<String>> values(Map<String, String> m) {
    return a -> m.containsKey(a) ? List.of(m.get(a)) : List.of();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      IIF(Left([sAMAccountName], 5) = "MSOL_", True, NULL)        | MSOL_1234   | true
      IIF(Left([sAMAccountName], 5) = "MSOL_", True, NULL)        | msol_1234   | true
      IIF(Left([sAMAccountName], 5) = "MSOL_", True, NULL)        | ann         | null
      IIF(IsPresent([sAMAccountName]) = False, True, NULL)        | ann         | null
      [sAMAccountName] & "@corp"                                  | ann         | ann@corp
      Len([sAMAccountName]) > 2 && UCase([sAMAccountName]) = "ANN" | ann        | true
      InStr([sAMAccountName], "n")                                | ann         | 2
      Mid([sAMAccountName], 2, 5)                                 | annabel     | nnabe
      Right(LCase([sAMAccountName]), 3)                           | AnnaBel     | bel
      BitAnd(&H10, 24)                                            | x           | 16
      !(1 = 2)                                                    | x           | true
      CBool(IIF(IsPresent([missing]), True, NULL))                | x           | null
      IsNullOrEmpty(Trim([missing]))                              | x           | true
      "a\\"b" = "A\\"B"                                           | x           | true
      DNComponent(CRef("CN=a\\\\,b,OU=x"), 2)                     | x           | x
      """)
  void evaluates(String text, String sam, String expected) throws Exception {
    Expression e = Expression.parse(text);
    assertNull(e.problem(), e.problem());
    Object v = e.evaluate(values(Map.of("sAMAccountName", sam)));
    assertEquals(expected, v == null ? "null" : v.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      IIF(Word([info], 1, " ") = "x", True, NULL) | Word()
      IIF([a] = "x", True                         | not closed
      [a] = "x" extra                             | unexpected
      Left([a])                                   | takes 2 arguments
      Nothing2 = 1                                | neither a function nor a value
      """)
  void refusesWhatItDoesNotKnow(String text, String says) {
    Expression e = Expression.parse(text);
    Expression.Result r = e.decide(values(Map.of("a", "x", "info", "x y")));
    assertNotNull(r.notEvaluable(), text);
    assertTrue(r.notEvaluable().contains(says), r.notEvaluable());
  }

  @org.junit.jupiter.api.Test
  void aMultiValuedAttributeIsNotReadAsOneValue() {
    Expression e = Expression.parse("IIF([proxyAddresses] = \"x\", True, NULL)");
    Expression.Result r = e.decide(a -> List.of("smtp:a@x", "smtp:b@x"));
    assertNotNull(r.notEvaluable());
    assertThrows(Expression.NotEvaluable.class, () -> e.evaluate(a -> List.of("1", "2")));
  }

  @org.junit.jupiter.api.Test
  void aTermThatHoldsDecidesEvenWhenAnotherCannotBeEvaluated() {
    Expression e = Expression.parse("IIF(Word([info],1,\" \") = \"x\" || Left([sAMAccountName], 4) = \"AAD_\", True, NULL)");
    Expression.Result held = e.decide(values(Map.of("sAMAccountName", "AAD_1")));
    assertEquals(Boolean.TRUE, held.value());
    assertEquals("Left([sAMAccountName], 4) = \"AAD_\"", held.term());
    assertNotNull(e.decide(values(Map.of("sAMAccountName", "ann"))).notEvaluable(),
        "none holds and one cannot be evaluated: unknown");
  }

  // Each default exclusion, as its own term of the shipped expression, says what its entry in
  // rules/sync-scope.json says, whatever the user's values.

  @Provide
  Arbitrary<Map<String, String>> users() {
    Arbitrary<Optional<String>> sam = Arbitraries.of("MSOL_1a2b", "msol_x", "AAD_sync", "CAS_{x}", "CAS_x",
        "SUPPORT_388945a0", "support_388945A0", "ann", "SystemMailbox{1}").optional(0.8);
    Arbitrary<Optional<String>> nick = Arbitraries.of("SystemMailbox{abc}", "systemmailbox{", "CAS_{1}", "CAS_1",
        "ann", "Cas_}").optional(0.6);
    Arbitrary<Optional<String>> critical = Arbitraries.of("TRUE", "FALSE").optional(0.3);
    Arbitrary<Optional<String>> recipient = Arbitraries.of("1", "2147483648", "8388608", "4096", "65536",
        "536870912", "0", "12288").optional(0.5);
    Arbitrary<String> dn = Arbitraries.of("CN=ann,OU=x,DC=c", "CN=ann\\0ACNF:5e3f,OU=x,DC=c",
        "CN=ann\\0acnf:5e3f,DC=c", "OU=\\0ACNF:x,DC=c", "CN=a\\,b\\0ACNF:1,DC=c");
    return net.jqwik.api.Combinators.combine(sam, nick, critical, recipient, dn).as((s, n, c, r, d) -> {
      Map<String, String> m = new HashMap<>();
      s.ifPresent(v -> m.put("sAMAccountName", v));
      n.ifPresent(v -> m.put("mailNickname", v));
      c.ifPresent(v -> m.put("isCriticalSystemObject", v));
      r.ifPresent(v -> m.put("msExchRecipientTypeDetails", v));
      m.put("dn", d);
      return m;
    });
  }

  @Property(tries = 2000)
  void eachDefaultTermSaysWhatItsEntryInSyncScopeSays(@ForAll("users") Map<String, String> user) throws Exception {
    for (ScopeRules.Rule r : ScopeRules.builtIn().rules()) {
      Expression term = Expression.parse("IIF(" + r.expression() + ", True, NULL)");
      assertNull(term.problem(), r.id() + ": " + term.problem());
      boolean byExpression = Boolean.TRUE.equals(term.evaluate(values(user)));
      List<String> v = user.containsKey(r.attribute()) ? List.of(user.get(r.attribute())) : List.of();
      assertEquals(r.excludes(v), byExpression, r.id() + " on " + user);
    }
  }
}
