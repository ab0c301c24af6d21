package org.wbaudit.report;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Text meant for a terminal, with every control character written as an escape: names come from
 * the directory and from event logs, and an escape sequence in a CN (ESC ] 0 ; … BEL, ESC [ 31 m)
 * would otherwise drive the reader's terminal. C0 and C1 controls, DEL and the bidirectional
 * overrides (which make text read otherwise than it is) become {@code \\xNN} or {@code \\u{NNNN}};
 * the line breaks this writer's own println ends lines with are the only ones that pass.
 */
public final class TerminalText extends PrintWriter {
  public TerminalText(Writer out) {
    super(out);
  }

  /** The text with every control character escaped; newlines and tabs too. */
  public static String escape(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String esc = escapeOf(c);
      if (esc != null && b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (b != null) {
        b.append(esc != null ? esc : String.valueOf(c));
      }
    }
    return b == null ? s : b.toString();
  }

  private static String escapeOf(char c) {
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
      return String.format("\\x%02x", (int) c);
    }
    if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E'
        || c == '\u200F' || c == '\u061C') {
      return String.format("\\u{%04x}", (int) c);
    }
    return null;
  }

  @Override
  public void print(String s) {
    super.print(escape(s));
  }

  @Override
  public void print(Object o) {
    super.print(escape(String.valueOf(o)));
  }

  @Override
  public void println(String s) {
    super.print(escape(s));
    super.println();
  }

  @Override
  public void println(Object o) {
    println(String.valueOf(o));
  }

  /** Formats, then escapes what the arguments brought; the format's own %n still ends lines. */
  @Override
  public PrintWriter printf(String format, Object... args) {
    String[] lines = String.format(format, args).split(java.util.regex.Pattern.quote(System.lineSeparator()), -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        super.println();
      }
      super.print(escape(lines[i]));
    }
    return this;
  }

  @Override
  public PrintWriter format(String format, Object... args) {
    return printf(format, args);
  }
}
