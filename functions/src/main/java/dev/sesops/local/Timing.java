package dev.sesops.local;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Phases of a local invoke, for benchmarks: from process start to main, then each marked phase,
 * printed as one JSON line on stderr. Off unless {@code -Dsesops.timing=true}; then it costs a
 * {@code System.nanoTime()} per mark.
 */
final class Timing {
  private final boolean on;
  private final long mainNanos = System.nanoTime();
  private final long mainEpochMillis = System.currentTimeMillis();
  private long handlerReadyEpochMillis = -1;
  private final List<String> names = new ArrayList<>();
  private final List<Long> nanos = new ArrayList<>();
  private long last = mainNanos;

  private Timing(boolean on) {
    this.on = on;
  }

  static Timing fromSystemProperties() {
    return new Timing(Boolean.getBoolean("sesops.timing"));
  }

  void mark(String phase) {
    if (!on) {
      return;
    }
    long now = System.nanoTime();
    if (phase.equals("handler_init")) {
      handlerReadyEpochMillis = System.currentTimeMillis();
    }
    names.add(phase);
    nanos.add(now - last);
    last = now;
  }

  void report(PrintStream err) {
    if (!on) {
      return;
    }
    // epoch times let a script that noted when it launched the JVM work out start-up to main and to
    // the handler
    StringBuilder json =
        new StringBuilder("{\"timing\":{\"main_epoch_ms\":")
            .append(mainEpochMillis)
            .append(",\"handler_ready_epoch_ms\":")
            .append(handlerReadyEpochMillis);
    List<Double> warm = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      double ms = nanos.get(i) / 1e6;
      if (names.get(i).equals("invoke")) {
        warm.add(ms);
      } else {
        json.append(",\"").append(names.get(i)).append("_ms\":").append(format(ms));
      }
    }
    if (!warm.isEmpty()) {
      double[] sorted = warm.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      json.append(",\"warm_invokes\":")
          .append(sorted.length)
          .append(",\"warm_median_ms\":")
          .append(format(sorted[sorted.length / 2]))
          .append(",\"warm_min_ms\":")
          .append(format(sorted[0]))
          .append(",\"warm_max_ms\":")
          .append(format(sorted[sorted.length - 1]))
          .append(",\"warm_ms\":")
          .append(Arrays.toString(Arrays.stream(sorted).mapToObj(Timing::format).toArray()));
    }
    json.append(",\"main_to_end_ms\":")
        .append(format((System.nanoTime() - mainNanos) / 1e6))
        .append(",\"end_epoch_ms\":")
        .append(System.currentTimeMillis())
        .append("}}");
    err.println(json);
  }

  private static String format(double ms) {
    return String.format(Locale.ROOT, "%.2f", ms);
  }
}
