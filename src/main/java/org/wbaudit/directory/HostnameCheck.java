package org.wbaudit.directory;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.X509TrustManager;

/**
 * Does the server's certificate name the host wbaudit connected to? RFC 6125 in brief: an IP
 * address must appear as an iPAddress subjectAltName; a host name as a dNSName (a wildcard only
 * as the whole left-most label); the subject CN counts only when the certificate has no dNSName
 * at all (older DC certificates).
 *
 * <p>Done inside the handshake (a wrapped trust manager), for ldaps:// and StartTLS alike,
 * because the LDAP SDK connects sockets by address and would otherwise leave the check out.
 */
final class HostnameCheck {
  private HostnameCheck() {}

  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  /**
   * {@code trust}, then a check that the server's certificate names {@code host}: a mismatch
   * fails the handshake with a {@link CertificateException} saying so.
   */
  static X509TrustManager verifying(X509TrustManager trust, String host) {
    return new X509TrustManager() {
      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType)
          throws CertificateException {
        trust.checkServerTrusted(chain, authType);
        String problem = chain.length == 0 ? "the server presented no certificate"
            : mismatch(host, chain[0]);
        if (problem != null) {
          throw new CertificateException("the server's certificate does not match: " + problem);
        }
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType)
          throws CertificateException {
        trust.checkClientTrusted(chain, authType);
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return trust.getAcceptedIssuers();
      }
    };
  }

  /** @return null when the certificate names {@code host}, else why not */
  static String mismatch(String host, X509Certificate cert) {
    List<String> dnsNames = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          int type = (Integer) san.get(0);
          if (type == DNS_NAME) {
            dnsNames.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
          } else if (type == IP_ADDRESS) {
            ips.add((String) san.get(1));
          }
        }
      }
    } catch (CertificateParsingException e) {
      return "its subjectAltName cannot be read: " + e.getMessage();
    }
    if (isIpLiteral(host)) {
      for (String ip : ips) {
        if (sameAddress(host, ip)) {
          return null;
        }
      }
      return "it names " + describe(dnsNames, ips, cert) + ", not the address " + host
          + " (connect by the DC's host name, or give --trust-all in a lab)";
    }
    String h = IDN.toASCII(host).toLowerCase(Locale.ROOT);
    List<String> names = dnsNames;
    if (names.isEmpty()) {
      String cn = commonName(cert);
      names = cn == null ? List.of() : List.of(cn.toLowerCase(Locale.ROOT));
    }
    for (String n : names) {
      if (matches(h, n)) {
        return null;
      }
    }
    return "it names " + describe(dnsNames, ips, cert) + ", not " + host;
  }

  private static boolean matches(String host, String pattern) {
    if (pattern.startsWith("*.")) {
      int dot = host.indexOf('.');
      return dot > 0 && host.substring(dot + 1).equals(pattern.substring(2));
    }
    return host.equals(pattern);
  }

  private static boolean isIpLiteral(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  private static boolean sameAddress(String a, String b) {
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String commonName(X509Certificate cert) {
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return null;
  }

  private static String describe(List<String> dns, List<String> ips, X509Certificate cert) {
    List<String> all = new ArrayList<>(dns);
    all.addAll(ips);
    if (all.isEmpty()) {
      String cn = commonName(cert);
      return cn == null ? "nothing" : "CN=" + cn;
    }
    return String.join(", ", all);
  }
}
