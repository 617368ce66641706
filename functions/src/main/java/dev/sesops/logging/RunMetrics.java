package dev.sesops.logging;

import dev.sesops.common.Settings;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A run's failure counts as one CloudWatch embedded-metric-format line (namespace {@code SesOps},
 * no dimension, unit Count), each alarmed in the stack: a failed account raises an alarm instead of
 * failing, and so retrying, the invocation (issue 26). Names and values only, never account names.
 */
public final class RunMetrics {
  public static final String NAMESPACE = "SesOps";

  private final PrintStream out;

  public RunMetrics(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /**
   * In Lambda, EMF lines go to stdout (CloudWatch Logs); locally to stderr, away from the command's
   * output.
   */
  public static RunMetrics forThisProcess() {
    return new RunMetrics(Settings.inLambda() ? System.out : System.err);
  }

  /** One line with every count given (zeros too, so the alarm sees the run and clears). */
  public void emit(Map<String, Long> counts, long epochMillis) {
    if (counts.isEmpty()) {
      return;
    }
    StringBuilder metrics = new StringBuilder();
    StringBuilder values = new StringBuilder();
    for (Map.Entry<String, Long> c : new TreeMap<>(counts).entrySet()) {
      if (!c.getKey().matches("[A-Za-z][A-Za-z0-9]*")) {
        throw new IllegalArgumentException("metric name: letters and digits only");
      }
      metrics
          .append(metrics.length() > 0 ? "," : "")
          .append("{\"Name\":\"")
          .append(c.getKey())
          .append("\",\"Unit\":\"Count\"}");
      values.append(",\"").append(c.getKey()).append("\":").append(c.getValue());
    }
    out.println(
        "{\"_aws\":{\"Timestamp\":"
            + epochMillis
            + ",\"CloudWatchMetrics\":[{\"Namespace\":\""
            + NAMESPACE
            + "\",\"Dimensions\":[[]],\"Metrics\":["
            + metrics
            + "]}]}"
            + values
            + "}");
  }
}
