package dev.sesops.config;

/**
 * When a rate is bad enough to act on: at or above {@code percent}, and only with at least {@code
 * minSends} sends and {@code minEvents} bounces or complaints in the window.
 */
public record ActLevel(double percent, long minSends, long minEvents) {

  /** True when the rate has the volume to be judged at all. */
  public boolean hasVolume(long sends, long events) {
    return sends >= minSends && events >= minEvents;
  }

  public boolean crossedBy(long sends, long events) {
    return hasVolume(sends, events) && events * 100.0 / sends >= percent;
  }
}
