package org.wbaudit.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostnameCheckTest {
  static X509Certificate certificate(String subject, String... san) throws Exception {
    File store = File.createTempFile("wbaudit-test", ".jks");
    store.delete();
    List<String> args = new ArrayList<>(List.of("generate-self-signed-certificate", "--keystore",
        store.getPath(), "--keystore-password", "changeit", "--keystore-type", "JKS", "--alias", "c",
        "--subject-dn", subject));
    for (String s : san) {
      args.add(s.matches("[0-9.]+") ? "--subject-alternative-name-ip-address" : "--subject-alternative-name-dns");
      args.add(s);
    }
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    assertEquals(ResultCode.SUCCESS, ManageCertificates.main(null, log, log, args.toArray(String[]::new)), log::toString);
    KeyStore ks = KeyStore.getInstance("JKS");
    try (FileInputStream in = new FileInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    store.delete();
    return (X509Certificate) ks.getCertificate("c");
  }

  @Test
  void namesAndAddressesMustBeInTheSubjectAltName() throws Exception {
    X509Certificate c = certificate("CN=dc1.corp.example", "dc1.corp.example", "*.ops.corp.example", "127.0.0.2");
    assertNull(HostnameCheck.mismatch("dc1.corp.example", c));
    assertNull(HostnameCheck.mismatch("DC1.Corp.Example", c));
    assertNull(HostnameCheck.mismatch("dc7.ops.corp.example", c));
    assertNull(HostnameCheck.mismatch("127.0.0.2", c));
    assertTrue(HostnameCheck.mismatch("127.0.0.3", c).contains("not the address 127.0.0.3"));
    assertTrue(HostnameCheck.mismatch("evil.example", c).contains("not evil.example"));
    assertTrue(HostnameCheck.mismatch("a.b.ops.corp.example", c) != null, "a wildcard covers one label");
    assertTrue(HostnameCheck.mismatch("ops.corp.example", c) != null);
  }

  @Test
  void theCommonNameCountsOnlyWithoutDnsNames() throws Exception {
    X509Certificate cnOnly = certificate("CN=dc2.corp.example");
    assertNull(HostnameCheck.mismatch("dc2.corp.example", cnOnly));
    assertTrue(HostnameCheck.mismatch("127.0.0.1", cnOnly).contains("CN=dc2.corp.example"));
    X509Certificate withSan = certificate("CN=legacy.corp.example", "dc3.corp.example");
    assertTrue(HostnameCheck.mismatch("legacy.corp.example", withSan) != null);
  }

  /** Checked inside the handshake: after StartTLS, the session was not always there to check. */
  @Test
  void aCertificateForAnotherHostFailsTheHandshake() throws Exception {
    try (DemoDirectory demo = DemoDirectory.startWithCertificateFor("dc9.elsewhere.test")) {
      DirectoryException e = assertThrows(DirectoryException.class,
          () -> DirectorySession.open(demo.settings()));
      assertEquals(DirectoryException.Kind.TLS, e.kind());
      assertTrue(e.getMessage().contains("does not match"), e.getMessage());
      assertTrue(e.getMessage().contains("dc9.elsewhere.test"), e.getMessage());
    }
  }
}
