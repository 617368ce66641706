package dev.sesops.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that moves only when a test moves it: by hand ({@link #advance}) or through a fake
 * sleeper ({@code clock::sleepNanos} as a {@code Pacer.Sleeper}, {@code clock::nanos} as its
 * ticker).
 */
public final class MutableClock extends Clock {
  private Instant now;

  public MutableClock(Instant start) {
    this.now = start;
  }

  /** Moves the clock forward by {@code d}. */
  /** Sets the time (forwards or back). */
  public synchronized void set(Instant t) {
    advance(Duration.between(instant(), t));
  }

  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  /**
   * Moves the clock forward instead of sleeping, so paced and polling code runs in virtual time.
   */
  public void sleepNanos(long nanos) {
    advance(Duration.ofNanos(nanos));
  }

  /**
   * This clock's time in nanoseconds since the epoch, a ticker that only {@link #advance} moves.
   */
  public synchronized long nanos() {
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }
}
