package org.wbaudit.directory;

import java.time.Duration;
import java.time.Instant;

/** AD's time values: intervals as negative counts of 100 ns, instants as 100 ns since 1601. */
public final class Interval {
  /** Seconds from 1601-01-01 (Windows' epoch) to 1970-01-01. */
  private static final long EPOCH_DELTA = 11_644_473_600L;

  private Interval() {}

  /** A policy's age (maxPwdAge, msDS-MaximumPasswordAge): null for "never" (0 or the smallest value). */
  public static Duration of(long raw) {
    if (raw == 0 || raw == Long.MIN_VALUE) {
      return null;
    }
    return Duration.ofNanos(Math.abs(raw) % 10_000_000L * 100).plusSeconds(Math.abs(raw) / 10_000_000L);
  }

  /** A FILETIME (pwdLastSet, lastLogonTimestamp): null for 0 (never) or -1 (must change). */
  public static Instant instant(long fileTime) {
    if (fileTime <= 0) {
      return null;
    }
    return Instant.ofEpochSecond(fileTime / 10_000_000L - EPOCH_DELTA, fileTime % 10_000_000L * 100);
  }
}
