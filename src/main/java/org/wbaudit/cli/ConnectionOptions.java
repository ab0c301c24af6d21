package org.wbaudit.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.wbaudit.directory.ConnectionSettings;
import org.wbaudit.directory.LdapUrl;
import org.wbaudit.directory.TrustPolicy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Options every command that talks to a domain controller shares. */
final class ConnectionOptions {
  @Option(names = "--url", paramLabel = "URL",
      description = "ldaps://host[:port], or ldap://host[:port] with StartTLS (required: wbaudit"
          + " never binds in clear text).")
  String url;

  @Option(names = "--bind-dn", paramLabel = "NAME",
      description = "The account to bind as, as a DN or a UPN (svc-sync@corp.example).")
  String bindDn;

  @ArgGroup(exclusive = true)
  PasswordOptions password = new PasswordOptions();

  static final class PasswordOptions {
    @Option(names = "--password-env", paramLabel = "VAR",
        description = "Read the password from environment variable VAR.")
    String env;

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "Read the password from the first line of FILE. Without either option,"
            + " wbaudit prompts on the terminal.")
    Path file;
  }

  @Option(names = "--trust-store", paramLabel = "FILE",
      description = "CA certificates to verify the server with: PEM, JKS or PKCS12. Default:"
          + " the JVM's trust store.")
  Path trustStore;

  @Option(names = "--trust-all",
      description = "Accept any server certificate. Unsafe: only for a lab.")
  boolean trustAll;

  // No picocli default: whether they were given matters (--config refuses them).
  @Option(names = "--connect-timeout", paramLabel = "SECONDS",
      description = "TCP connect limit. Default: 10. With --config: connectTimeout per forest.")
  Integer connectTimeout;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Limit for each LDAP response. Default: 120. With --config: timeout per forest.")
  Integer timeout;

  @Option(names = "--read-connections", paramLabel = "N",
      description = "Connections that read users side by side, 1 to "
          + ConnectionSettings.MAX_READERS + ": a DC serves each on its own worker."
          + " Default: 2. With --config: readConnections per forest.")
  Integer readConnections;

  /** Whether any option that names one DC was given (they exclude --config). */
  boolean anyGiven() {
    return url != null || bindDn != null || password.env != null || password.file != null
        || trustStore != null || trustAll || connectTimeout != null || timeout != null
        || readConnections != null;
  }

  ConnectionSettings settings(Map<String, String> env, java.io.Console console,
      java.io.PrintWriter err) {
    if (url == null || bindDn == null) {
      throw new UserError(ExitCode.USAGE, "give --url and --bind-dn, or --config FILE");
    }
    LdapUrl parsed;
    try {
      parsed = LdapUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, "--url: " + e.getMessage());
    }
    if (trustAll && trustStore != null) {
      throw new UserError(ExitCode.USAGE, "--trust-all and --trust-store exclude each other");
    }
    if (trustStore != null) {
      String problem = org.wbaudit.directory.TrustStores.problem(trustStore);
      if (problem != null) {
        throw new UserError(ExitCode.USAGE, "--trust-store: " + trustStore + ": " + problem);
      }
    }
    int connectTimeout = this.connectTimeout == null ? 10 : this.connectTimeout;
    int timeout = this.timeout == null ? 120 : this.timeout;
    if (connectTimeout <= 0 || timeout <= 0) {
      throw new UserError(ExitCode.USAGE, "timeouts must be positive");
    }
    int readConnections = this.readConnections == null ? 2 : this.readConnections;
    if (readConnections < 1 || readConnections > ConnectionSettings.MAX_READERS) {
      throw new UserError(ExitCode.USAGE, "--read-connections: must be 1 to "
          + ConnectionSettings.MAX_READERS + ", not " + readConnections);
    }
    if (trustAll) {
      err.println("wbaudit: WARNING: --trust-all: the server's certificate is not verified;"
          + " anyone on the path can read the password");
    }
    char[] pw = PasswordSource.read(password.env, password.file, env, console, bindDn, err);
    return new ConnectionSettings(parsed, bindDn, pw, new TrustPolicy(trustStore, trustAll),
        Duration.ofSeconds(connectTimeout), Duration.ofSeconds(timeout), readConnections);
  }
}
