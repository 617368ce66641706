package dev.sesops.events;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of one scope over some time: one 5-minute bucket, or a window's sum.
 *
 * @param feedback complaints by feedback type ({@code abuse}, {@code not-spam}...)
 */
public record Counts(long sends, long deliveries, long hardBounces, long softBounces, long complaints, long rejects,
    long delays, Map<String, Long> feedback) {
  public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, Map.of());

  public Counts plus(Counts o) {
    Map<String, Long> f = new TreeMap<>(feedback);
    o.feedback.forEach((k, v) -> f.merge(k, v, Long::sum));
    return new Counts(sends + o.sends, deliveries + o.deliveries, hardBounces + o.hardBounces, softBounces + o.softBounces,
        complaints + o.complaints, rejects + o.rejects, delays + o.delays, Map.copyOf(f));
  }

  /** Hard bounces per send, in percent; 0 without sends. */
  public double bounceRate() {
    return sends == 0 ? 0 : 100.0 * hardBounces / sends;
  }

  /** Complaints per send, in percent; 0 without sends. */
  public double complaintRate() {
    return sends == 0 ? 0 : 100.0 * complaints / sends;
  }
}
