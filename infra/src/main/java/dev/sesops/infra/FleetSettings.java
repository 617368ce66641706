package dev.sesops.infra;

import java.util.function.Function;

/**
 * How the scheduled jobs run, from CDK context: {@code fleetMode} {@code direct} (the schedules
 * invoke the functions, one invocation for every account: small fleets) or {@code stepfunctions}
 * (the schedules start one state machine per job with a Distributed Map over the (account, Region)
 * items); {@code fleetMaxConcurrency}, {@code fleetToleratedFailurePercentage}, {@code
 * fleetMonitorBatchSize}. docs/fleet.md says where the cut-over is.
 */
public record FleetSettings(
    Mode mode, int maxConcurrency, int toleratedFailurePercentage, int monitorBatchSize) {

  /** Which path the schedules take. */
  public enum Mode {
    DIRECT,
    STEPFUNCTIONS
  }

  public static final int DEFAULT_MAX_CONCURRENCY = 100;
  public static final int DEFAULT_TOLERATED_FAILURE_PERCENTAGE = 10;
  public static final int DEFAULT_MONITOR_BATCH_SIZE = 10;

  public FleetSettings {
    if (mode == null) {
      mode = Mode.DIRECT;
    }
    // a Distributed Map runs at most 10,000 children at once; Lambda's default account limit is
    // 1,000
    check("fleetMaxConcurrency", maxConcurrency, 1, 10_000);
    check("fleetToleratedFailurePercentage", toleratedFailurePercentage, 0, 100);
    // the monitor handles a batch in one invocation (8 accounts in parallel, 2 minutes)
    check("fleetMonitorBatchSize", monitorBatchSize, 1, 100);
  }

  public static FleetSettings defaults() {
    return new FleetSettings(
        Mode.DIRECT,
        DEFAULT_MAX_CONCURRENCY,
        DEFAULT_TOLERATED_FAILURE_PERCENTAGE,
        DEFAULT_MONITOR_BATCH_SIZE);
  }

  public static FleetSettings fromContext(Function<String, Object> context) {
    Object mode = context.apply("fleetMode");
    Mode m;
    if (mode == null || mode.toString().isBlank()) {
      m = Mode.DIRECT;
    } else if ("direct".equals(mode.toString().trim())) {
      m = Mode.DIRECT;
    } else if ("stepfunctions".equals(mode.toString().trim())) {
      m = Mode.STEPFUNCTIONS;
    } else {
      throw new IllegalArgumentException(
          "context fleetMode: expected direct or stepfunctions, got '" + mode + "'");
    }
    return new FleetSettings(
        m,
        number(context, "fleetMaxConcurrency", DEFAULT_MAX_CONCURRENCY),
        number(context, "fleetToleratedFailurePercentage", DEFAULT_TOLERATED_FAILURE_PERCENTAGE),
        number(context, "fleetMonitorBatchSize", DEFAULT_MONITOR_BATCH_SIZE));
  }

  public boolean stepFunctions() {
    return mode == Mode.STEPFUNCTIONS;
  }

  private static int number(Function<String, Object> context, String key, int fallback) {
    Object v = context.apply(key);
    if (v == null || v.toString().isBlank()) {
      return fallback;
    }
    try {
      return v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "context " + key + ": expected a whole number, got '" + v + "'");
    }
  }

  private static void check(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "context " + key + ": must be between " + min + " and " + max + ", got " + value);
    }
  }
}
