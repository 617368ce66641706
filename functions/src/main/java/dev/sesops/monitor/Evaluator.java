package dev.sesops.monitor;

import dev.sesops.config.MonitoringConfig;
import dev.sesops.core.Level;
import dev.sesops.core.Signal;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.MetricPoint;
import dev.sesops.ses.Quota;
import dev.sesops.ses.SendPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns readings into judged signals. Pure: no I/O, time passed in. */
final class Evaluator {
  static final String SRC_ACCOUNT = "sesv2:GetAccount";
  static final String SRC_QUOTA = "ses:GetSendQuota";
  static final String SRC_STATS = "ses:GetSendStatistics";
  static final String SRC_BOUNCE = "cloudwatch:AWS/SES Reputation.BounceRate";
  static final String SRC_COMPLAINT = "cloudwatch:AWS/SES Reputation.ComplaintRate";

  /** CloudWatch reputation points are judged at this period, by the monitor and the API alike. */
  static final int REPUTATION_PERIOD_SECONDS = 900;

  private final MonitoringConfig cfg;

  Evaluator(MonitoringConfig cfg) {
    this.cfg = cfg;
  }

  Signal enforcement(AccountStatus s) {
    String status = s.enforcementStatus();
    if (status == null) {
      return new Signal(
          Checks.ENFORCEMENT,
          Level.UNKNOWN,
          null,
          "not reported",
          null,
          SRC_ACCOUNT,
          "SES did not report an enforcement status.");
    }
    return switch (status.toUpperCase(Locale.ROOT)) {
      case "HEALTHY" ->
          new Signal(
              Checks.ENFORCEMENT,
              Level.OK,
              status,
              status,
              null,
              SRC_ACCOUNT,
              "The account is in good standing.");
      case "PROBATION" ->
          new Signal(
              Checks.ENFORCEMENT,
              Level.CRITICAL,
              status,
              status,
              null,
              SRC_ACCOUNT,
              "AWS has put the account under review; sending will be paused if the cause is not fixed.");
      case "SHUTDOWN" ->
          new Signal(
              Checks.ENFORCEMENT,
              Level.CRITICAL,
              status,
              status,
              null,
              SRC_ACCOUNT,
              "AWS has paused sending for the account.");
      default ->
          new Signal(
              Checks.ENFORCEMENT,
              Level.UNKNOWN,
              status,
              status,
              null,
              SRC_ACCOUNT,
              "SES reported an enforcement status ses-ops does not know; treat it as not healthy until checked.");
    };
  }

  Signal sending(AccountStatus s) {
    if (s.sendingEnabled() == null) {
      return new Signal(
          Checks.SENDING,
          Level.UNKNOWN,
          null,
          "not reported",
          null,
          SRC_ACCOUNT,
          "SES did not say whether sending is enabled.");
    }
    return s.sendingEnabled()
        ? new Signal(
            Checks.SENDING, Level.OK, true, "enabled", null, SRC_ACCOUNT, "Sending is enabled.")
        : new Signal(
            Checks.SENDING,
            Level.CRITICAL,
            false,
            "disabled",
            null,
            SRC_ACCOUNT,
            "Sending is disabled for the account: no email goes out.");
  }

  /** Sandbox is reported, never alerted on: it is a setup fact, not a change in health. */
  Signal sandbox(AccountStatus s) {
    Boolean prod = s.productionAccessEnabled();
    if (prod == null) {
      return new Signal(
          Checks.SANDBOX,
          Level.UNKNOWN,
          null,
          "not reported",
          null,
          SRC_ACCOUNT,
          "SES did not say whether the account has production access.");
    }
    return new Signal(
        Checks.SANDBOX,
        Level.OK,
        !prod,
        prod ? "production" : "sandbox",
        null,
        SRC_ACCOUNT,
        prod
            ? "The account has production access."
            : "The account is in the sandbox: it sends only to verified addresses, at most 200 a day.");
  }

  Signal quota(Quota q) {
    String threshold =
        "CRITICAL >= "
            + pct(cfg.dailySendLimitCritical())
            + ", WARNING >= "
            + pct(cfg.dailySendLimitWarning());
    if (q.max24HourSend() < 0) {
      return new Signal(
          Checks.QUOTA,
          Level.OK,
          Map.of("sent_last_24_hours", q.sentLast24Hours(), "max_24_hour_send", -1),
          fmt(q.sentLast24Hours()) + " sent, unlimited quota",
          null,
          SRC_QUOTA,
          "The daily quota is unlimited.");
    }
    if (q.max24HourSend() == 0) {
      return new Signal(
          Checks.QUOTA,
          Level.CRITICAL,
          Map.of("sent_last_24_hours", q.sentLast24Hours(), "max_24_hour_send", 0),
          "quota is 0",
          threshold,
          SRC_QUOTA,
          "The daily sending quota is zero: the account cannot send.");
    }
    double use = q.sentLast24Hours() / q.max24HourSend() * 100.0;
    Level level =
        use >= cfg.dailySendLimitCritical()
            ? Level.CRITICAL
            : use >= cfg.dailySendLimitWarning() ? Level.WARNING : Level.OK;
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("use_percent", round(use));
    value.put("sent_last_24_hours", q.sentLast24Hours());
    value.put("max_24_hour_send", q.max24HourSend());
    value.put("max_send_rate", q.maxSendRate());
    return new Signal(
        Checks.QUOTA,
        level,
        value,
        pct(use) + " (" + fmt(q.sentLast24Hours()) + " of " + fmt(q.max24HourSend()) + ")",
        threshold,
        SRC_QUOTA,
        level == Level.OK
            ? "Daily quota use is normal."
            : "Daily quota use is high: sending stops when it reaches 100%.");
  }

  Signal bounce(MetricPoint p, Instant now) {
    return rate(Checks.BOUNCE, SRC_BOUNCE, p, cfg.bounceThreshold(), cfg.bounceWarning(), now);
  }

  Signal complaint(MetricPoint p, Instant now) {
    return rate(
        Checks.COMPLAINT, SRC_COMPLAINT, p, cfg.complaintThreshold(), cfg.complaintWarning(), now);
  }

  private Signal rate(
      String check, String source, MetricPoint p, double critical, double warning, Instant now) {
    String threshold = "CRITICAL >= " + pct(critical) + ", WARNING >= " + pct(warning);
    if (p.value() == null || p.value().isNaN()) {
      return new Signal(
          check,
          Level.UNKNOWN,
          null,
          "no data",
          threshold,
          source,
          "CloudWatch has no "
              + Checks.label(check)
              + " data in the last 24 hours (normal until a bounce or complaint happened).");
    }
    double percent = p.value() * 100.0;
    Level level =
        percent >= critical ? Level.CRITICAL : percent >= warning ? Level.WARNING : Level.OK;
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("percent", round(percent));
    value.put("timestamp", p.timestamp() == null ? null : p.timestamp().toString());
    String age =
        p.timestamp() == null
            ? ""
            : " as of " + Duration.between(p.timestamp(), now).toMinutes() + " min ago";
    return new Signal(
        check,
        level,
        value,
        pct(percent),
        threshold,
        source,
        level == Level.OK
            ? "The " + Checks.label(check) + " is below the warning level" + age + "."
            : "The "
                + Checks.label(check)
                + " is at or above the "
                + (level == Level.CRITICAL ? "review" : "warning")
                + " level"
                + age
                + ".");
  }

  /** Cross-check from GetSendStatistics, judged only above the volume floor. */
  Signal sendStatistics(List<SendPoint> points, Instant now) {
    Totals day = Totals.of(points, now.minus(Duration.ofHours(24)));
    Totals twoWeeks = Totals.of(points, now.minus(Duration.ofDays(14)));
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("last_24_hours", day.toMap());
    value.put("last_14_days", twoWeeks.toMap());
    value.put("volume_floor", cfg.volumeFloor());
    String threshold =
        "bounce CRITICAL >= "
            + pct(cfg.bounceThreshold())
            + ", complaint CRITICAL >= "
            + pct(cfg.complaintThreshold())
            + ", judged at >= "
            + cfg.volumeFloor()
            + " delivery attempts";
    Totals judged =
        day.attempts() >= cfg.volumeFloor()
            ? day
            : twoWeeks.attempts() >= cfg.volumeFloor() ? twoWeeks : null;
    if (judged == null) {
      return new Signal(
          Checks.SEND_STATS,
          Level.UNKNOWN,
          value,
          twoWeeks.attempts() + " delivery attempts in 14 days",
          threshold,
          SRC_STATS,
          "Too few sends to judge rates ("
              + twoWeeks.attempts()
              + " < "
              + cfg.volumeFloor()
              + " in 14 days).");
    }
    double b = judged.bounceRate();
    double c = judged.complaintRate();
    Level lb =
        b >= cfg.bounceThreshold()
            ? Level.CRITICAL
            : b >= cfg.bounceWarning() ? Level.WARNING : Level.OK;
    Level lc =
        c >= cfg.complaintThreshold()
            ? Level.CRITICAL
            : c >= cfg.complaintWarning() ? Level.WARNING : Level.OK;
    String window = judged == day ? "24 h" : "14 days";
    return new Signal(
        Checks.SEND_STATS,
        Level.worst(lb, lc),
        value,
        "bounces "
            + pct(b)
            + ", complaints "
            + pct(c)
            + " over "
            + window
            + " ("
            + judged.attempts()
            + " attempts)",
        threshold,
        SRC_STATS,
        "Rates computed from SES send statistics over "
            + window
            + ", as a cross-check of the reputation metrics.");
  }

  /** Summed send statistics since a point in time. */
  record Totals(long attempts, long bounces, long complaints, long rejects) {
    static Totals of(List<SendPoint> points, Instant since) {
      long a = 0;
      long b = 0;
      long c = 0;
      long r = 0;
      for (SendPoint p : points) {
        if (p.timestamp() != null && !p.timestamp().isBefore(since)) {
          a += p.deliveryAttempts();
          b += p.bounces();
          c += p.complaints();
          r += p.rejects();
        }
      }
      return new Totals(a, b, c, r);
    }

    double bounceRate() {
      return attempts == 0 ? 0 : bounces * 100.0 / attempts;
    }

    double complaintRate() {
      return attempts == 0 ? 0 : complaints * 100.0 / attempts;
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("delivery_attempts", attempts);
      m.put("bounces", bounces);
      m.put("complaints", complaints);
      m.put("rejects", rejects);
      m.put("bounce_rate_percent", round(bounceRate()));
      m.put("complaint_rate_percent", round(complaintRate()));
      return m;
    }
  }

  static String pct(double percent) {
    return String.format(Locale.ROOT, "%.2f%%", percent);
  }

  static double round(double d) {
    return Math.round(d * 10_000.0) / 10_000.0;
  }

  private static String fmt(double d) {
    return d == Math.floor(d) && !Double.isInfinite(d)
        ? String.valueOf((long) d)
        : String.format(Locale.ROOT, "%.1f", d);
  }
}
