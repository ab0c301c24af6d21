package org.wbaudit.cli;

import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.Kerberos;
import org.wbaudit.directory.Krb5ConfFiles;

/**
 * Chooses where {@code --auth kerberos} takes its credentials from, in this order: a keytab
 * when one is named, a password when its source is named, else the ticket cache
 * ({@code KRB5CCNAME}, or the default cache); the password prompt only when the cache holds no
 * usable ticket and someone is at the terminal. The Kerberos configuration is
 * {@code --krb5-conf}, else {@code KRB5_CONFIG}, else Java's search (/etc/krb5.conf).
 */
final class KerberosCredentials {
  private KerberosCredentials() {}

  static Kerberos choose(String bindDn, Path keytab, Path krb5Conf, boolean passwordGiven,
      Map<String, String> env, Console console) {
    String principal = principal(bindDn);
    Path conf = krb5Conf(krb5Conf, env);
    if (keytab != null) {
      if (passwordGiven) {
        throw new UserError(ExitCode.USAGE, "--keytab and a password option exclude each other");
      }
      if (principal == null) {
        throw new UserError(ExitCode.USAGE, "--keytab needs --bind-dn account@REALM: the principal"
            + " whose key to use");
      }
      return new Kerberos(Kerberos.Source.KEYTAB, principal, null, keytab, conf);
    }
    if (passwordGiven) {
      if (principal == null) {
        throw new UserError(ExitCode.USAGE, "a password needs --bind-dn account@REALM");
      }
      return new Kerberos(Kerberos.Source.PASSWORD, principal, null, null, conf);
    }
    Path cachePath = ticketCache(env);
    if (Files.exists(cachePath) && !Files.isRegularFile(cachePath)) {
      // /dev/zero reads forever, a FIFO blocks: refused before Java's Kerberos opens either.
      throw new UserError(ExitCode.USAGE, (env.get("KRB5CCNAME") != null ? "KRB5CCNAME" : "the default ticket cache")
          + ": " + cachePath + " is not a regular file, so not a credential cache");
    }
    Kerberos cache = new Kerberos(Kerberos.Source.TICKET_CACHE, principal, cachePath, null, conf);
    if (console != null && principal != null) {
      try {
        cache.check(Instant.now());
      } catch (DirectoryException e) {
        // Someone is at the terminal and has no ticket: ask for the password, as kinit would.
        return new Kerberos(Kerberos.Source.PASSWORD, principal, null, null, conf);
      }
    }
    return cache;
  }

  /** A Kerberos principal from --bind-dn: account@REALM or account; a DN is a mistake here. */
  private static String principal(String bindDn) {
    if (bindDn == null) {
      return null;
    }
    if (bindDn.contains("=") || bindDn.contains("\\")) {
      throw new UserError(ExitCode.USAGE, "with --auth kerberos, --bind-dn names a Kerberos"
          + " principal (account@REALM), not a DN or DOMAIN\\account");
    }
    return bindDn;
  }

  /** KRB5CCNAME as Java can read it: a FILE: cache; else the default, as kinit writes it. */
  static Path ticketCache(Map<String, String> env) {
    String name = env.get("KRB5CCNAME");
    if (name == null || name.isEmpty()) {
      if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
        return Path.of(System.getProperty("user.home"), "krb5cc_" + System.getProperty("user.name"));
      }
      return Path.of("/tmp/krb5cc_" + new com.sun.security.auth.module.UnixSystem().getUid());
    }
    int colon = name.indexOf(':');
    if (colon > 1) { // a type prefix; "C:\..." on Windows is a path
      String type = name.substring(0, colon).toUpperCase(Locale.ROOT);
      if (!type.equals("FILE")) {
        throw new UserError(ExitCode.USAGE, "KRB5CCNAME names a " + type + ": cache; Java reads"
            + " only file caches: run kinit with KRB5CCNAME=FILE:/tmp/krb5cc_$(id -u), or give"
            + " --keytab");
      }
      return Path.of(name.substring(colon + 1));
    }
    return Path.of(name);
  }

  private static Path krb5Conf(Path given, Map<String, String> env) {
    Path conf = given;
    String what = "--krb5-conf";
    if (conf == null && env.get("KRB5_CONFIG") != null && !env.get("KRB5_CONFIG").isEmpty()) {
      // MIT allows a list; Java reads one file: the first.
      conf = Path.of(env.get("KRB5_CONFIG").split(":")[0]);
      what = "KRB5_CONFIG";
    }
    if (conf != null && (!Files.isRegularFile(conf) || !Files.isReadable(conf))) {
      throw new UserError(ExitCode.USAGE, what + ": " + conf + ": "
          + (Files.exists(conf) ? "not a readable file" : "no such file"));
    }
    Path read = conf;
    if (read == null) {
      what = "the system's Kerberos configuration";
      read = javasDefaultKrb5Conf();
    }
    if (read != null) {
      try {
        Krb5ConfFiles.check(read);
      } catch (IllegalArgumentException e) {
        throw new UserError(ExitCode.USAGE, what + ": " + e.getMessage());
      }
    }
    return conf;
  }

  /** The file Java's Kerberos reads when given none, as it searches; null when there is none. */
  private static Path javasDefaultKrb5Conf() {
    String property = System.getProperty("java.security.krb5.conf");
    if (property != null) {
      // Set by an earlier bind in this process (a test's); a vanished one is Java's to judge.
      return Files.exists(Path.of(property)) ? Path.of(property) : null;
    }
    for (Path p : new Path[] {Path.of(System.getProperty("java.home"), "conf", "security", "krb5.conf"),
        Path.of("/etc/krb5.conf")}) {
      if (Files.exists(p)) {
        return p;
      }
    }
    return null;
  }
}
