package dev.sesops.config;

import dev.sesops.core.Window;
import java.util.EnumMap;
import java.util.Map;

/** The act levels of one scope type, per metric and window. */
public record Levels(Map<Metric, Map<Window, ActLevel>> levels) {
  public Levels {
    EnumMap<Metric, Map<Window, ActLevel>> copy = new EnumMap<>(Metric.class);
    levels.forEach((m, w) -> copy.put(m, Map.copyOf(new EnumMap<>(w))));
    levels = Map.copyOf(copy);
  }

  public ActLevel get(Metric metric, Window window) {
    return levels.get(metric).get(window);
  }

  /**
   * The events function's act levels and minimum volumes: hard bounces 10% over 1 h (200 sends, 20
   * bounces) and 5% over 24 h (1,000, 50); complaints 1% over 1 h (200, 5) and 0.3% over 24 h
   * (1,000, 10).
   */
  public static Levels scopeDefaults() {
    return of(10.0, 5.0, 1.0, 0.3);
  }

  /**
   * The account's own levels, below AWS's pause levels (about 10% and 0.5%), with the same minimum
   * volumes.
   */
  public static Levels accountDefaults() {
    return of(8.0, 8.0, 0.4, 0.4);
  }

  private static Levels of(
      double bounce1h, double bounce24h, double complaint1h, double complaint24h) {
    return new Levels(
        Map.of(
            Metric.HARD_BOUNCE,
                Map.of(
                    Window.H1, new ActLevel(bounce1h, 200, 20),
                    Window.H24, new ActLevel(bounce24h, 1_000, 50)),
            Metric.COMPLAINT,
                Map.of(
                    Window.H1, new ActLevel(complaint1h, 200, 5),
                    Window.H24, new ActLevel(complaint24h, 1_000, 10))));
  }
}
