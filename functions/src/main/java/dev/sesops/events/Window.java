package dev.sesops.events;

import java.time.Duration;
import java.time.Instant;

/** A rate window: the last 1 h or 24 h, as whole 5-minute buckets ending with the current one. */
public enum Window {
  H1("1h", Duration.ofHours(1)),
  H24("24h", Duration.ofHours(24));

  private final String label;
  private final Duration length;

  Window(String label, Duration length) {
    this.label = label;
    this.length = length;
  }

  public String label() {
    return label;
  }

  /** The first bucket of the window that ends with the bucket holding {@code now}. */
  Instant firstBucket(Instant now) {
    return Buckets.of(now).minus(length).plus(Buckets.SIZE);
  }

  /** By label ({@code 1h}, {@code 24h}); null when unknown. */
  public static Window of(String label) {
    for (Window w : values()) {
      if (w.label.equals(label)) {
        return w;
      }
    }
    return null;
  }
}
