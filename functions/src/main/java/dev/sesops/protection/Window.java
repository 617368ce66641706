package dev.sesops.protection;

import java.time.Duration;

/** The windows rates are judged over. */
public enum Window {
  HOUR_1("1h", "1 h", Duration.ofHours(1)),
  HOURS_24("24h", "24 h", Duration.ofHours(24));

  private final String key;
  private final String label;
  private final Duration length;

  Window(String key, String label, Duration length) {
    this.key = key;
    this.label = label;
    this.length = length;
  }

  /** The config key ({@code 1h}). */
  public String key() {
    return key;
  }

  /** How people read it ({@code 1 h}). */
  public String label() {
    return label;
  }

  public Duration length() {
    return length;
  }
}
