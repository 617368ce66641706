package dev.sesops.ses;

import java.time.Instant;

/**
 * The latest CloudWatch data point of a reputation metric (a fraction: 0.05 is 5%); value null when
 * there is none.
 */
public record MetricPoint(Double value, Instant timestamp) {
  public static MetricPoint none() {
    return new MetricPoint(null, null);
  }
}
