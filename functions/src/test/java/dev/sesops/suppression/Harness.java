package dev.sesops.suppression;

import dev.sesops.aws.Pacer;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.SesOpsConfig;
import java.time.Clock;
import java.util.function.Function;

/** Builds a SuppressionCleanup from parts, for benchmarks outside this package. */
public final class Harness {
  private Harness() {}

  public static SuppressionCleanup cleanup(
      SesOpsConfig config,
      Function<AccountConfig, PacedSuppressionList> lists,
      TrailStore trails,
      Clock clock,
      Pacer.Sleeper sleeper,
      CleanupOptions options) {
    return new SuppressionCleanup(() -> config, lists, trails, null, clock, sleeper, options);
  }
}
