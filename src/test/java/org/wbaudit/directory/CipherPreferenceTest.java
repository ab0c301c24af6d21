package org.wbaudit.directory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.util.ssl.SSLUtil;
import java.util.HashSet;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class CipherPreferenceTest {
  @Test
  void chachaFirstThenAes128GcmOtherwiseTheGivenOrder() {
    List<String> given = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
        "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    assertEquals(List.of("TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"), CipherPreference.order(given));
  }

  @Test
  void socketsOfferTheLdapSdksSuitesAndProtocolsOnlyReordered() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, null, null);
    try (SSLSocket s = (SSLSocket) new CipherPreference(context).createSocket()) {
      String[] offered = s.getEnabledCipherSuites();
      assertEquals(new HashSet<>(SSLUtil.getEnabledSSLCipherSuites()),
          new HashSet<>(List.of(offered)));
      assertTrue(offered[0].contains("CHACHA20_POLY1305"), offered[0]);
      assertArrayEquals(SSLUtil.getEnabledSSLProtocols().toArray(String[]::new), s.getEnabledProtocols());
    }
  }
}
