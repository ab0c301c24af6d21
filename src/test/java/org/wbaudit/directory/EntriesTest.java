package org.wbaudit.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Integers read from attribute bytes agree with Java's own parser of the same text. */
class EntriesTest {
  static Long javas(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Test
  void readsWhatLongParseLongReads() {
    List<String> values = List.of("0", "-1", "  42 ", "512", "66048", "-2147483648", "4294967295",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999", "12a", "", " ", "-", "+5", "+", "1-2", "0x10", "133483520000000000");
    for (String v : values) {
      SearchResultEntry e = new SearchResultEntry("CN=x", new Attribute[] {new Attribute("n", v)});
      assertEquals(javas(v) == null ? -7L : javas(v), Entries.longOr(e, "n", -7L), "\"" + v + "\"");
    }
    assertEquals(-7L, Entries.longOr(new SearchResultEntry("CN=x", new Attribute[0]), "n", -7L), "absent");
  }
}
