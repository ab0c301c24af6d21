package org.wbaudit.directory;

import com.unboundid.util.ssl.SSLUtil;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The protocols and cipher suites the LDAP SDK enables (its recommended ones, or those set with
 * its system properties), offered in the order that costs this client least: ChaCha20-Poly1305
 * first, then AES-128-GCM. Java decrypts AES-GCM without the processor's AES and carry-less
 * multiply instructions unless its optimising compiler has run, which a short audit never lets
 * it (the launcher keeps the client compiler); ChaCha20 is plain arithmetic either way. A bare
 * read of 20,005 users over LDAPS costs 2.3 s of client CPU with it, 3.2-3.9 s over AES-256-GCM
 * (BENCHMARKS.md). Only the order changes, never the set: a DC that decides by its own
 * preference (Windows does) or lacks ChaCha20 negotiates what it did before.
 */
final class CipherPreference extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final String[] protocols;
  private final String[] suites;

  CipherPreference(SSLContext context) {
    this.delegate = context.getSocketFactory();
    this.protocols = SSLUtil.getEnabledSSLProtocols().toArray(String[]::new);
    this.suites = order(SSLUtil.getEnabledSSLCipherSuites()).toArray(String[]::new);
  }

  /** The suites, stably reordered: ChaCha20-Poly1305 ones first, AES-128-GCM ones next. */
  static List<String> order(Collection<String> suites) {
    return suites.stream().sorted(Comparator.comparingInt(CipherPreference::rank)).toList();
  }

  private static int rank(String suite) {
    if (suite.contains("CHACHA20_POLY1305")) {
      return 0;
    }
    return suite.contains("AES_128_GCM") ? 1 : 2;
  }

  private Socket prefer(Socket s) {
    if (s instanceof SSLSocket tls) {
      tls.setEnabledProtocols(protocols);
      tls.setEnabledCipherSuites(suites);
    }
    return s;
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return suites.clone();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket() throws IOException {
    return prefer(delegate.createSocket());
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    return prefer(delegate.createSocket(s, host, port, autoClose));
  }

  @Override
  public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
    return prefer(delegate.createSocket(s, consumed, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return prefer(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress local, int localPort)
      throws IOException {
    return prefer(delegate.createSocket(host, port, local, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return prefer(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
      throws IOException {
    return prefer(delegate.createSocket(host, port, local, localPort));
  }
}
