package org.wbaudit.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The credential cache reader on caches laid out as MIT's ccache format describes (version 4
 * with a header, version 3 without, configuration entries, truncation). A cache written by the
 * real kinit is read in it/KerberosTest.
 */
class TicketCacheTest {
  static final String REALM = "CORP.EXAMPLE";

  /** A cache: the default principal, then credentials (client, server, end time). */
  static byte[] cache(int version, String owner, Object... creds) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeShort(version);
    if (version == 0x0504) {
      out.writeShort(12); // one header tag: the KDC time offset
      out.writeShort(1);
      out.writeShort(8);
      out.writeInt(0);
      out.writeInt(0);
    }
    principal(out, owner);
    for (int i = 0; i < creds.length; i += 3) {
      principal(out, (String) creds[i]);
      principal(out, (String) creds[i + 1]);
      out.writeShort(18);
      if (version == 0x0503) {
        out.writeShort(18);
      }
      data(out, new byte[32]); // the key: never read
      long end = ((Instant) creds[i + 2]).getEpochSecond();
      out.writeInt((int) end - 36000);
      out.writeInt((int) end - 36000);
      out.writeInt((int) end);
      out.writeInt((int) end + 86400);
      out.writeByte(0);
      out.writeInt(0x40e10000);
      out.writeInt(1); // one address
      out.writeShort(2);
      data(out, new byte[] {10, 0, 0, 1});
      out.writeInt(0); // no authorisation data
      data(out, "ticket".getBytes(StandardCharsets.US_ASCII));
      data(out, new byte[0]);
    }
    return bytes.toByteArray();
  }

  static void principal(DataOutputStream out, String name) throws IOException {
    String realm = name.substring(name.lastIndexOf('@') + 1);
    String[] parts = name.substring(0, name.lastIndexOf('@')).split("/");
    out.writeInt(1);
    out.writeInt(parts.length);
    data(out, realm.getBytes(StandardCharsets.UTF_8));
    for (String p : parts) {
      data(out, p.getBytes(StandardCharsets.UTF_8));
    }
  }

  static void data(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  static final String USER = "svc-sync@" + REALM;
  static final String TGT = "krbtgt/" + REALM + "@" + REALM;
  static final Instant END = Instant.parse("2026-11-30T08:00:00Z");

  @Test
  void readsTheOwnerAndWhenItsTicketGrantingTicketEnds() throws IOException {
    for (int version : new int[] {0x0504, 0x0503}) {
      TicketCache c = TicketCache.parse(cache(version, USER,
          USER, "krb5_ccache_conf_data/pa_type/" + TGT + "@X-CACHECONF:", Instant.EPOCH,
          USER, TGT, END,
          USER, "ldap/dc1.corp.example@" + REALM, END.plusSeconds(60)));
      assertEquals(USER, c.defaultPrincipal());
      assertEquals(REALM, c.realm());
      assertEquals(2, c.tickets().size(), "the configuration entry is not a ticket");
      assertEquals(END, c.tgtEnd());
    }
  }

  @Test
  void aCacheWithServiceTicketsOnlyHasNoTicketGrantingTicket() throws IOException {
    assertNull(TicketCache.parse(cache(0x0504, USER, USER, "ldap/dc1.corp.example@" + REALM, END)).tgtEnd());
    assertNull(TicketCache.parse(cache(0x0504, USER)).tgtEnd(), "after kdestroy-like emptiness");
  }

  @Test
  void whatIsNotACacheIsNamedNotGuessed() throws IOException {
    IllegalArgumentException keytab = assertThrows(IllegalArgumentException.class,
        () -> TicketCache.parse(new byte[] {0x05, 0x02, 0, 0, 0, 0}));
    assertTrue(keytab.getMessage().contains("0x0502"), keytab.getMessage());
    byte[] whole = cache(0x0504, USER, USER, TGT, END);
    for (int cut : new int[] {whole.length - 1, whole.length - 20, 40}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TicketCache.parse(Arrays.copyOf(whole, cut)));
      assertTrue(e.getMessage().contains("ends in the middle"), e.getMessage());
    }
    byte[] huge = whole.clone();
    huge[6 + 12 + 4] = 0x7f; // the owner's component count
    assertThrows(IllegalArgumentException.class, () -> TicketCache.parse(huge));
  }
}
