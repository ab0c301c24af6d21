package org.wbaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleCatalogTest {
  @Test
  void theBuiltInCatalogueHoldsEveryRuleTheIssueNames() {
    RuleCatalog c = RuleCatalog.builtIn();
    for (String id : new String[] {"RESET_PASSWORD_NOT_GRANTED", "ADMIN_COUNT_SET",
        "INHERITANCE_DISABLED", "POLICY_HINTS_CONTROL_MISSING", "UNEXPIRE_PASSWORD_NOT_GRANTED",
        "ACCOUNT_DISABLED", "ACCOUNT_LOCKED_OUT", "PASSWORD_POLICY_BLOCKS_RESET",
        "DESCRIPTOR_UNREADABLE"}) {
      assertTrue(c.get(id).description().length() > 40, id);
    }
    assertEquals(Severity.HIGH, c.get("RESET_PASSWORD_NOT_GRANTED").severity());
    assertEquals(Severity.HIGH, c.get("POLICY_HINTS_CONTROL_MISSING").severity());
    assertTrue(c.get("RESET_PASSWORD_NOT_GRANTED").events().contains(33004));
  }

  @Test
  void anUnknownRuleIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RuleCatalog.builtIn().get("NO_SUCH_RULE"));
    assertTrue(e.getMessage().contains("NO_SUCH_RULE is not in the catalogue"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {}                                                                                   | expected an object with a "rules" array
      {"rules":[{"id":"A","severity":"high","scope":"user","title":"t","description":"d"}]} | rules[0]: "remediation" must be a non-empty string
      {"rules":[{"id":"A","severity":"dire","scope":"user","title":"t","description":"d","remediation":"r"}]} | rules[0] (A): unknown severity 'dire'
      {"rules":[{"id":"A","severity":"low","scope":"u","title":"t","description":"d","remediation":"r"},{"id":"A","severity":"low","scope":"u","title":"t","description":"d","remediation":"r"}]} | rules[1]: rule id A appears twice
      """)
  void aBrokenCatalogueNamesTheRuleAndTheKey(String json, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleCatalog.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json"));
    assertTrue(e.getMessage().startsWith("test.json"), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
