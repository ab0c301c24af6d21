package org.wbaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile names reach a pasted command as one literal argument: checked with tokenizers that
 * follow each shell's documented quoting rules (PowerShell: about_Quoting_Rules; cmd.exe:
 * double quotes suspend &|<>^ but not % or !, and nothing escapes a quote inside them).
 */
class ShellQuotingTest {
  static final List<String> HOSTILE = List.of(
      "OU=x\\\" & calc.exe & \\\",DC=corp", "OU=$(Start-Process calc),DC=corp", "OU=`calc`,DC=corp",
      "OU=%COMSPEC%,DC=corp", "OU=a'b,DC=corp", "OU=a\u2019; calc; \u2018,DC=corp",
      "OU=line\nbreak,DC=corp", "OU=\u202Egnp.exe,DC=corp", "OU=a!PATH!b,DC=corp", "OU=a|b<c>d^e,DC=corp");

  /** PowerShell's tokenizer for one single-quoted string: returns its value and where it ends. */
  static String[] powershellSingleQuoted(String text) {
    assertTrue(isQuote(text.charAt(0)), text);
    StringBuilder value = new StringBuilder();
    int i = 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (isQuote(c)) {
        if (i + 1 < text.length() && isQuote(text.charAt(i + 1))) {
          value.append(c);
          i += 2;
          continue;
        }
        return new String[] {value.toString(), text.substring(i + 1)};
      }
      value.append(c);
      i++;
    }
    throw new AssertionError("unterminated: " + text);
  }

  static boolean isQuote(char c) {
    return c == '\'' || (c >= '\u2018' && c <= '\u201B');
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
  void powershellGetsEachNameAsOneLiteral(int which) {
    String dn = HOSTILE.get(which);
    String[] token = powershellSingleQuoted(ShellQuoting.powershell(dn));
    assertEquals(dn, token[0], "the whole name, nothing expanded");
    assertEquals("", token[1], "nothing after the string: no second command");
  }

  /** cmd.exe's view of a line: arguments split on spaces outside quotes; % and ! expand anywhere. */
  static List<String> cmdArguments(String line) {
    assertTrue(line.indexOf('%') < 0 && line.indexOf('!') < 0 && line.indexOf('\n') < 0, line);
    List<String> args = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && "&|<>^".indexOf(c) >= 0) {
        throw new AssertionError("an operator outside quotes runs another command: " + line);
      } else if (!quoted && c == ' ') {
        if (cur.length() > 0) {
          args.add(cur.toString());
          cur.setLength(0);
        }
      } else {
        cur.append(c);
      }
    }
    assertTrue(!quoted, "unbalanced quotes: " + line);
    if (cur.length() > 0) {
      args.add(cur.toString());
    }
    return args;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
  void cmdGetsEachNameAsOneArgumentOrNoLineAtAll(int which) {
    String dn = HOSTILE.get(which);
    String quoted = ShellQuoting.cmd(dn);
    boolean unsafe = dn.contains("\"") || dn.contains("%") || dn.contains("!") || dn.contains("\n");
    if (unsafe) {
      assertNull(quoted, dn);
      return;
    }
    assertNotNull(quoted, dn);
    List<String> args = cmdArguments("dsacls " + quoted + " /I:S");
    assertEquals(List.of("dsacls", dn, "/I:S"), args);
  }
}
