package org.wbaudit.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/**
 * Where the bind password comes from: an environment variable, a file, or a prompt. Never from a
 * command-line value, which other users can read in the process list.
 */
final class PasswordSource {
  private PasswordSource() {}

  /**
   * @param envVar name of the variable holding the password, or null
   * @param file file whose first line is the password, or null
   * @param env the process environment
   * @param warn where to say that a password file is readable by others
   * @throws UserError (usage) when no source is given or the source is empty or unreadable
   */
  /** The longest first line a password file may have. */
  static final int MAX_FILE_LINE = 4096;

  static char[] read(String envVar, Path file, Map<String, String> env, Console console,
      String account, java.io.PrintWriter warn) {
    if (envVar != null) {
      String v = env.get(envVar);
      if (v == null || v.isEmpty()) {
        throw new UserError(ExitCode.USAGE,
            "--password-env: the environment variable " + envVar + " is not set or empty");
      }
      return v.toCharArray();
    }
    if (file != null) {
      String text;
      // Only the first line is the password: read a bounded prefix, so that /dev/zero or a
      // huge file is refused instead of filling the heap.
      byte[] head;
      try (java.io.InputStream in = Files.newInputStream(file)) {
        head = in.readNBytes(MAX_FILE_LINE + 1);
      } catch (IOException e) {
        throw new UserError(ExitCode.USAGE, "--password-file: cannot read " + file + ": "
            + e.getClass().getSimpleName() + (e.getMessage() != null ? " " + e.getMessage() : ""));
      }
      int end = 0;
      while (end < head.length && head[end] != '\n') {
        end++;
      }
      if (end > MAX_FILE_LINE) {
        throw new UserError(ExitCode.USAGE, "--password-file: the first line of " + file
            + " is longer than " + MAX_FILE_LINE + " bytes: not a password file");
      }
      for (int i = 0; i < end; i++) {
        if (head[i] == 0) {
          throw new UserError(ExitCode.USAGE, "--password-file: " + file + " holds a NUL byte in"
              + " its first line: not a password file");
        }
      }
      text = new String(head, 0, end, StandardCharsets.UTF_8);
      java.util.Arrays.fill(head, (byte) 0);
      warnIfShared(file, warn);
      int nl = text.indexOf('\n');
      String first = nl >= 0 ? text.substring(0, nl) : text;
      if (first.endsWith("\r")) {
        first = first.substring(0, first.length() - 1);
      }
      if (first.isEmpty()) {
        throw new UserError(ExitCode.USAGE, "--password-file: " + file + " is empty");
      }
      return first.toCharArray();
    }
    if (console == null) {
      throw new UserError(ExitCode.USAGE, "no password: use --password-env VAR or --password-file"
          + " FILE, or run on a terminal to be prompted");
    }
    char[] p = console.readPassword("Password for %s: ", account);
    if (p == null || p.length == 0) {
      throw new UserError(ExitCode.USAGE, "no password entered");
    }
    return p;
  }

  private static void warnIfShared(Path file, java.io.PrintWriter warn) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
        warn.println("wbaudit: warning: " + file + " is readable by other users; chmod 600 it");
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Not a POSIX file system (no permissions to judge), or its attributes cannot be read
      // though the password just was: only this advice is lost, never the password.
    }
  }
}
