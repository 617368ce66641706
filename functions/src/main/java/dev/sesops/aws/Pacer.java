package dev.sesops.aws;

/**
 * Paces calls to one account's SES control plane (about 1 request per second, not adjustable):
 * a token bucket with a small burst. Thread-safe; one per account and Region per container
 * ({@code AccountClients#pacer}). Back-off after throttling is the SDK retry strategy's, not this.
 */
public final class Pacer {
  /** Waits; tests pass one that records instead of sleeping. */
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  /** The time source in nanoseconds; tests pass a fake. */
  public interface Ticker {
    long nanos();
  }

  private final double permitsPerSecond;
  private final int burst;
  private final Sleeper sleeper;
  private final Ticker ticker;
  private double tokens;
  private long last;
  private long calls;

  public Pacer(double permitsPerSecond, int burst) {
    this(permitsPerSecond, burst, n -> java.util.concurrent.TimeUnit.NANOSECONDS.sleep(n), System::nanoTime);
  }

  public Pacer(double permitsPerSecond, int burst, Sleeper sleeper, Ticker ticker) {
    if (!(permitsPerSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("permitsPerSecond must be > 0 and burst >= 1");
    }
    this.permitsPerSecond = permitsPerSecond;
    this.burst = burst;
    this.sleeper = sleeper;
    this.ticker = ticker;
    this.tokens = burst;
    this.last = ticker.nanos();
  }

  /** Blocks until the next call may go. */
  public void acquire() {
    long waitNanos;
    synchronized (this) {
      refill();
      calls++;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      waitNanos = (long) Math.ceil((1 - tokens) / permitsPerSecond * 1e9);
      tokens -= 1; // reserved: the next caller waits behind this one
    }
    try {
      sleeper.sleepNanos(waitNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pacing SES calls", e);
    }
  }

  /** How many calls went through this pacer. */
  public synchronized long calls() {
    return calls;
  }

  private void refill() {
    long now = ticker.nanos();
    tokens = Math.min(burst, tokens + (now - last) / 1e9 * permitsPerSecond);
    last = now;
  }
}
