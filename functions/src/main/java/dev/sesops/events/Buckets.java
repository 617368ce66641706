package dev.sesops.events;

import dev.sesops.core.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Five-minute buckets: the start instant, and its sort key in the state table ({@code
 * 2026-12-03T06:25Z}).
 */
final class Buckets {
  static final long SECONDS = 300;
  static final Duration SIZE = Duration.ofSeconds(SECONDS);
  private static final DateTimeFormatter KEY =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

  private Buckets() {}

  static Instant of(Instant t) {
    long s = t.getEpochSecond();
    return Instant.ofEpochSecond(s - Math.floorMod(s, SECONDS));
  }

  /** The first bucket of the window that ends with the bucket holding {@code now}. */
  static Instant firstOf(Window window, Instant now) {
    return of(now).minus(window.length()).plus(SIZE);
  }

  static String key(Instant bucket) {
    return KEY.format(bucket);
  }

  static Instant parse(String key) {
    return Instant.parse(key.substring(0, key.length() - 1) + ":00Z");
  }
}
