package org.wbaudit.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * OpenLDAP's slapd with one empty database: an LDAP server that is not a domain controller, for
 * the test that wbaudit says so. Started once, stopped with the JVM.
 */
public final class Slapd {
  public static final int PORT = 3890;
  private static Slapd shared;

  private final Process process;
  private final String ip;

  private Slapd(Process process, String ip) {
    this.process = process;
    this.ip = ip;
  }

  public static synchronized Slapd shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  private static Slapd start() {
    try {
      Path dir = Files.createTempDirectory("wbaudit-slapd-");
      Files.createDirectories(dir.resolve("db"));
      Path conf = dir.resolve("slapd.conf");
      Files.writeString(conf, String.join("\n",
          "include /etc/ldap/schema/core.schema",
          "pidfile " + dir.resolve("slapd.pid"),
          "modulepath /usr/lib/ldap",
          "moduleload back_mdb",
          "database mdb",
          "suffix \"dc=example,dc=test\"",
          "rootdn \"cn=admin,dc=example,dc=test\"",
          "rootpw secret",
          "directory " + dir.resolve("db"), ""));
      String ip = Addresses.claim(PORT);
      Process p = new ProcessBuilder("/usr/sbin/slapd", "-f", conf.toString(), "-h",
          "ldap://" + ip + ":" + PORT + "/", "-d", "0")
          .redirectErrorStream(true).redirectOutput(dir.resolve("slapd.log").toFile()).start();
      Slapd s = new Slapd(p, ip);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        p.destroy();
        try {
          p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      SambaDc.awaitPort("slapd", p, ip, PORT, java.time.Duration.ofSeconds(30), () -> {
        try {
          return Files.readString(dir.resolve("slapd.log"));
        } catch (IOException e) {
          return "(no log)";
        }
      });
      return s;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start slapd (is it installed? scripts/install-test-deps): " + e, e);
    }
  }

  public String url() {
    return "ldap://" + ip + ":" + PORT;
  }
}
