package dev.sesops.monitor;

import java.time.Instant;

/** Raw readings from AWS, before judgement. */
final class Readings {
  private Readings() {}

  /**
   * SES v2 GetAccount, the parts the monitor judges. EnforcementStatus is a plain string on
   * purpose.
   */
  record AccountStatus(
      String enforcementStatus,
      Boolean sendingEnabled,
      Boolean productionAccessEnabled,
      String vdmEnabled) {
    AccountStatus(
        String enforcementStatus, Boolean sendingEnabled, Boolean productionAccessEnabled) {
      this(enforcementStatus, sendingEnabled, productionAccessEnabled, null);
    }
  }

  /** SES v1 GetSendQuota. max24HourSend of -1 means unlimited. */
  record Quota(double max24HourSend, double maxSendRate, double sentLast24Hours) {}

  /**
   * The latest CloudWatch data point of a reputation metric (a fraction: 0.05 is 5%); value null
   * when there is none.
   */
  record MetricPoint(Double value, Instant timestamp) {
    static MetricPoint none() {
      return new MetricPoint(null, null);
    }
  }

  /** Both reputation metrics, read in one GetMetricData call. */
  record Reputation(MetricPoint bounce, MetricPoint complaint) {}

  /** One GetSendStatistics data point (15-minute bucket). */
  record SendPoint(
      Instant timestamp, long deliveryAttempts, long bounces, long complaints, long rejects) {}
}
