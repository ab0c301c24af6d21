package org.wbaudit.directory;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Kerberos file credential cache (MIT's FILE: format, versions 3 and 4, as kinit writes
 * it) says about its tickets: whose they are and until when they last. wbaudit reads it only to
 * give a clear message before binding (no cache, no ticket-granting ticket, an expired one);
 * Java's own Kerberos does the binding. Keys and tickets are skipped, never kept.
 *
 * @param defaultPrincipal {@code user@REALM}
 * @param tickets every credential in the cache, configuration entries excluded
 */
public record TicketCache(String defaultPrincipal, List<Ticket> tickets) {
  /** One credential: its client, its service and when it ends. */
  public record Ticket(String client, String server, Instant end) {}

  /** Bounds a cache can never exceed; a larger value means the file is not a cache. */
  private static final int MAX_FIELD = 1 << 20;

  public TicketCache {
    tickets = List.copyOf(tickets);
  }

  /** The realm of the default principal. */
  public String realm() {
    return defaultPrincipal.substring(defaultPrincipal.lastIndexOf('@') + 1);
  }

  /**
   * When the default principal's ticket-granting ticket for its own realm ends; null when the
   * cache holds none (after {@code kdestroy}, or a cache with service tickets only).
   */
  public Instant tgtEnd() {
    String tgt = "krbtgt/" + realm() + "@" + realm();
    Instant end = null;
    for (Ticket t : tickets) {
      if (t.client().equals(defaultPrincipal) && t.server().equals(tgt)
          && (end == null || t.end().isAfter(end))) {
        end = t.end();
      }
    }
    return end;
  }

  /**
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it is not a version 3 or 4 credential cache
   */
  public static TicketCache read(Path file) throws IOException {
    // A device reads as size 0 and never ends (/dev/zero), a FIFO blocks: neither is a cache.
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("not a regular file (a device, a FIFO or a folder cannot"
          + " be a credential cache)");
    }
    long size = Files.size(file);
    if (size > 64L * MAX_FIELD) {
      throw new IllegalArgumentException("too large for a credential cache (" + size + " bytes)");
    }
    return parse(Files.readAllBytes(file));
  }

  static TicketCache parse(byte[] bytes) {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      int version = in.readUnsignedShort();
      if (version != 0x0503 && version != 0x0504) {
        throw new IllegalArgumentException(String.format(
            "not a file credential cache of version 3 or 4 (it starts with 0x%04x)", version));
      }
      if (version == 0x0504) {
        in.skipNBytes(in.readUnsignedShort()); // header tags: the KDC time offset, unused here
      }
      String owner = principal(in);
      List<Ticket> tickets = new ArrayList<>();
      while (in.available() > 0) {
        String client = principal(in);
        String server = principal(in);
        in.readUnsignedShort(); // key type
        if (version == 0x0503) {
          in.readUnsignedShort(); // version 3 repeats the key type
        }
        data(in); // key
        in.readInt(); // auth time
        in.readInt(); // start time
        long end = Integer.toUnsignedLong(in.readInt());
        in.readInt(); // renew until
        in.readUnsignedByte(); // is session key
        in.readInt(); // flags
        for (int i = count(in); i > 0; i--) { // addresses
          in.readUnsignedShort();
          data(in);
        }
        for (int i = count(in); i > 0; i--) { // authorisation data
          in.readUnsignedShort();
          data(in);
        }
        data(in); // ticket
        data(in); // second ticket
        // kinit stores settings as credentials of a pseudo-realm; they are not tickets.
        if (!server.endsWith("@X-CACHECONF:")) {
          tickets.add(new Ticket(client, server, Instant.ofEpochSecond(end)));
        }
      }
      return new TicketCache(owner, tickets);
    } catch (EOFException e) {
      throw new IllegalArgumentException("the credential cache ends in the middle of an entry");
    } catch (IOException e) {
      throw new IllegalStateException(e); // a byte array cannot fail to read
    }
  }

  private static String principal(DataInputStream in) throws IOException {
    in.readInt(); // name type
    int components = count(in);
    String realm = text(in);
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < components; i++) {
      name.append(i == 0 ? "" : "/").append(text(in));
    }
    return name.append('@').append(realm).toString();
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1024) {
      throw new IllegalArgumentException("not a credential cache (a count of " + n + ")");
    }
    return n;
  }

  private static String text(DataInputStream in) throws IOException {
    return new String(data(in), StandardCharsets.UTF_8);
  }

  private static byte[] data(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_FIELD) {
      throw new IllegalArgumentException("not a credential cache (a field of " + n + " bytes)");
    }
    if (n > in.available()) {
      throw new EOFException();
    }
    return in.readNBytes(n);
  }
}
