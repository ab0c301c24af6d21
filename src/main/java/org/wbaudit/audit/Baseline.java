package org.wbaudit.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * The findings of an earlier report, by stable id ({@code forest/key}, or the key alone for a
 * finding about the whole run), to tell what is new and what was resolved since.
 *
 * <p>A kept report can hold a finding per user of a million-user forest, so the baseline holds
 * each id as a 64-bit digest only (eight bytes a finding); the findings themselves are read
 * again from their {@link Source}, one at a time, for the few the run no longer has. Two ids
 * share a digest with a chance of about n²/2⁶⁵: one in 36 million for a million findings.
 */
public final class Baseline {
  /** One finding as the baseline reported it. */
  public record Entry(String id, String rule, String severity, String forest, String dn,
      String message) {}

  /** Gives the baseline's findings again, in order; may be asked more than once. */
  public interface Source {
    /**
     * Hands on each finding whose id's digest {@code wanted} accepts; the others are never
     * built.
     *
     * @throws Unreadable when the findings can no longer be read as they were
     */
    void forEach(LongPredicate wanted, Consumer<Entry> each);
  }

  /** The baseline's source changed or vanished while the run used it. */
  public static final class Unreadable extends RuntimeException {
    public Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final String name;
  private final String startedAt;
  private final long[] digests;
  private final Source source;

  /**
   * @param digests each finding id's {@link #digest}, in any order
   */
  public Baseline(String name, String startedAt, long[] digests, Source source) {
    this.name = name;
    this.startedAt = startedAt;
    this.digests = digests.clone();
    Arrays.sort(this.digests);
    this.source = source;
  }

  /** A baseline held in memory: small ones, and tests. */
  public static Baseline of(String name, String startedAt, List<Entry> entries) {
    List<Entry> copy = List.copyOf(entries);
    return new Baseline(name, startedAt, copy.stream().mapToLong(e -> digest(e.id())).toArray(),
        (wanted, each) -> copy.stream().filter(e -> wanted.test(digest(e.id()))).forEach(each));
  }

  public String name() {
    return name;
  }

  public String startedAt() {
    return startedAt;
  }

  public boolean contains(String id) {
    return containsDigest(digest(id));
  }

  public boolean containsDigest(long digest) {
    return Arrays.binarySearch(digests, digest) >= 0;
  }

  /**
   * The baseline's findings whose id's digest {@code seen} does not hold, each once, in the
   * baseline's order.
   */
  public List<Entry> missingFrom(LongPredicate seen) {
    List<Entry> out = new ArrayList<>();
    Set<Long> said = new HashSet<>();
    source.forEach(d -> !seen.test(d), e -> {
      if (said.add(digest(e.id()))) {
        out.add(e);
      }
    });
    return out;
  }

  /** A finding id's digest: the first eight bytes of its SHA-256. */
  public static long digest(String id) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(h, 0, Long.BYTES).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** A finding's id in a report: the key, prefixed with its forest when it has one. */
  public static String id(String forest, Finding f) {
    return forest == null ? f.key() : forest + "/" + f.key();
  }
}
