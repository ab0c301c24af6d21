package org.wbaudit.cli;

import picocli.CommandLine.Option;

/**
 * {@code --format text|json} for the commands that print a view rather than write a report
 * (explain, connectors, events, history): one option, named and described once.
 */
final class ViewFormat {
  enum Format {
    text,
    json
  }

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text or json. Default: ${DEFAULT-VALUE}.")
  Format format = Format.text;

  boolean json() {
    return format == Format.json;
  }
}
