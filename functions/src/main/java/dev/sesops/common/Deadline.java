package dev.sesops.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When work must stop so the function can still report: the Lambda deadline less a safety margin.
 */
public record Deadline(Instant at, Clock clock) {

  public static Deadline after(Clock clock, long remainingMillis, Duration margin) {
    return new Deadline(clock.instant().plusMillis(remainingMillis).minus(margin), clock);
  }

  public static Deadline none(Clock clock) {
    return new Deadline(Instant.MAX, clock);
  }

  public boolean passed() {
    return !clock.instant().isBefore(at);
  }

  public Duration remaining() {
    if (at.equals(Instant.MAX)) {
      return Duration.ofDays(1);
    }
    Duration d = Duration.between(clock.instant(), at);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
