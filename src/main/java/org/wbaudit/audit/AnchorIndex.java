package org.wbaudit.audit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongBiFunction;

/**
 * Every anchor value held by every object of every forest, to find the values held twice.
 *
 * <p>Memory is a few bytes per distinct value, never the holders: each holder (attribute,
 * value, forest, DN, enabled) is appended to a spool file, and memory keeps only a 64-bit hash
 * of each (attribute, value) with a count that stops at two. At the end, the spool is read once
 * more and only holders of values whose hash was seen twice are grouped, by their exact value,
 * so a hash collision costs a little work and never a false duplicate. Thread-safe: forests
 * audited side by side add to one index.
 */
public final class AnchorIndex implements AutoCloseable {
  /**
   * One object that holds a value.
   *
   * @param standing where the user stood when its anchors were recorded; null when not told
   */
  public record Holder(String forest, String dn, boolean enabled, Standing standing) {
    public Holder(String forest, String dn, boolean enabled) {
      this(forest, dn, enabled, null);
    }
  }

  /**
   * A user's readiness when its anchors were recorded, so that a duplicate found at the end of
   * the run can be counted against it.
   *
   * @param subject its key in the report (objectGuid, else the DN in lower case)
   * @param operations per operation, in catalogue order: 0 ready, 1 not ready, 2 unknown
   * @param firstBlocker the rule that decided its first operation; null when ready
   * @param container its parent's DN
   */
  public record Standing(String subject, byte[] operations, String firstBlocker, String container) {}

  /** A compared value held by more than one object. */
  public record Duplicate(AnchorAttribute attribute, String value, List<Holder> holders) {
    public long enabledHolders() {
      return holders.stream().filter(Holder::enabled).count();
    }
  }

  private final ToLongBiFunction<AnchorAttribute, String> hash;
  private final Path spool;
  private final DataOutputStream out;
  private final HashCounts counts = new HashCounts();
  private long holders;

  public AnchorIndex() {
    this(AnchorIndex::hash);
  }

  /** With another hash: tests make every value collide. */
  AnchorIndex(ToLongBiFunction<AnchorAttribute, String> hash) {
    this.hash = hash;
    try {
      spool = Files.createTempFile("wbaudit-anchors", ".spool");
      out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the anchor spool file: " + e.getMessage(), e);
    }
  }

  /** Records that the object holds these compared values (each once, see {@link AnchorAttribute#normalise}). */
  public void add(String forest, String dn, boolean enabled, AnchorAttribute attribute,
      Set<String> values) {
    add(forest, dn, enabled, null, attribute, values);
  }

  /** As {@link #add(String, String, boolean, AnchorAttribute, Set)}, with where the user stands. */
  public synchronized void add(String forest, String dn, boolean enabled, Standing standing,
      AnchorAttribute attribute, Set<String> values) {
    try {
      for (String v : values) {
        counts.increment(hash.applyAsLong(attribute, v));
        out.writeByte(attribute.ordinal());
        writeString(v);
        writeString(forest);
        writeString(dn);
        out.writeBoolean(enabled);
        out.writeBoolean(standing != null);
        if (standing != null) {
          writeString(standing.subject());
          out.writeByte(standing.operations().length);
          out.write(standing.operations());
          writeString(standing.firstBlocker() == null ? "" : standing.firstBlocker());
          writeString(standing.container() == null ? "" : standing.container());
        }
        holders++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the anchor spool " + spool + ": " + e.getMessage(), e);
    }
  }

  /** Distinct (attribute, value) hashes seen so far. */
  public synchronized long distinctValues() {
    return counts.size();
  }

  public synchronized long holders() {
    return holders;
  }

  /** Every value held by two or more objects, by attribute then value. Call once, at the end. */
  public synchronized List<Duplicate> duplicates() {
    Map<AnchorAttribute, Map<String, List<Holder>>> found = new HashMap<>();
    try {
      out.flush();
      try (DataInputStream in = new DataInputStream(
          new BufferedInputStream(Files.newInputStream(spool), 1 << 16))) {
        AnchorAttribute[] attributes = AnchorAttribute.values();
        while (true) {
          int a;
          try {
            a = in.readUnsignedByte();
          } catch (EOFException end) {
            break;
          }
          String value = readString(in);
          String forest = readString(in);
          String dn = readString(in);
          boolean enabled = in.readBoolean();
          Standing standing = null;
          if (in.readBoolean()) {
            String subject = readString(in);
            byte[] ops = new byte[in.readUnsignedByte()];
            in.readFully(ops);
            String first = readString(in);
            String container = readString(in);
            standing = new Standing(subject, ops, first.isEmpty() ? null : first, container);
          }
          AnchorAttribute attribute = attributes[a];
          if (counts.get(hash.applyAsLong(attribute, value)) >= 2) {
            found.computeIfAbsent(attribute, k -> new HashMap<>())
                .computeIfAbsent(value, k -> new ArrayList<>()).add(new Holder(forest, dn, enabled, standing));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the anchor spool " + spool + ": " + e.getMessage(), e);
    }
    List<Duplicate> out = new ArrayList<>();
    found.forEach((attribute, byValue) -> byValue.forEach((value, hs) -> {
      if (hs.size() >= 2) {
        out.add(new Duplicate(attribute, value, List.copyOf(hs)));
      }
    }));
    out.sort(Comparator.comparing((Duplicate d) -> d.attribute().ordinal())
        .thenComparing(Duplicate::value));
    return out;
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
      Files.deleteIfExists(spool);
    } catch (IOException e) {
      // A temporary file left behind is not worth failing an audit over.
    }
  }

  private void writeString(String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** FNV-1a over the attribute and the value's characters, then a 64-bit finaliser. */
  static long hash(AnchorAttribute attribute, String value) {
    long h = 0xcbf29ce484222325L ^ attribute.ordinal();
    for (int i = 0; i < value.length(); i++) {
      h ^= value.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /**
   * An open-addressing table of 64-bit hashes and a count per hash that stops at two: nine bytes
   * a slot, at most three slots in four full.
   */
  static final class HashCounts {
    private long[] keys = new long[1 << 12];
    private byte[] counts = new byte[1 << 12];
    private int size;

    void increment(long key) {
      if (key == 0) {
        key = 1; // 0 marks an empty slot
      }
      if (4L * (size + 1) > 3L * keys.length) {
        grow();
      }
      int i = slot(keys, key);
      if (keys[i] == 0) {
        keys[i] = key;
        size++;
      }
      if (counts[i] < 2) {
        counts[i]++;
      }
    }

    int get(long key) {
      if (key == 0) {
        key = 1;
      }
      int i = slot(keys, key);
      return keys[i] == 0 ? 0 : counts[i];
    }

    int size() {
      return size;
    }

    private static int slot(long[] keys, long key) {
      int mask = keys.length - 1;
      int i = (int) (key ^ (key >>> 32)) & mask;
      while (keys[i] != 0 && keys[i] != key) {
        i = (i + 1) & mask;
      }
      return i;
    }

    private void grow() {
      long[] oldKeys = keys;
      byte[] oldCounts = counts;
      keys = new long[oldKeys.length * 2];
      counts = new byte[oldKeys.length * 2];
      for (int j = 0; j < oldKeys.length; j++) {
        if (oldKeys[j] != 0) {
          int i = slot(keys, oldKeys[j]);
          keys[i] = oldKeys[j];
          counts[i] = oldCounts[j];
        }
      }
    }
  }
}
