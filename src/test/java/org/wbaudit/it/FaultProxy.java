package org.wbaudit.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy between wbaudit and a DC that can fail the way networks do: stall (stop
 * forwarding what the DC sends, keep the sockets open), delay every chunk, or reset the client's
 * connection once N bytes have gone to it. Listens on 127.0.0.1 on a free port; closed by the test.
 */
final class FaultProxy implements AutoCloseable {
  enum Mode { PASS, STALL, DELAY, RESET }

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicLong toClient = new AtomicLong();
  private volatile Mode mode = Mode.PASS;
  private volatile long after;
  private volatile long delayMillis;
  /** Counted down when a stall starts holding the DC's answer back. */
  private volatile java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
  private final Thread acceptor;
  /** Every byte that crossed, both ways: what someone on the path would see. */
  private final java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();

  FaultProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    this.acceptor = new Thread(this::accept, "fault-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** From now on, once {@code bytes} more have gone to the client, do {@code m}. */
  void fault(Mode m, long bytes) {
    holding = new java.util.concurrent.CountDownLatch(1);
    after = toClient.get() + bytes;
    mode = m;
  }

  /** Everything that crossed the proxy so far, both directions interleaved by chunk. */
  byte[] seen() {
    synchronized (seen) {
      return seen.toByteArray();
    }
  }

  /** Waits until a stall holds data back: the client is then mid-exchange, waiting. */
  boolean awaitHolding(long seconds) throws InterruptedException {
    return holding.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
  }

  void delay(long millis) {
    delayMillis = millis;
    mode = Mode.DELAY;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(targetHost, targetPort), 5000);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream, false);
        pump(upstream, client, true);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean towardsClient) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          if (towardsClient) {
            long sent = toClient.addAndGet(n);
            Mode m = mode;
            if (m == Mode.DELAY) {
              Thread.sleep(delayMillis); // a slow link: every chunk late, none lost
            } else if (m != Mode.PASS && sent >= after) {
              if (m == Mode.RESET) {
                to.setSoLinger(true, 0); // RST, not FIN
                to.close();
                return;
              }
              holding.countDown();
              while (mode == Mode.STALL && !from.isClosed()) {
                Thread.sleep(100); // hold everything, keep both sockets open
              }
            }
          }
          synchronized (seen) {
            seen.write(buf, 0, n);
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // one side went away: so does the other
      } finally {
        try {
          to.close();
        } catch (IOException ignored) {
          // closing
        }
      }
    }, "fault-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    mode = Mode.PASS;
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
