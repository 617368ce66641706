package dev.sesops.monitor;

import dev.sesops.config.AccountConfig;
import java.time.Instant;
import java.util.List;

/**
 * A healthy account's SES readings at {@code now}, with VDM's state as GetAccount reports it (null:
 * not reported).
 */
final class HealthySource implements SesHealthSource {
  private final Instant now;
  private final String vdmEnabled;

  HealthySource(Instant now, String vdmEnabled) {
    this.now = now;
    this.vdmEnabled = vdmEnabled;
  }

  @Override
  public Readings.AccountStatus account(AccountConfig a) {
    return new Readings.AccountStatus("HEALTHY", true, true, vdmEnabled);
  }

  @Override
  public Readings.Quota quota(AccountConfig a) {
    return new Readings.Quota(50_000, 14, 100);
  }

  @Override
  public Readings.Reputation reputation(AccountConfig a, Instant from, Instant to) {
    return new Readings.Reputation(
        new Readings.MetricPoint(0.001, now), new Readings.MetricPoint(0.0, now));
  }

  @Override
  public List<Readings.SendPoint> sendStatistics(AccountConfig a) {
    return List.of();
  }
}
