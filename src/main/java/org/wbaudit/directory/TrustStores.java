package org.wbaudit.directory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Locale;

/**
 * Reads a trust store before anything connects, so that a file that is not one is named as the
 * problem (a usage error), not mistaken later for a server whose certificate fails.
 */
public final class TrustStores {
  private TrustStores() {}

  /**
   * @return null when the file holds at least one certificate; else what is wrong with it
   */
  public static String problem(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try (InputStream in = Files.newInputStream(file)) {
      if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")) {
        return CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()
            ? "it holds no certificate" : null;
      }
      for (String type : new String[] {"PKCS12", "JKS"}) {
        try (InputStream again = Files.newInputStream(file)) {
          KeyStore ks = KeyStore.getInstance(type);
          ks.load(again, null); // certificates need no password to be read
          return ks.size() == 0 ? "it holds no certificate" : null;
        } catch (IOException | GeneralSecurityException e) {
          // try the next type
        }
      }
      return "it is neither a PEM file nor a JKS or PKCS12 trust store";
    } catch (IOException e) {
      return "it cannot be read (" + e.getClass().getSimpleName() + ")";
    } catch (GeneralSecurityException e) {
      return "it is not a PEM file of certificates";
    }
  }
}
