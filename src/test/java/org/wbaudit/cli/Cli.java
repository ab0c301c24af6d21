package org.wbaudit.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs wbaudit in-process, as a user would from a shell, and keeps what it printed. */
record Cli(int exitCode, String out, String err) {
  static Cli run(String stdin, String... args) {
    return run(stdin, java.util.Map.of(), args);
  }

  /** As {@link #run(String, String...)}, with these environment variables. */
  static Cli run(String stdin, java.util.Map<String, String> variables, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out), new PrintWriter(err), variables);
    return new Cli(code, out.toString(), err.toString());
  }
}
