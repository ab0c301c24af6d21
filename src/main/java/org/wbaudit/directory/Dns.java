package org.wbaudit.directory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.InitialDirContext;

/**
 * The DNS queries wbaudit makes: a domain's DC locator records (SRV) and a DC's address. Either
 * through the system's resolver or through one named server ({@code --dns-server}), for
 * networks where the system resolver is not the AD DNS. Java's own DNS client (JNDI) does the
 * work, with short timeouts: a resolver that does not answer must not hold the run.
 */
public final class Dns {
  /** {@code host:port} of the server to ask; null for the system's resolvers. */
  private final String server;

  private Dns(String server) {
    this.server = server;
  }

  /** The system's resolvers (resolv.conf). */
  public static Dns system() {
    return new Dns(null);
  }

  /**
   * One DNS server, {@code HOST} or {@code HOST:PORT} (default 53); an IPv6 address in brackets.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Dns server(String hostPort) {
    String text = hostPort.trim();
    String host = text;
    int port = 53;
    int colon = text.lastIndexOf(':');
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed [ in " + hostPort);
      }
      host = text.substring(1, close);
      if (close + 1 < text.length()) {
        if (text.charAt(close + 1) != ':') {
          throw new IllegalArgumentException("expected HOST[:PORT], got " + hostPort);
        }
        port = port(text.substring(close + 2), hostPort);
      }
    } else if (colon >= 0 && text.indexOf(':') == colon) {
      host = text.substring(0, colon);
      port = port(text.substring(colon + 1), hostPort);
    }
    if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("expected HOST[:PORT], got " + hostPort);
    }
    return new Dns((host.contains(":") ? "[" + host + "]" : host) + ":" + port);
  }

  private static int port(String text, String whole) {
    try {
      int p = Integer.parseInt(text);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException ignored) {
      // fall through to the message
    }
    throw new IllegalArgumentException("the port in " + whole + " is not 1 to 65535");
  }

  /** Whether names are resolved by a server of the user's choice rather than the system. */
  public boolean isSpecific() {
    return server != null;
  }

  @Override
  public String toString() {
    return server != null ? "DNS server " + server : "the system's DNS resolver";
  }

  /**
   * One SRV record.
   *
   * @param host the target as DNS gave it (lower case, no final dot); for a record that could
   *     not be read, its whole text, with {@code port} -1
   */
  public record Service(String host, int port, int priority, int weight) {
    /** Whether the record could be read as priority, weight, port and target. */
    public boolean readable() {
      return port >= 0;
    }
  }

  /**
   * The SRV records of {@code name}, in the order a client should try them: lowest priority
   * first, and within one priority the heavier first (a deterministic reading of RFC 2782's
   * weighted choice, so two runs try DCs in the same order). Records that cannot be read come
   * last, as they are, for the caller to name.
   *
   * @return empty when the name does not exist
   */
  public List<Service> services(String name) throws DirectoryException {
    List<Service> out = new ArrayList<>();
    for (String v : query(name, "SRV")) {
      String[] f = v.trim().split("\\s+", 4);
      Service s = null;
      if (f.length == 4) {
        try {
          String host = f[3].endsWith(".") ? f[3].substring(0, f[3].length() - 1) : f[3];
          s = new Service(host.toLowerCase(Locale.ROOT), Integer.parseInt(f[2]), Integer.parseInt(f[0]),
              Integer.parseInt(f[1]));
        } catch (NumberFormatException ignored) {
          s = null;
        }
      }
      if (s == null) {
        out.add(new Service(v, -1, Integer.MAX_VALUE, 0));
      } else if (!s.host().isEmpty()) { // "." means: no such service here
        out.add(s);
      }
    }
    out.sort(Comparator.comparingInt(Service::priority)
        .thenComparing(Comparator.comparingInt(Service::weight).reversed())
        .thenComparing(Service::host));
    return out;
  }

  /**
   * The address to connect to for {@code host}: the name itself when the system resolves it,
   * else the first A (then AAAA) record the named server gives.
   */
  public String address(String host) throws DirectoryException {
    if (server == null || isLiteral(host)) {
      return host;
    }
    for (String type : List.of("A", "AAAA")) {
      List<String> found = query(host, type);
      if (!found.isEmpty()) {
        return found.get(0).trim();
      }
    }
    throw new DirectoryException(DirectoryException.Kind.CONNECT,
        host + " has no address record at " + this, null, null);
  }

  private static boolean isLiteral(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  /** Whether the system resolves {@code host}; used to decide whether to ask the named server. */
  public static boolean systemResolves(String host) {
    try {
      InetAddress.getByName(host);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private List<String> query(String name, String type) throws DirectoryException {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put(Context.PROVIDER_URL, server != null ? "dns://" + server + "/" : "dns:");
    // 1 s, then 2 s: three seconds per server before it counts as silent.
    env.put("com.sun.jndi.dns.timeout.initial", "1000");
    env.put("com.sun.jndi.dns.timeout.retries", "2");
    try {
      InitialDirContext ctx = new InitialDirContext(env);
      try {
        Attributes attrs = ctx.getAttributes(name, new String[] {type});
        Attribute a = attrs.get(type);
        List<String> out = new ArrayList<>();
        if (a != null) {
          NamingEnumeration<?> values = a.getAll();
          while (values.hasMore()) {
            out.add(String.valueOf(values.next()));
          }
        }
        return out;
      } finally {
        ctx.close();
      }
    } catch (NameNotFoundException e) {
      return List.of();
    } catch (NamingException e) {
      throw new DirectoryException(DirectoryException.Kind.CONNECT, "cannot look up " + type + " "
          + name + " at " + this + ": " + (e.getExplanation() != null ? e.getExplanation()
              : e.getClass().getSimpleName()), null, e);
    }
  }
}
