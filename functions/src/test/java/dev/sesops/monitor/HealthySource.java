package dev.sesops.monitor;

import dev.sesops.config.AccountConfig;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.MetricPoint;
import dev.sesops.ses.Quota;
import dev.sesops.ses.Reputation;
import dev.sesops.ses.SendPoint;
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
  public AccountStatus account(AccountConfig a) {
    return new AccountStatus("HEALTHY", true, true, vdmEnabled);
  }

  @Override
  public Quota quota(AccountConfig a) {
    return new Quota(50_000, 14, 100);
  }

  @Override
  public Reputation reputation(AccountConfig a, Instant from, Instant to) {
    return new Reputation(new MetricPoint(0.001, now), new MetricPoint(0.0, now));
  }

  @Override
  public List<SendPoint> sendStatistics(AccountConfig a) {
    return List.of();
  }
}
