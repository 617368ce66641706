package dev.sesops.monitor;

import dev.sesops.config.MonitoringConfig;
import dev.sesops.core.Level;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.MetricPoint;
import dev.sesops.ses.Quota;
import java.time.Instant;

/**
 * The monitor's judgement for callers outside it (the API): the same {@link Evaluator}, so an
 * account has one verdict wherever it is asked (PROBATION is CRITICAL everywhere), and the same
 * reputation period. Nothing outside {@code monitor} decides a level on its own.
 */
public final class Judgement {
  /** The period of the CloudWatch reputation data points the monitor judges. */
  public static final int REPUTATION_PERIOD_SECONDS = Evaluator.REPUTATION_PERIOD_SECONDS;

  private final Evaluator eval;

  private Judgement(MonitoringConfig cfg) {
    this.eval = new Evaluator(cfg);
  }

  public static Judgement of(MonitoringConfig cfg) {
    return new Judgement(cfg);
  }

  /**
   * The level of an enforcement status: HEALTHY is OK, PROBATION and SHUTDOWN CRITICAL, anything
   * else UNKNOWN.
   */
  public Level enforcement(String enforcementStatus) {
    return eval.enforcement(new AccountStatus(enforcementStatus, null, null, null)).level();
  }

  /**
   * The level of a reputation rate (a fraction, 0.05 = 5%), null when there is no data: UNKNOWN.
   */
  public Level bounce(Double fraction, Instant at, Instant now) {
    return eval.bounce(new MetricPoint(fraction, at), now).level();
  }

  public Level complaint(Double fraction, Instant at, Instant now) {
    return eval.complaint(new MetricPoint(fraction, at), now).level();
  }

  /** The level of the day's quota use. */
  public Level quota(double max24HourSend, double maxSendRate, double sentLast24Hours) {
    return eval.quota(new Quota(max24HourSend, maxSendRate, sentLast24Hours)).level();
  }
}
