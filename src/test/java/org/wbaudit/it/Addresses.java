package org.wbaudit.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the harness's servers listen, chosen at run time: other programs on the machine may hold
 * any fixed address or port, so the harness never assumes one is free and never stops whoever
 * holds it. It takes the first loopback address whose ports it can bind, adds it to {@code lo}
 * only when missing, and removes at exit only what it added.
 */
final class Addresses {
  /** Loopback addresses the harness may use; 127.0.0.1 is left to everyone else. */
  private static final int FIRST = 2;
  private static final int LAST = 60;
  private static final List<String> taken = new ArrayList<>();

  private Addresses() {}

  /**
   * A loopback address on which every one of {@code ports} can be bound now, reserved for this
   * JVM; fails naming what holds the ports when there is none.
   */
  static synchronized String claim(int... ports) {
    List<String> busy = new ArrayList<>();
    for (int i = FIRST; i <= LAST; i++) {
      String ip = "127.0.0." + i;
      if (taken.contains(ip)) {
        continue;
      }
      String held = firstHeld(ip, ports);
      if (held == null) {
        taken.add(ip);
        addToLoopback(ip);
        return ip;
      }
      if (busy.size() < 3) {
        busy.add(held);
      }
    }
    throw new IllegalStateException("no loopback address from 127.0.0." + FIRST + " to 127.0.0."
        + LAST + " has ports " + java.util.Arrays.toString(ports) + " free; for example: "
        + String.join("; ", busy));
  }

  /** A host:port that refuses connections at this moment: a port just bound and released. */
  static String closedEndpoint() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = s.getLocalPort();
      s.close();
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 300);
        throw new IllegalStateException("port " + port + " answered right after it was released");
      } catch (IOException refused) {
        return "127.0.0.1:" + port;
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot find a closed port on 127.0.0.1: " + e, e);
    }
  }

  /** Null when every port binds on ip; else which one does not and who holds it. */
  private static String firstHeld(String ip, int... ports) {
    for (int port : ports) {
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(ip, port));
      } catch (IOException e) {
        return ip + ":" + port + " is held (" + holder(port) + ")";
      }
    }
    return null;
  }

  /** What ss says listens on the port, to name it in a failure. */
  private static String holder(int port) {
    SambaDc.Result r = SambaDc.run(Duration.ofSeconds(10), "ss", "-ltnpH", "sport = :" + port);
    String out = r.output().strip().replaceAll("\\s+", " ");
    return out.isEmpty() ? "ss names no listener" : out;
  }

  /** Adds ip to lo unless it is there; removes it when the JVM exits if this added it. */
  private static void addToLoopback(String ip) {
    SambaDc.Result r = SambaDc.run(Duration.ofSeconds(20), "ip", "addr", "add", ip + "/32", "dev", "lo");
    if (r.code() == 0) {
      Runtime.getRuntime().addShutdownHook(new Thread(() ->
          SambaDc.run(Duration.ofSeconds(20), "ip", "addr", "del", ip + "/32", "dev", "lo")));
    } else if (!r.output().contains("File exists") && !r.output().contains("already assigned")) {
      throw new IllegalStateException("cannot add " + ip + " to lo (the tests run as root): " + r.output());
    }
  }
}
