package dev.sesops.protection;

import dev.sesops.config.ActLevel;
import dev.sesops.config.Metric;
import dev.sesops.core.Scope;
import dev.sesops.core.Window;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A rate at or above its act level, with the volume to be trusted: the "why" of a pause. */
record Breach(Scope scope, Metric metric, Window window, long sends, long count, ActLevel level) {

  public double percent() {
    return sends == 0 ? 0 : count * 100.0 / sends;
  }

  /** How far over the act level, for ordering a scope's breaches. */
  double severity() {
    return percent() / level.percent();
  }

  /** {@code hard bounces 12.0% over 1 h (36 of 300 sends)}. */
  public String describe() {
    return metric.label()
        + " "
        + percent(percent())
        + " over "
        + window.display()
        + " ("
        + count
        + " of "
        + sends
        + " sends)";
  }

  /** The numbers, for the action log. */
  public Map<String, Object> numbers() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric", metric.key());
    m.put("window", window.key());
    m.put("sends", sends);
    m.put(metric.countLabel(), count);
    m.put("rate_percent", Math.round(percent() * 1000) / 1000.0);
    m.put("act_percent", level.percent());
    m.put("min_sends", level.minSends());
    m.put("min_events", level.minEvents());
    return m;
  }

  static String percent(double p) {
    return String.format(Locale.ROOT, p >= 1 || p == 0 ? "%.1f%%" : "%.2f%%", p);
  }
}
