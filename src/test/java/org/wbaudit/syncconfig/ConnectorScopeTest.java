package org.wbaudit.syncconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A custom scoping rule per operator of the engine's scoping filter (written here, not from an
 * export): what each says of a user's values, absent values, and an operator wbaudit does not know.
 */
class ConnectorScopeTest {
  @ParameterizedTest(name = "{0} {1} {2} on [{3}]")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      department         | EQUAL          | Sales                  | sales               | true
      department         | EQUAL          | Sales                  | -                   | false
      department         | NOTEQUAL       | Sales                  | Legal               | true
      department         | NOTEQUAL       | Sales                  | -                   | true
      department         | NOTEQUAL       | Sales                  | SALES               | false
      adminDescription   | STARTSWITH     | User_                  | user_x              | true
      adminDescription   | NOTSTARTSWITH  | User_                  | User_x              | false
      adminDescription   | NOTSTARTSWITH  | User_                  | -                   | true
      mail               | ENDSWITH       | @corp.example          | ann@CORP.example    | true
      mail               | NOTENDSWITH    | @corp.example          | ann@corp.example    | false
      description        | CONTAINS       | contractor             | A Contractor, temp  | true
      description        | NOTCONTAINS    | contractor             | staff               | true
      extensionAttribute1| ISNULL         | -                      | -                   | true
      extensionAttribute1| ISNULL         | -                      | x                   | false
      extensionAttribute1| ISNOTNULL      | -                      | x                   | true
      userAccountControl | ISBITSET       | 2                      | 514                 | true
      userAccountControl | ISBITSET       | 2                      | 512                 | false
      userAccountControl | ISBITNOTSET    | 2                      | 512                 | true
      userAccountControl | ISBITSET       | 2                      | not-a-number        | -
      memberOf           | ISMEMBEROF     | CN=G,OU=Groups,DC=c    | cn=g, ou=groups,dc=c| true
      memberOf           | ISMEMBEROF     | CN=G,OU=Groups,DC=c    | CN=H,OU=Groups,DC=c | false
      memberOf           | ISNOTMEMBEROF  | CN=G,OU=Groups,DC=c    | -                   | true
      department         | ISINLIST       | Sales                  | Sales               | -
      """)
  void eachOperator(String attribute, String operator, String value, String has, String expected) {
    SyncEngine.Condition c = new SyncEngine.Condition(attribute, SyncEngine.Operator.parse(operator),
        operator, value);
    Boolean holds = ConnectorScope.holds(c, a -> a.equalsIgnoreCase(attribute) && has != null
        ? List.of(has) : List.of());
    assertEquals(expected == null ? null : Boolean.valueOf(expected), holds);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      AND inside a group, OR across: the first group holds | Sales | 512 | true
      AND inside a group, OR across: the second holds      | Legal | 514 | true
      neither                                              | Legal | 512 | false
      """)
  void andInsideConditionsOrAcross(String what, String department, String uac, boolean expected) {
    SyncEngine.SyncRule r = new SyncEngine.SyncRule("1", "custom", "f.xml", "user", true, 10, false, false,
        List.of(List.of(cond("department", "EQUAL", "Sales"), cond("userAccountControl", "ISBITNOTSET", "2")),
            List.of(cond("userAccountControl", "ISBITSET", "2"))), null);
    Map<String, List<String>> v = Map.of("department", List.of(department), "userAccountControl", List.of(uac));
    assertEquals(expected, ConnectorScope.inScope(r, a -> v.getOrDefault(a, List.of())), what);
  }

  static SyncEngine.Condition cond(String a, String op, String v) {
    return new SyncEngine.Condition(a, SyncEngine.Operator.parse(op), op, v);
  }
}
