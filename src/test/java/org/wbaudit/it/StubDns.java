package org.wbaudit.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DNS server for the tests, over UDP on 127.0.0.1 and a free port: it answers SRV and A
 * queries from what the test put in, and "no such name" to anything else. Enough of RFC 1035
 * for Java's resolver, which is what it checks wbaudit against.
 */
public final class StubDns implements AutoCloseable {
  private static final int A = 1;
  private static final int SRV = 33;

  public record Srv(int priority, int weight, int port, String target) {}

  private final DatagramSocket socket;
  private final Map<String, List<Srv>> srv = new ConcurrentHashMap<>();
  private final Map<String, String> a = new ConcurrentHashMap<>();
  private final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

  public StubDns() throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    Thread t = new Thread(this::serve, "stub-dns");
    t.setDaemon(true);
    t.start();
  }

  public String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  public void srv(String name, Srv... records) {
    srv.put(name.toLowerCase(Locale.ROOT), List.of(records));
  }

  public void a(String name, String ip) {
    a.put(name.toLowerCase(Locale.ROOT), ip);
  }

  /** Every question asked so far, as "TYPE name". */
  public List<String> asked() {
    return List.copyOf(asked);
  }

  private void serve() {
    byte[] buf = new byte[1500];
    while (!socket.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        byte[] reply = answer(ByteBuffer.wrap(p.getData(), 0, p.getLength()));
        socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
      } catch (IOException | RuntimeException e) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  private byte[] answer(ByteBuffer q) throws IOException {
    int id = q.getShort() & 0xffff;
    q.getShort(); // flags
    q.getShort(); // one question
    q.getShort();
    q.getShort();
    q.getShort();
    int questionStart = q.position();
    String name = readName(q);
    int type = q.getShort() & 0xffff;
    q.getShort(); // class IN
    byte[] question = java.util.Arrays.copyOfRange(q.array(), questionStart, q.position());
    asked.add((type == SRV ? "SRV " : type == A ? "A " : type + " ") + name);
    List<byte[]> answers = new ArrayList<>();
    String key = name.toLowerCase(Locale.ROOT);
    if (type == SRV && srv.containsKey(key)) {
      for (Srv r : srv.get(key)) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.write(shorts(r.priority(), r.weight(), r.port()));
        d.write(encodeName(r.target()));
        answers.add(record(question, SRV, d.toByteArray()));
      }
    } else if (type == A && a.containsKey(key)) {
      answers.add(record(question, A, InetAddress.getByName(a.get(key)).getAddress()));
    }
    boolean known = srv.containsKey(key) || a.containsKey(key);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // response, authoritative, recursion available; NXDOMAIN when the name is unknown
    out.write(shorts(id, 0x8400 | 0x0080 | (known ? 0 : 3), 1, answers.size(), 0, 0));
    out.write(question);
    for (byte[] r : answers) {
      out.write(r);
    }
    return out.toByteArray();
  }

  private static byte[] record(byte[] question, int type, byte[] data) throws IOException {
    ByteArrayOutputStream r = new ByteArrayOutputStream();
    r.write(new byte[] {(byte) 0xc0, 12}); // the name: a pointer to the question's
    r.write(shorts(type, 1));
    r.write(new byte[] {0, 0, 0, 60}); // TTL
    r.write(shorts(data.length));
    r.write(data);
    return r.toByteArray();
  }

  private static String readName(ByteBuffer q) {
    StringBuilder b = new StringBuilder();
    for (int len = q.get() & 0xff; len > 0; len = q.get() & 0xff) {
      byte[] label = new byte[len];
      q.get(label);
      b.append(b.length() == 0 ? "" : ".").append(new String(label, StandardCharsets.US_ASCII));
    }
    return b.toString();
  }

  private static byte[] encodeName(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String label : name.split("\\.")) {
      byte[] l = label.getBytes(StandardCharsets.US_ASCII);
      out.write(l.length);
      out.write(l, 0, l.length);
    }
    out.write(0);
    return out.toByteArray();
  }

  private static byte[] shorts(int... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 2);
    for (int v : values) {
      b.putShort((short) v);
    }
    return b.array();
  }

  @Override
  public void close() {
    socket.close();
  }
}
