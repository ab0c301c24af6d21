import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The benchmark's JVM reference (scripts/bench-report): the least a Java client can do for the
 * read wbaudit makes, i.e. ldapsearch's paged LDAPS search of the same attributes through the
 * same LDAP SDK, offering the cipher suites in wbaudit's order, results counted and dropped.
 * Its CPU is the floor under any JVM audit; wbaudit's own work is what lies above it.
 *
 *   java -cp wbaudit.jar:classes BareRead host base bindName passwordFile attr...
 */
public final class BareRead {
  private static final String[] SUITES = {"TLS_CHACHA20_POLY1305_SHA256",
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"};

  public static void main(String[] args) throws Exception {
    String password = Files.readString(Path.of(args[3])).strip();
    String[] attrs = List.of(args).subList(4, args.length).toArray(String[]::new);
    long entries = 0;
    long bytes = 0;
    SSLSocketFactory jsse = new SSLUtil(new TrustAllTrustManager()).createSSLContext().getSocketFactory();
    SocketFactory ordered = new SocketFactory() {
      private Socket ordered(Socket s) {
        ((SSLSocket) s).setEnabledCipherSuites(SUITES);
        return s;
      }

      @Override
      public Socket createSocket() throws IOException {
        return ordered(jsse.createSocket());
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        return ordered(jsse.createSocket(host, port));
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort)
          throws IOException {
        return ordered(jsse.createSocket(host, port, local, localPort));
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        return ordered(jsse.createSocket(host, port));
      }

      @Override
      public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
          throws IOException {
        return ordered(jsse.createSocket(host, port, local, localPort));
      }
    };
    try (LDAPConnection c = new LDAPConnection(ordered, args[0], 636, args[2], password)) {
      ASN1OctetString cookie = null;
      do {
        SearchRequest r = new SearchRequest(args[1], SearchScope.SUB,
            "(&(objectCategory=person)(objectClass=user))", attrs);
        r.addControl(new SimplePagedResultsControl(500, cookie));
        // LDAP_SERVER_SD_FLAGS: owner, group and DACL, as wbaudit and the ldapsearch side ask
        r.addControl(new Control("1.2.840.113556.1.4.801", true,
            new ASN1OctetString(new byte[] {0x30, 3, 2, 1, 7})));
        SearchResult result = c.search(r);
        for (SearchResultEntry e : result.getSearchEntries()) {
          entries++;
          byte[] sd = e.getAttributeValueBytes("nTSecurityDescriptor");
          bytes += sd == null ? 0 : sd.length;
        }
        SimplePagedResultsControl paged = SimplePagedResultsControl.get(result);
        cookie = paged == null ? null : paged.getCookie();
      } while (cookie != null && cookie.getValueLength() > 0);
      System.out.println(entries + " entries, " + bytes + " descriptor bytes, over "
          + c.getSSLSession().getCipherSuite());
    }
  }
}
