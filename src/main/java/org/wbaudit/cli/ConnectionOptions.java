package org.wbaudit.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import org.wbaudit.directory.ConnectionSettings;
import org.wbaudit.directory.DcLocator;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.Dns;
import org.wbaudit.directory.Kerberos;
import org.wbaudit.directory.LdapUrl;
import org.wbaudit.directory.TrustPolicy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Options every command that talks to a domain controller shares: where, and as whom. */
final class ConnectionOptions {
  /** How wbaudit authenticates. */
  enum Auth { simple, kerberos }

  @Option(names = "--url", paramLabel = "URL",
      description = "ldaps://host[:port], or ldap://host[:port]: with --auth simple, StartTLS"
          + " secures it (wbaudit never binds in clear text); with --auth kerberos, Kerberos seals it.")
  String url;

  @Option(names = "--domain", paramLabel = "DNS-NAME",
      description = "Instead of --url: find the domain's DCs through DNS (the DC locator's SRV"
          + " records) and use the first that answers.")
  String domain;

  @Option(names = "--site", paramLabel = "SITE",
      description = "With --domain: try this AD site's DCs first.")
  String site;

  @Option(names = "--dns-server", paramLabel = "HOST[:PORT]",
      description = "Ask this DNS server (the AD DNS) for --domain's DCs and for DC names the"
          + " system resolver does not know.")
  String dnsServer;

  @Option(names = "--bind-dn", paramLabel = "NAME",
      description = "The account to bind as: a DN or a UPN (svc-sync@corp.example); with --auth"
          + " kerberos its principal (svc-sync@CORP.EXAMPLE), optional with a ticket cache.")
  String bindDn;

  @Option(names = "--auth", paramLabel = "METHOD",
      description = "simple (default): the password over TLS; kerberos: SASL GSSAPI, sealed over"
          + " ldap://389, with the ticket cache (kinit), --keytab or the password.")
  Auth auth;

  @Option(names = "--keytab", paramLabel = "FILE",
      description = "With --auth kerberos: authenticate as --bind-dn with this keytab (for runs"
          + " nobody attends).")
  Path keytab;

  @Option(names = "--krb5-conf", paramLabel = "FILE",
      description = "With --auth kerberos: the Kerberos configuration naming the realm's KDCs."
          + " Default: KRB5_CONFIG, else the system's (/etc/krb5.conf).")
  Path krb5Conf;

  @Option(names = "--dc-hostname", paramLabel = "NAME",
      description = "The DC's host name when --url holds an address or an alias: Kerberos asks"
          + " for ldap/NAME, and TLS checks the certificate for NAME.")
  String dcHostname;

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

  @Option(names = "--max-dcs", paramLabel = "N",
      description = "With --domain: the DCs tried at most, by the SRV records' priority and weight"
          + " (all tries within --timeout). Default: " + DcLocator.DEFAULT_MAX_DCS + ".")
  Integer maxDcs;

  @Option(names = "--read-connections", paramLabel = "N",
      description = "Connections that read users side by side, 1 to "
          + ConnectionSettings.MAX_READERS + ": a DC serves each on its own worker."
          + " Default: 2. With --config: readConnections per forest.")
  Integer readConnections;

  /** Whether any option that names one DC was given (they exclude --config). */
  boolean anyGiven() {
    return url != null || bindDn != null || password.env != null || password.file != null
        || trustStore != null || trustAll || connectTimeout != null || timeout != null
        || readConnections != null || domain != null || site != null || dnsServer != null
        || auth != null || keytab != null || krb5Conf != null || dcHostname != null || maxDcs != null;
  }

  /** Where to connect and how: the settings, and the DCs to try in order when found through DNS. */
  Audits.Reach reach(Map<String, String> env, java.io.Console console, java.io.PrintWriter err) {
    boolean kerberos = auth == Auth.kerberos;
    if (url != null && domain != null) {
      throw new UserError(ExitCode.USAGE, "give --url or --domain, not both");
    }
    if (url == null && domain == null) {
      throw new UserError(ExitCode.USAGE, "give --url (or --domain), or --config FILE");
    }
    if (site != null && domain == null) {
      throw new UserError(ExitCode.USAGE, "--site needs --domain");
    }
    if (dcHostname != null && domain != null) {
      throw new UserError(ExitCode.USAGE, "--dc-hostname goes with --url: with --domain, DNS names"
          + " each DC");
    }
    if (!kerberos && (keytab != null || krb5Conf != null)) {
      throw new UserError(ExitCode.USAGE, (keytab != null ? "--keytab" : "--krb5-conf")
          + " needs --auth kerberos");
    }
    Dns dns;
    try {
      dns = dnsServer == null ? null : Dns.server(dnsServer);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, "--dns-server: " + e.getMessage());
    }
    if (maxDcs != null && (maxDcs < 1 || domain == null)) {
      throw new UserError(ExitCode.USAGE, domain == null ? "--max-dcs goes with --domain"
          : "--max-dcs: must be at least 1, not " + maxDcs);
    }
    List<LdapUrl> candidates = List.of();
    String target = url;
    if (domain != null) {
      DcLocator.Found found;
      try {
        found = DcLocator.candidates(domain, site, dns != null ? dns : Dns.system(), false,
            maxDcs != null ? maxDcs : DcLocator.DEFAULT_MAX_DCS);
      } catch (DirectoryException e) {
        throw new UserError(Exits.of(e), "--domain " + domain + ": " + e.getMessage());
      }
      // Record text comes from DNS: escaped, as every name from outside is.
      found.notes().forEach(n -> err.println("wbaudit: " + org.wbaudit.report.TerminalText.escape(n)));
      err.flush();
      candidates = found.urls();
      target = candidates.get(0).toString();
    }
    Kerberos k = kerberos ? KerberosCredentials.choose(bindDn, keytab, krb5Conf,
        password.env != null || password.file != null, env, console) : null;
    return new Audits.Reach(settings(target, k, dns, env, console, err), candidates);
  }

  private ConnectionSettings settings(String url, Kerberos kerberos, Dns dns, Map<String, String> env,
      java.io.Console console, java.io.PrintWriter err) {
    if (bindDn == null && kerberos == null) {
      throw new UserError(ExitCode.USAGE, "give --bind-dn (or --auth kerberos with a ticket),"
          + " or --config FILE");
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
    char[] pw = kerberos == null || kerberos.source() == Kerberos.Source.PASSWORD
        ? PasswordSource.read(password.env, password.file, env, console, bindDn, err) : new char[0];
    return new ConnectionSettings(parsed, bindDn, pw, new TrustPolicy(trustStore, trustAll),
        Duration.ofSeconds(connectTimeout), Duration.ofSeconds(timeout), readConnections, kerberos,
        dcHostname, dns);
  }
}
