package dev.sesops.monitor;

import dev.sesops.common.Settings;
import dev.sesops.core.Signal;
import dev.sesops.logging.RunMetrics;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CloudWatch embedded metric format: one JSON line per account with BounceRate, ComplaintRate and
 * QuotaUsePercent in namespace SesOps, dimension Account. Lambda turns the lines into metrics.
 */
public final class MetricsSink {
  private final PrintStream out;
  private final RunMetrics run;

  MetricsSink(PrintStream out) {
    this.out = out;
    this.run = new RunMetrics(out);
  }

  /**
   * In Lambda, EMF lines go to stdout (CloudWatch Logs); locally to stderr, away from the command's
   * output.
   */
  public static MetricsSink forThisProcess() {
    return new MetricsSink(Settings.inLambda() ? System.out : System.err);
  }

  void emit(AccountReport r, long epochMillis) {
    StringBuilder metrics = new StringBuilder();
    StringBuilder values = new StringBuilder();
    for (Signal s : r.signals()) {
      Double v = number(s);
      if (v == null) {
        continue;
      }
      String name =
          switch (s.check()) {
            case Checks.BOUNCE -> "BounceRate";
            case Checks.COMPLAINT -> "ComplaintRate";
            case Checks.QUOTA -> "QuotaUsePercent";
            default -> null;
          };
      if (name == null) {
        continue;
      }
      if (metrics.length() > 0) {
        metrics.append(',');
      }
      metrics.append("{\"Name\":\"").append(name).append("\",\"Unit\":\"Percent\"}");
      values.append(",\"").append(name).append("\":").append(String.format(Locale.ROOT, "%.4f", v));
    }
    if (metrics.length() == 0) {
      return;
    }
    out.println(
        "{\"_aws\":{\"Timestamp\":"
            + epochMillis
            + ",\"CloudWatchMetrics\":[{\"Namespace\":\""
            + RunMetrics.NAMESPACE
            + "\",\"Dimensions\":[[\"Account\"]],\"Metrics\":["
            + metrics
            + "]}]},\"Account\":\""
            + r.account()
            + "\""
            + values
            + "}");
  }

  /**
   * The run's metrics with no dimension, each alarmed in the stack: DedupeOff, AccountsNotReached,
   * AlertFailures.
   */
  static final Map<String, String> RUN_METRICS =
      Map.of(
          "DedupeOff",
          "dedupe_off",
          "AccountsNotReached",
          "not_reached",
          "AlertFailures",
          "alert_failures");

  /** The run's line through {@link RunMetrics}, as the audit and the cleanup write theirs. */
  void emitRun(Map<String, Integer> summary, long epochMillis) {
    Map<String, Long> counts = new TreeMap<>();
    RUN_METRICS.forEach((metric, key) -> counts.put(metric, (long) summary.getOrDefault(key, 0)));
    run.emit(counts, epochMillis);
  }

  private static Double number(Signal s) {
    if (s.value() instanceof java.util.Map<?, ?> m) {
      Object v = m.containsKey("percent") ? m.get("percent") : m.get("use_percent");
      return v instanceof Number n ? n.doubleValue() : null;
    }
    return null;
  }
}
