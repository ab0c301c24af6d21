package org.wbaudit.cli;

import java.io.Console;
import java.util.Map;

/**
 * What commands take from the process: environment variables and the terminal. Passed in, so
 * tests can give their own without touching the real process.
 */
record Environment(Map<String, String> variables, Console console) {
  static Environment ofProcess() {
    return new Environment(System.getenv(), System.console());
  }
}
