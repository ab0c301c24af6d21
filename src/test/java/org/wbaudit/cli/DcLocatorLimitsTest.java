package org.wbaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.wbaudit.it.StubDns;

/**
 * #24: the DC locator against DNS that names many DCs that all stall: one deadline for the
 * whole search, a capped number of tries, and a bounded message.
 */
class DcLocatorLimitsTest {
  @Test
  void stallingDcsCostOneDeadlineNotOneTimeoutEach() throws Exception {
    List<ServerSocket> silent = new ArrayList<>();
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (StubDns dns = new StubDns()) {
      List<StubDns.Srv> records = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        silent.add(s);
        Thread t = new Thread(() -> {
          try {
            while (true) {
              held.add(s.accept()); // accepted, never answered
            }
          } catch (Exception closed) {
            // the test is over
          }
        });
        t.setDaemon(true);
        t.start();
        records.add(new StubDns.Srv(0, 100 - i, s.getLocalPort(), "dc" + i + ".corp.example"));
        dns.a("dc" + i + ".corp.example", "127.0.0.1");
      }
      records.add(new StubDns.Srv(0, 100, 389, "bad\u001b]0;x\u0007.corp.example"));
      dns.srv("_ldap._tcp.dc._msdcs.corp.example", records.toArray(StubDns.Srv[]::new));
      long started = System.nanoTime();
      Cli r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run("", Map.of("PW", "x"), "audit",
          "--domain", "corp.example", "--dns-server", dns.address(), "--bind-dn", "svc@corp.example",
          "--password-env", "PW", "--timeout", "8", "--quiet"));
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;
      assertEquals(ExitCode.CONNECTION.code(), r.exitCode(), r.err());
      assertTrue(seconds < 20, "one deadline of 8 s, not 10 tries of 8 s: " + seconds + " s");
      assertTrue(r.err().contains("not reached before the deadline"), r.err());
      assertTrue(r.err().contains("2 more DCs found through DNS are not tried"), r.err());
      assertTrue(r.err().contains("passed over SRV record"), r.err());
      assertFalse(r.err().contains("\u001b") || r.err().contains("\u0007"), "DNS text is escaped: " + r.err());
      assertTrue(r.err().length() < 5_000, r.err().length() + " characters on stderr");

      Cli capped = Cli.run("", Map.of("PW", "x"), "audit", "--domain", "corp.example", "--dns-server",
          dns.address(), "--bind-dn", "svc@corp.example", "--password-env", "PW", "--timeout", "6",
          "--max-dcs", "1", "--quiet");
      assertEquals(ExitCode.CONNECTION.code(), capped.exitCode(), capped.err());
      assertTrue(capped.err().contains("11 more DCs found through DNS are not tried (at most 1"), capped.err());
      assertEquals(ExitCode.USAGE.code(), Cli.run("", "audit", "--url", "ldaps://dc1", "--max-dcs", "3",
          "--bind-dn", "a@b", "--password-env", "PW").exitCode());
    } finally {
      for (ServerSocket s : silent) {
        s.close();
      }
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
