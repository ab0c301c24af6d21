package org.wbaudit.events;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.wbaudit.rules.Rule;
import org.wbaudit.rules.RuleCatalog;

/** The event catalogue and the rule catalogue name each other consistently. */
class EventCatalogTest {
  @Test
  void everyRuleAnEventNamesExistsAndEveryEventARuleNamesIsKnown() {
    EventCatalog events = EventCatalog.builtIn();
    RuleCatalog rules = RuleCatalog.builtIn();
    for (EventCatalog.Entry e : events.all()) {
      for (String r : e.rules()) {
        assertNotNull(rules.get(r), e.id() + " names " + r);
      }
      assertTrue(!e.explanation().isBlank() && !e.remedy().isBlank(), e.toString());
      assertTrue(Set.of("start", "success", "failure", "error", "warning", "info").contains(e.kind()), e.toString());
    }
    Set<Integer> known = new HashSet<>();
    events.all().forEach(e -> known.add(e.id()));
    for (Rule r : rules.all()) {
      for (int id : r.events()) {
        assertTrue(known.contains(id), r.id() + " names event " + id + " that the event catalogue lacks");
      }
    }
  }

  @Test
  void theFailureEventsExplainTheCausesTheDirectoryShows() {
    EventCatalog c = EventCatalog.builtIn();
    assertTrue(c.find(33004, "PasswordResetService").rules().containsAll(
        java.util.List.of("ADMIN_COUNT_SET", "ADMIN_COUNT_PENDING", "ADMIN_COUNT_STALE")));
    assertTrue(c.find(31003, "PasswordResetService").rules().containsAll(
        java.util.List.of("ADMIN_COUNT_PENDING", "CONNECTOR_PASSWORD_EXPIRED", "PASSWORD_POLICY_BLOCKS_RESET")));
    assertTrue(c.find(33008, "PasswordResetService").rules().contains("PASSWORD_POLICY_BLOCKS_RESET"));
  }

  @Test
  void theWritebackEventsOfTheSeedArticleAreAllThere() {
    EventCatalog c = EventCatalog.builtIn();
    IntStream.rangeClosed(31001, 31018).forEach(id -> assertNotNull(c.find(id, "PasswordResetService"), "" + id));
    IntStream.of(31034, 32000, 32001, 32002, 32003, 32004, 32005, 32007, 32008, 32009, 32010, 32011, 32013,
        32014, 32015).forEach(id -> assertNotNull(c.find(id, "PasswordResetService"), "" + id));
    IntStream.rangeClosed(33001, 33009).forEach(id -> assertNotNull(c.find(id, "passwordresetservice"), "" + id));
    assertNotNull(c.find(6329, "ADSync"));
    assertNotNull(c.find(6800, "ADSync"));
    assertTrue(c.codesIn("hr=80230402, message=duplicated entries").get(0).rules().contains("DUPLICATE_ANCHOR"));
  }
}
