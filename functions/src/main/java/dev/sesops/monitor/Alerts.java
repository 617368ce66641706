package dev.sesops.monitor;

import dev.sesops.alert.AlertStateEntry;
import dev.sesops.config.MonitoringConfig;
import dev.sesops.core.Alert;
import dev.sesops.core.Level;
import dev.sesops.core.Signal;
import dev.sesops.signals.Pipeline;
import dev.sesops.signals.SignalJudge;
import java.time.Duration;
import java.time.Instant;

/**
 * Words for monitor alerts: a subject that says it all in 100 characters, a body for the person on
 * call.
 */
final class Alerts {
  private Alerts() {}

  static Alert change(
      String account,
      String region,
      Signal s,
      AlertStateEntry prev,
      MonitoringConfig cfg,
      Instant now) {
    String was = prev == null ? null : prev.level();
    String subject;
    if (s.level() == Level.OK) {
      subject =
          "[OK] "
              + account
              + ": "
              + Checks.label(s.check())
              + " recovered"
              + (hasNumber(s) ? ", " + s.display() : "");
    } else {
      subject = "[" + s.level() + "] " + account + ": " + headline(s, cfg);
    }
    return new Alert(
        account,
        s.check(),
        s.level().name(),
        subject,
        body(account, region, s, was, prev, now, false));
  }

  static Alert reminder(
      String account,
      String region,
      Signal s,
      AlertStateEntry prev,
      MonitoringConfig cfg,
      Instant now) {
    String subject = "[" + s.level() + "] " + account + ": still " + headline(s, cfg);
    return new Alert(
        account,
        s.check(),
        s.level().name(),
        subject,
        body(account, region, s, prev.level(), prev, now, true));
  }

  private static boolean hasNumber(Signal s) {
    return s.check().equals(Checks.BOUNCE)
        || s.check().equals(Checks.COMPLAINT)
        || s.check().equals(Checks.QUOTA);
  }

  /**
   * e.g. {@code bounce rate 7.20% >= 5.00%}, {@code enforcement status PROBATION}, {@code sending
   * disabled}.
   */
  static String headline(Signal s, MonitoringConfig cfg) {
    return switch (s.check()) {
      case Checks.BOUNCE ->
          "bounce rate "
              + s.display()
              + " >= "
              + Evaluator.pct(
                  s.level() == Level.CRITICAL ? cfg.bounceThreshold() : cfg.bounceWarning());
      case Checks.COMPLAINT ->
          "complaint rate "
              + s.display()
              + " >= "
              + Evaluator.pct(
                  s.level() == Level.CRITICAL ? cfg.complaintThreshold() : cfg.complaintWarning());
      case Checks.QUOTA ->
          "daily quota use "
              + s.display().replaceAll(" \\(.*", "")
              + " >= "
              + Evaluator.pct(
                  s.level() == Level.CRITICAL
                      ? cfg.dailySendLimitCritical()
                      : cfg.dailySendLimitWarning());
      case Checks.ENFORCEMENT -> "enforcement status " + s.display();
      case Checks.SENDING -> "sending " + s.display();
      case Checks.SEND_STATS -> "send statistics " + s.display();
      case Checks.MONITORING -> "monitoring " + s.display();
      case SignalJudge.PIPELINE -> s.display();
      default -> Checks.label(s.check()) + " " + s.display();
    };
  }

  private static String body(
      String account,
      String region,
      Signal s,
      String was,
      AlertStateEntry prev,
      Instant now,
      boolean reminder) {
    StringBuilder b = new StringBuilder();
    b.append("ses-ops monitor: ")
        .append(Checks.label(s.check()))
        .append(" for account ")
        .append(account)
        .append(" (")
        .append(region)
        .append(")\n\n");
    b.append("Level:      ").append(s.level());
    if (was != null && !reminder) {
      b.append(" (was ").append(was).append(')');
    }
    b.append('\n');
    b.append("Value:      ").append(s.display()).append('\n');
    if (s.threshold() != null) {
      b.append("Threshold:  ").append(s.threshold()).append('\n');
    }
    b.append("Source:     ").append(s.source()).append('\n');
    b.append("When:       ").append(now).append('\n');
    if (reminder && prev != null) {
      b.append("Since:      ")
          .append(prev.since())
          .append(" (")
          .append(Duration.between(prev.since(), now).toHours())
          .append(" h)\n");
    }
    b.append('\n').append(s.message()).append("\n\n");
    b.append("What to do next:\n").append(nextSteps(s)).append('\n');
    return b.toString();
  }

  static String nextSteps(Signal s) {
    if (s.level() == Level.OK) {
      return "Nothing: the check is back to normal. Keep an eye on the next runs.";
    }
    return switch (s.check()) {
      case Checks.BOUNCE ->
          "Find where the bounces come from (event destinations or bounce notifications), stop sending to the list or "
              + "source that bounces, and remove invalid addresses. AWS reviews an account at 5% and may pause it at 10%.";
      case Checks.COMPLAINT ->
          "Check that every recipient opted in, add one-click unsubscribe, and stop the campaign that draws "
              + "complaints. AWS reviews an account at 0.1% and may pause it at 0.5%.";
      case Checks.ENFORCEMENT ->
          "Read the AWS notice about the review (Support Center and the account's email), fix the cause it names, "
              + "and answer before the review period ends.";
      case Checks.SENDING ->
          "Find out why sending is disabled (a pause by AWS, or someone called PutAccountSendingAttributes); "
              + "re-enable it only once the cause is fixed.";
      case Checks.QUOTA ->
          "Request a higher sending quota (SES console, Service Quotas) or spread sending over the day; "
              + "at 100% SES rejects further sends until the 24-hour window moves on.";
      case Checks.SEND_STATS ->
          "Compare with the reputation metrics; if both agree, treat it as a bounce or complaint problem.";
      case SignalJudge.PIPELINE -> Pipeline.nextSteps();
      case Checks.MONITORING ->
          "Check the account's credentials in the ses-ops secret and the permissions of the role ses-ops uses "
              + "(the sources and error codes are listed above).";
      default -> "Check the account in the SES console.";
    };
  }
}
