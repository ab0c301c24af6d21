package org.wbaudit.directory;

import java.nio.file.Path;

/**
 * How the server's certificate is checked.
 *
 * @param trustStore a PEM file of CA certificates or a JKS/PKCS12 keystore; null for the JVM's
 * @param trustAll accept any certificate: only on the user's explicit request
 */
public record TrustPolicy(Path trustStore, boolean trustAll) {
  public static TrustPolicy jvmDefault() {
    return new TrustPolicy(null, false);
  }

  public TrustPolicy {
    if (trustAll && trustStore != null) {
      throw new IllegalArgumentException("a trust store and trusting all certificates exclude each other");
    }
  }
}
