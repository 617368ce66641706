package dev.sesops.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Paces one account and Region's SES calls: each operation in its own queue at its own rate ({@link
 * Pacing#rate}), all of them under the account's ceiling. A call reserves the first time its
 * operation's queue allows that the ceiling allows too, and sleeps until then outside the lock, so
 * calls of different operations go out together, two calls of one operation stay an interval apart
 * from when each really goes, and a call waiting for its operation does not hold up the others.
 * Thread-safe; one per account and Region per container ({@link AccountClients#pacer}), applied to
 * every HTTP attempt by {@link PacingInterceptor}.
 */
public final class AccountPacer {
  private final Pacing pacing;
  private final Pacer.Sleeper sleeper;
  private final Pacer.Ticker ticker;
  private final Ceiling ceiling;
  private final Map<String, Pacer.Slot> operations = new HashMap<>();
  private final Map<String, Long> callsByOperation = new HashMap<>();
  private long calls;

  public AccountPacer(Pacing pacing) {
    this(pacing, Pacer.Sleeper.system(), System::nanoTime);
  }

  public AccountPacer(Pacing pacing, Pacer.Sleeper sleeper, Pacer.Ticker ticker) {
    this.pacing = Objects.requireNonNull(pacing, "pacing");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.ceiling = new Ceiling(pacing.accountCeiling());
  }

  /** Blocks until a call of {@code operation} ({@code Service.Operation}) may go. */
  public void acquire(String operation) {
    Objects.requireNonNull(operation, "operation");
    long waitNanos;
    synchronized (this) {
      long now = ticker.nanos();
      Pacer.Slot own =
          operations.computeIfAbsent(operation, o -> new Pacer.Slot(pacing.rate(o), 1, now));
      long at = ceiling.reserve(Math.max(now, own.earliest()), now);
      own.take(at);
      calls++;
      callsByOperation.merge(operation, 1L, Long::sum);
      waitNanos = at - now;
    }
    Pacer.sleep(sleeper, waitNanos);
  }

  /** How many SES HTTP attempts went through this pacer, retries included. */
  public synchronized long calls() {
    return calls;
  }

  /** How many of them were {@code operation} ({@code Service.Operation}). */
  public synchronized long calls(String operation) {
    return callsByOperation.getOrDefault(operation, 0L);
  }

  public Pacing pacing() {
    return pacing;
  }

  /**
   * At most {@code limit} calls in any window of {@code window} nanoseconds (the ceiling's calls
   * per second in any second; one call per 1/ceiling seconds below 1 a second). Calls are kept as
   * the times they were given, future ones included, so a later reservation can take a gap before
   * an earlier one.
   */
  static final class Ceiling {
    private final int limit;
    private final long window;
    private final List<Long> times = new ArrayList<>();

    Ceiling(double perSecond) {
      this.limit = perSecond >= 1 ? (int) Math.floor(perSecond) : 1;
      this.window = perSecond >= 1 ? 1_000_000_000L : Math.round(1e9 / perSecond);
    }

    /**
     * Reserves and returns the first time at or after {@code earliest} that keeps every window
     * within the limit.
     */
    long reserve(long earliest, long now) {
      times.removeIf(t -> t <= now - window);
      long at = earliest;
      if (!fits(at)) {
        long best = Long.MAX_VALUE;
        for (long t : times) {
          long candidate =
              t + window; // when t leaves the window: the only times the count can drop
          if (candidate > earliest && candidate < best && fits(candidate)) {
            best = candidate;
          }
        }
        at = best;
      }
      int i = Collections.binarySearch(times, at);
      times.add(i < 0 ? -i - 1 : i, at);
      return at;
    }

    /** Whether a call at {@code t} leaves no window holding more than {@code limit} calls. */
    private boolean fits(long t) {
      int i = Collections.binarySearch(times, t);
      int p = i < 0 ? -i - 1 : i; // t's index once inserted
      // limit + 1 calls in one window would be a run of limit + 1 neighbours, t among them,
      // spanning less than it
      for (int start = p - limit; start <= p; start++) {
        int end = start + limit; // in the list with t inserted
        if (start < 0 || end > times.size()) {
          continue;
        }
        long first = start == p ? t : times.get(start);
        long last = end == p ? t : times.get(end > p ? end - 1 : end);
        if (last - first < window) {
          return false;
        }
      }
      return true;
    }
  }
}
