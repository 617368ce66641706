package dev.sesops.aws;

import dev.sesops.common.Deadline;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The deadline the AWS calls of the current thread must meet. A run opens one around an account's
 * work ({@link #within}); {@link DeadlineInterceptor} turns it into each request's {@code
 * apiCallTimeout} and {@code apiCallAttemptTimeout}, so no call outlives the run's budget. Work
 * handed to another thread carries it along with {@link #propagate}.
 */
public final class CallDeadline {
  /** Without a deadline a call still ends: the SDK's 60 s we had before. */
  static final Duration MAX_CALL = Duration.ofSeconds(60);

  /** One attempt never takes more than this, so a hung connection leaves time for a retry. */
  static final Duration MAX_ATTEMPT = Duration.ofSeconds(10);

  /** Below this nothing useful fits: the call fails at once instead of starting. */
  static final Duration MIN_CALL = Duration.ofMillis(50);

  private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

  private CallDeadline() {}

  /**
   * Runs {@code work} with its AWS calls bounded by {@code deadline} (the earlier one wins when
   * nested).
   */
  public static <T> T within(Deadline deadline, Supplier<T> work) {
    Objects.requireNonNull(deadline, "deadline");
    Deadline outer = CURRENT.get();
    Deadline effective = outer != null && outer.at().isBefore(deadline.at()) ? outer : deadline;
    CURRENT.set(effective);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /**
   * {@code work}, to run on another thread with this thread's deadline and member-account session
   * ({@link MemberSession}).
   */
  public static <T> Supplier<T> propagate(Supplier<T> work) {
    Deadline d = CURRENT.get();
    Supplier<T> inSession = MemberSession.propagate(work);
    return d == null ? inSession : () -> within(d, inSession);
  }

  /** The current thread's deadline, or null. */
  static Deadline current() {
    return CURRENT.get();
  }
}
