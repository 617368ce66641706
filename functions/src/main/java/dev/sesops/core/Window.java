package dev.sesops.core;

import java.time.Duration;

/**
 * A rate window: the last 1 h or 24 h (the event counters read it as whole 5-minute buckets ending
 * with the current one).
 */
public enum Window {
  H1("1h", "1 h", Duration.ofHours(1)),
  H24("24h", "24 h", Duration.ofHours(24));

  private final String key;
  private final String display;
  private final Duration length;

  Window(String key, String display, Duration length) {
    this.key = key;
    this.display = display;
    this.length = length;
  }

  /** The key in config, API parameters, logs and alerts ({@code 1h}). */
  public String key() {
    return key;
  }

  /** How people read it in protection's messages ({@code 1 h}). */
  public String display() {
    return display;
  }

  public Duration length() {
    return length;
  }

  /** By key ({@code 1h}, {@code 24h}); null when unknown. */
  public static Window of(String key) {
    for (Window w : values()) {
      if (w.key.equals(key)) {
        return w;
      }
    }
    return null;
  }
}
