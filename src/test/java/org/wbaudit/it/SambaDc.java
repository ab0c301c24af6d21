package org.wbaudit.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Samba AD domain controller for the tests: provisioned in a temporary folder, with a
 * certificate from a CA of its own (naming its loopback address, so TLS can be verified), started
 * as a child process and stopped when the JVM exits.
 *
 * <p>Nothing here skips: if Samba is missing or will not start, the tests that need it fail with
 * the DC's own output. {@code scripts/install-test-deps} installs it.
 */
public final class SambaDc {
  public static final String REALM = "CORP.EXAMPLE.TEST";
  public static final String ADMIN_PASSWORD = "Adm1n!Passw0rd";

  private static SambaDc shared;
  private static SambaDc second;

  public final String ip;
  public final Path dir;
  public final Path caFile;
  private Process samba;

  private SambaDc(String ip, Path dir, Path caFile, Process samba) {
    this.ip = ip;
    this.dir = dir;
    this.caFile = caFile;
    this.samba = samba;
  }

  /** The test domain's DC, provisioned and started on first use on a free loopback address. */
  public static synchronized SambaDc shared() {
    if (shared == null) {
      shared = start("CORP", REALM);
    }
    return shared;
  }

  /** A second forest's DC, for the multi-forest tests; started on first use. */
  public static synchronized SambaDc secondForest() {
    if (second == null) {
      second = start("FABRIKAM", "FABRIKAM.EXAMPLE.TEST");
    }
    return second;
  }

  /** Samba's LDAP and LDAPS ports cannot be moved, so the DC gets an address of its own. */
  static SambaDc start(String domain, String realm) {
    return start(domain, realm, List.of());
  }

  /** @param extra smb.conf options for this DC's [global] section */
  static SambaDc start(String domain, String realm, List<String> extra) {
    String ip = Addresses.claim(389, 636, 88);
    try {
      Path dir = Files.createTempDirectory("wbaudit-samba-");
      Path tls = Files.createDirectories(dir.resolve("tls"));
      Path ca = makeCertificates(tls, ip, realm);
      List<String> provision = new ArrayList<>(List.of("samba-tool", "domain", "provision",
          "--realm=" + realm, "--domain=" + domain, "--server-role=dc", "--dns-backend=NONE",
          "--adminpass=" + ADMIN_PASSWORD, "--targetdir=" + dir, "--host-ip=" + ip));
      for (String option : List.of("interfaces=" + ip, "bind interfaces only=yes",
          "pid directory=" + dir.resolve("run"), "ncalrpc dir=" + dir.resolve("ncalrpc"),
          "winbindd socket directory=" + dir.resolve("winbindd"),
          "ntp signd socket directory=" + dir.resolve("ntp_signd"),
          "tls enabled=yes", "tls keyfile=" + tls.resolve("key.pem"),
          "tls certfile=" + tls.resolve("cert.pem"), "tls cafile=" + ca)) {
        provision.add("--option=" + option);
      }
      Result r = run(Duration.ofMinutes(3), provision.toArray(String[]::new));
      if (r.code != 0) {
        throw new IllegalStateException("samba-tool domain provision failed (exit " + r.code
            + "); is Samba installed? Run scripts/install-test-deps.\n" + r.tail());
      }
      Path conf = dir.resolve("etc/smb.conf");
      String text = Files.readString(conf).replaceAll("(?m)^\\s*server services = .*$",
          "\tserver services = ldap, cldap, kdc, drepl, kcc"
              + extra.stream().map(o -> "\n\t" + o).reduce("", String::concat));
      Files.writeString(conf, text);
      Process p = launch(dir);
      SambaDc dc = new SambaDc(ip, dir, ca, p);
      Runtime.getRuntime().addShutdownHook(new Thread(dc::stop));
      dc.awaitPort(636, Duration.ofSeconds(90));
      dc.awaitPort(389, Duration.ofSeconds(30));
      // The SPNs a DC registers for itself (ldap/<host> among them): Samba's dnsupdate service
      // runs this, and the tests leave that service out.
      check(run(Duration.ofMinutes(1), "samba_spnupdate", "-s", conf.toString()), "samba_spnupdate");
      dc.tool("domain", "passwordsettings", "set", "--complexity=off", "--history-length=0",
          "--min-pwd-age=0", "--account-lockout-threshold=5");
      return dc;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a Samba DC: " + e, e);
    }
  }

  /** A CA and a server certificate naming the DC's address, so hostname checks can pass. */
  private static Path makeCertificates(Path tls, String ip, String realm) throws IOException {
    Path ca = tls.resolve("ca.pem");
    String host = "dc1." + realm.toLowerCase();
    Files.writeString(tls.resolve("san.cnf"),
        // 127.0.0.1 too: the fault-injection proxy listens there.
        "subjectAltName=IP:" + ip + ",IP:127.0.0.1,DNS:" + host + "\nbasicConstraints=CA:FALSE\n");
    check(run(Duration.ofMinutes(1), "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-days", "30", "-subj", "/CN=wbaudit test CA", "-keyout", tls.resolve("ca.key").toString(),
        "-out", ca.toString()), "openssl (CA)");
    check(run(Duration.ofMinutes(1), "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj",
        "/CN=" + host, "-keyout", tls.resolve("key.pem").toString(), "-out",
        tls.resolve("req.pem").toString()), "openssl (request)");
    check(run(Duration.ofMinutes(1), "openssl", "x509", "-req", "-in", tls.resolve("req.pem").toString(),
        "-CA", ca.toString(), "-CAkey", tls.resolve("ca.key").toString(), "-CAcreateserial",
        "-days", "30", "-extfile", tls.resolve("san.cnf").toString(), "-out",
        tls.resolve("cert.pem").toString()), "openssl (sign)");
    // Samba refuses a key file others can read.
    Files.setPosixFilePermissions(tls.resolve("key.pem"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return ca;
  }

  private static void check(Result r, String what) {
    if (r.code != 0) {
      throw new IllegalStateException(what + " failed (exit " + r.code + ")\n" + r.tail());
    }
  }

  private void awaitPort(int port, Duration limit) {
    awaitPort("samba", samba, ip, port, limit, this::log);
  }

  /**
   * Waits until {@code server} accepts connections on ip:port. Polling is the only way to know a
   * child process is ready; a server that exits or stays silent fails the wait with its log.
   */
  static void awaitPort(String name, Process server, String ip, int port, Duration limit,
      java.util.function.Supplier<String> log) {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (!server.isAlive()) {
        throw new IllegalStateException(name + " exited with " + server.exitValue() + ":\n" + log.get());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(ip, port), 500);
        return;
      } catch (IOException e) {
        sleep(250);
      }
    }
    throw new IllegalStateException(name + " did not listen on " + ip + ":" + port + " within "
        + limit.toSeconds() + " s:\n" + log.get());
  }

  String log() {
    try {
      String all = Files.readString(dir.resolve("samba.log"));
      return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** Runs samba-tool against the local database. */
  public String tool(String... args) {
    List<String> cmd = new ArrayList<>(List.of("samba-tool"));
    cmd.addAll(List.of(args));
    cmd.add("-H");
    cmd.add(dir.resolve("private/sam.ldb").toString());
    cmd.add("-s");
    cmd.add(dir.resolve("etc/smb.conf").toString());
    Result r = run(Duration.ofMinutes(2), cmd.toArray(String[]::new));
    check(r, String.join(" ", cmd));
    return r.output;
  }

  /** Runs a Python script from the test resources with Samba's bindings. */
  public String python(String resource, String... args) {
    try {
      Path script = dir.resolve(Path.of(resource).getFileName());
      try (var in = SambaDc.class.getResourceAsStream("/" + resource)) {
        if (in == null) {
          throw new IllegalStateException("missing test resource " + resource);
        }
        Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), dir.toString()));
      cmd.addAll(List.of(args));
      Result r = run(Duration.ofMinutes(5), cmd.toArray(String[]::new));
      check(r, resource);
      return r.output;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An object's whole descriptor as SDDL, read through the DC's database. */
  public String descriptor(String dn) {
    return python("samba/descriptor.py", "get", dn).strip();
  }

  /** Replaces an object's whole descriptor: how a test puts back what it changed on a shared DC. */
  public void restoreDescriptor(String dn, String sddl) {
    python("samba/descriptor.py", "set", dn, sddl);
  }

  public String ldapsUrl() {
    return "ldaps://" + ip + ":636";
  }

  public String ldapUrl() {
    return "ldap://" + ip + ":389";
  }

  private static Process launch(Path dir) throws IOException {
    return new ProcessBuilder("samba", "-s", dir.resolve("etc/smb.conf").toString(), "-i", "-M", "single")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("samba.log").toFile()))
        .start();
  }

  /** Stops the DC's processes, its database and address kept: a DC that goes away. */
  synchronized void pause() {
    samba.descendants().forEach(ProcessHandle::destroy);
    samba.destroy();
    try {
      if (!samba.waitFor(20, TimeUnit.SECONDS)) {
        samba.destroyForcibly();
        samba.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the paused DC again on the same database and address. */
  synchronized void resume() {
    try {
      samba = launch(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot restart samba: " + e, e);
    }
    awaitPort(636, Duration.ofSeconds(90));
    awaitPort(389, Duration.ofSeconds(30));
  }

  void stop() {
    samba.descendants().forEach(ProcessHandle::destroy);
    samba.destroy();
    try {
      samba.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    samba.destroyForcibly();
    // Each DC takes ~30 MB; keep it only when asked, to look at after a failure.
    if (System.getenv("WBAUDIT_KEEP_DC") == null) {
      deleteTree(dir);
    }
  }

  /** Removes a test's temporary folder and all below it; best effort, as a leftover is harmless. */
  static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }

  public record Result(int code, String output) {
    String tail() {
      return output.length() > 3000 ? output.substring(output.length() - 3000) : output;
    }
  }

  public static Result run(Duration limit, String... cmd) {
    try {
      Path out = Files.createTempFile("wbaudit-cmd", ".log");
      try {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return new Result(-1, "timed out after " + limit.toSeconds() + " s: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      return new Result(-1, "cannot run " + cmd[0] + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
