package dev.sesops.aws;

import java.util.concurrent.TimeUnit;

/**
 * One rate, one queue: a token bucket with a small burst, kept as its next free slot (the generic
 * cell rate algorithm), so a caller reserves its slot and waits outside the lock. Thread-safe. The
 * SDK clients of an account are paced per operation by {@link AccountPacer}; this single bucket
 * stands in for it where there is no SDK client underneath (a fake suppression list on simulated
 * time). Back-off after throttling is the SDK retry strategy's, not this.
 */
public final class Pacer {
  /** Waits; tests pass one that records instead of sleeping. */
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;

    /** The real one. */
    static Sleeper system() {
      return TimeUnit.NANOSECONDS::sleep;
    }
  }

  /** The time source in nanoseconds; tests pass a fake. */
  public interface Ticker {
    long nanos();
  }

  private final Slot slot;
  private final Sleeper sleeper;
  private final Ticker ticker;
  private long calls;

  public Pacer(double permitsPerSecond, int burst) {
    this(permitsPerSecond, burst, Sleeper.system(), System::nanoTime);
  }

  public Pacer(double permitsPerSecond, int burst, Sleeper sleeper, Ticker ticker) {
    this.sleeper = sleeper;
    this.ticker = ticker;
    this.slot = new Slot(permitsPerSecond, burst, ticker.nanos());
  }

  /** Blocks until the next call may go. */
  public void acquire() {
    long waitNanos;
    synchronized (this) {
      long now = ticker.nanos();
      long at = Math.max(now, slot.earliest());
      slot.take(at);
      calls++;
      waitNanos = at - now;
    }
    sleep(sleeper, waitNanos);
  }

  /** How many calls went through this pacer. */
  public synchronized long calls() {
    return calls;
  }

  static void sleep(Sleeper sleeper, long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      sleeper.sleepNanos(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pacing SES calls", e);
    }
  }

  /**
   * A rate as the time of its next free slot: a call may go {@code burst - 1} intervals before that
   * time, and taking a slot moves it one interval on. Not thread-safe: its owner holds a lock.
   */
  static final class Slot {
    private final long interval;
    private final long tolerance;
    private long next;

    Slot(double perSecond, int burst, long now) {
      if (!(perSecond > 0) || burst < 1) {
        throw new IllegalArgumentException("permitsPerSecond must be > 0 and burst >= 1");
      }
      this.interval = Math.max(1, Math.round(1e9 / perSecond));
      this.tolerance = (burst - 1) * interval;
      this.next = now;
    }

    /** The earliest time (ticker nanos) the next call may go. */
    long earliest() {
      return next - tolerance;
    }

    /** A call goes at {@code at} (no earlier than {@link #earliest()}). */
    void take(long at) {
      next = Math.max(next, at) + interval;
    }
  }
}
