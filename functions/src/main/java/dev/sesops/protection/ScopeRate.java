package dev.sesops.protection;

import dev.sesops.config.Metric;
import dev.sesops.core.Scope;
import dev.sesops.core.Window;

/**
 * What the events function (per scope) or the monitor (the account) counted over one window: the
 * protector's input.
 *
 * @param trusted false when the counts may be incomplete (a source unread, counters stale): never
 *     acted on
 */
public record ScopeRate(
    Scope scope, Window window, long sends, long hardBounces, long complaints, boolean trusted) {

  public long count(Metric metric) {
    return metric == Metric.HARD_BOUNCE ? hardBounces : complaints;
  }

  /** The rate in percent (12.0 means 12%); 0 without sends. */
  public double percent(Metric metric) {
    return sends == 0 ? 0 : count(metric) * 100.0 / sends;
  }
}
