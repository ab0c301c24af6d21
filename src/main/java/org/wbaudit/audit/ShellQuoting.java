package org.wbaudit.audit;

/**
 * Quoting for the shells remediation lines are pasted into. Directory names are chosen by
 * anyone who may create an object, so a name must reach the command as one literal argument,
 * never as code.
 */
final class ShellQuoting {
  private ShellQuoting() {}

  /**
   * A PowerShell single-quoted string: nothing inside is expanded, and a quote is written twice.
   * PowerShell also takes the typographic single quotes (U+2018 to U+201B) as quotes, so those
   * are doubled too.
   */
  static String powershell(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c);
      if (c == '\'' || (c >= '\u2018' && c <= '\u201B')) {
        b.append(c);
      }
    }
    return b.append('\'').toString();
  }

  /**
   * A cmd.exe double-quoted argument, or null when none is safe: inside double quotes cmd.exe
   * still expands %VAR% (and !VAR! under delayed expansion), a double quote ends the quoting and
   * nothing escapes it, and a line break ends the command.
   */
  static String cmd(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '%' || c == '!' || c < 0x20 || c == 0x7f) {
        return null;
      }
    }
    return "\"" + s + "\"";
  }

  /** Why {@link #cmd} gave up, for the note beside the other forms. */
  static String whyNotCmd(String s) {
    return "no dsacls line: the container's DN holds a character cmd.exe cannot quote safely"
        + " (a double quote, %, ! or a control character); use the PowerShell or SDDL form";
  }
}
