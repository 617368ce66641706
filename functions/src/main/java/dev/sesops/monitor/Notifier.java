package dev.sesops.monitor;

import dev.sesops.alert.AlertPublisher;
import dev.sesops.alert.AlertState;
import dev.sesops.alert.AlertStateEntry;
import dev.sesops.aws.SdkErrors;
import dev.sesops.config.MonitoringConfig;
import dev.sesops.core.Alert;
import dev.sesops.core.Level;
import dev.sesops.core.SentAlert;
import dev.sesops.core.Signal;
import dev.sesops.signals.SignalChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which signals become alerts: a level change up or down (recovery to OK included), and a
 * reminder every {@code renotify_hours} while a check stays CRITICAL. State is claimed with a
 * conditional write before publishing, so two overlapping runs cannot both alert; a failed publish
 * gives the claim back so the next run tries again.
 */
public final class Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

  private final AlertState state;
  private final AlertPublisher publisher;

  public Notifier(AlertState state, AlertPublisher publisher) {
    this.state = state;
    this.publisher = publisher;
  }

  /** What to do for one signal, given what was stored. Pure. */
  record Decision(AlertStateEntry next, Alert alert) {
    static final Decision NOTHING = new Decision(null, null);
  }

  static Decision decide(
      String account,
      String region,
      Signal s,
      Optional<AlertStateEntry> prev,
      MonitoringConfig cfg,
      Instant now) {
    if (quiet(s)) {
      return Decision.NOTHING;
    }
    String level = s.level().name();
    if (prev.isEmpty()) {
      AlertStateEntry next =
          new AlertStateEntry(level, now, s.level() == Level.OK ? null : now, 1, s.display());
      return new Decision(
          next, s.level() == Level.OK ? null : Alerts.change(account, region, s, null, cfg, now));
    }
    AlertStateEntry p = prev.get();
    if (!level.equals(p.level())) {
      AlertStateEntry next = new AlertStateEntry(level, now, now, p.version() + 1, s.display());
      return new Decision(next, Alerts.change(account, region, s, p, cfg, now));
    }
    if (s.level() == Level.CRITICAL) {
      Instant last = p.lastNotified() == null ? p.since() : p.lastNotified();
      if (!last.plus(Duration.ofHours(cfg.renotifyHours())).isAfter(now)) {
        AlertStateEntry next =
            new AlertStateEntry(level, p.since(), now, p.version() + 1, s.display());
        return new Decision(next, Alerts.reminder(account, region, s, p, cfg, now));
      }
    }
    return Decision.NOTHING;
  }

  /**
   * Signals that change nothing: the sandbox flag (a setup fact), and UNKNOWN from missing data or
   * a failed read (the {@code monitoring} check reports read failures). An enforcement status SES
   * reported but ses-ops does not know is not quiet: people should look at it.
   */
  static boolean quiet(Signal s) {
    if (s.check().equals(Checks.SANDBOX)) {
      return true;
    }
    if (SignalChecks.ITEMIZED.contains(s.check())) {
      return true; // alerted per finding and per tenant by SignalAlerts
    }
    if (s.level() != Level.UNKNOWN) {
      return false;
    }
    return !(s.check().equals(Checks.ENFORCEMENT) && s.value() != null);
  }

  /** What is stored for one account (one read), so it can be fetched while the signals are read. */
  Map<String, AlertStateEntry> load(String account) {
    return state.all(account);
  }

  /**
   * What {@link #deliver} did: the alerts, and why dedupe was off (null when the alert state
   * worked). Dedupe off means some alerts went out without a stored state: marked as such, maybe
   * again next run.
   */
  record Outcome(List<SentAlert> sent, String dedupeOff) {}

  /**
   * Marks the subject of an alert sent without stored state; kept whole when the subject is cut to
   * 100.
   */
  static final String WITHOUT_DEDUPE = " (without dedupe)";

  List<SentAlert> notify(AccountReport report, MonitoringConfig cfg, Instant now) {
    Map<String, AlertStateEntry> known;
    try {
      known = load(report.account());
    } catch (RuntimeException e) {
      return deliver(report, cfg, now, null, unavailable("not read", e)).sent();
    }
    return deliver(report, cfg, now, known, null).sent();
  }

  List<SentAlert> notify(
      AccountReport report, MonitoringConfig cfg, Instant now, Map<String, AlertStateEntry> known) {
    return deliver(report, cfg, now, known, null).sent();
  }

  /**
   * Why the alert state cannot be used, safe for a report and an alert: what failed and the AWS
   * error kind.
   */
  static String unavailable(String what, Throwable e) {
    Throwable c = e;
    while (c != null && !(c instanceof software.amazon.awssdk.core.exception.SdkException)) {
      c = c.getCause();
    }
    Throwable cause = c == null ? e : c;
    return "alert state " + what + ": " + SdkErrors.kind(cause) + " " + SdkErrors.describe(cause);
  }

  /**
   * Alerts for one account's signals. {@code known} null: the stored state could not be read
   * ({@code unreadable} says why), so every non-OK signal alerts, marked as sent without dedupe. A
   * state write that fails sends that alert the same way: people are told, at the cost of a repeat.
   */
  Outcome deliver(
      AccountReport report,
      MonitoringConfig cfg,
      Instant now,
      Map<String, AlertStateEntry> known,
      String unreadable) {
    List<SentAlert> sent = new ArrayList<>();
    String dedupeOff = known == null ? unreadable : null;
    for (Signal s : report.signals()) {
      if (quiet(s)) {
        continue;
      }
      if (known == null) {
        Decision d = decide(report.account(), report.region(), s, Optional.empty(), cfg, now);
        if (d.alert() != null) {
          sent.add(publishWithoutDedupe(report.account(), s, d.alert(), dedupeOff));
        }
        continue;
      }
      try {
        Optional<AlertStateEntry> prev = Optional.ofNullable(known.get(s.check()));
        Decision d = decide(report.account(), report.region(), s, prev, cfg, now);
        if (d.next() == null) {
          continue;
        }
        boolean claimed;
        try {
          claimed = state.compareAndSet(report.account(), s.check(), prev.orElse(null), d.next());
        } catch (RuntimeException e) {
          String why = unavailable("not written", e);
          dedupeOff = dedupeOff == null ? why : dedupeOff;
          LOG.error("account {}: {}; {} alerts without dedupe", report.account(), why, s.check());
          if (d.alert() != null) {
            sent.add(publishWithoutDedupe(report.account(), s, d.alert(), why));
          }
          continue;
        }
        if (!claimed) {
          LOG.info(
              "account {}: {} changed by an overlapping run; leaving the alert to it",
              report.account(),
              s.check());
          continue;
        }
        if (d.alert() == null) {
          continue;
        }
        try {
          String id = publisher.publish(d.alert());
          sent.add(new SentAlert(s.check(), d.alert().severity(), d.alert().subject(), id, null));
        } catch (RuntimeException e) {
          // give the claim back so the next run alerts again
          state.compareAndSet(
              report.account(),
              s.check(),
              d.next(),
              prev.map(p -> withVersion(p, d.next().version() + 1))
                  .orElse(new AlertStateEntry("UNSENT", now, null, d.next().version() + 1, null)));
          LOG.error(
              "account {}: alert for {} not published: {}",
              report.account(),
              s.check(),
              e.getMessage());
          sent.add(
              new SentAlert(
                  s.check(), d.alert().severity(), d.alert().subject(), null, e.getMessage()));
        }
      } catch (RuntimeException e) {
        LOG.error(
            "account {}: alert state for {} failed: {}",
            report.account(),
            s.check(),
            e.getMessage());
        sent.add(new SentAlert(s.check(), s.level().name(), null, null, e.getMessage()));
      }
    }
    return new Outcome(List.copyOf(sent), dedupeOff);
  }

  private SentAlert publishWithoutDedupe(String account, Signal s, Alert a, String why) {
    String subject = a.subject();
    if (subject.length() + WITHOUT_DEDUPE.length() > Alert.MAX_SUBJECT) {
      subject = subject.substring(0, Alert.MAX_SUBJECT - WITHOUT_DEDUPE.length() - 3) + "...";
    }
    Alert marked =
        new Alert(
            a.account(),
            a.check(),
            a.severity(),
            subject + WITHOUT_DEDUPE,
            "Sent without dedupe: "
                + why
                + ". Until the alert state is back, this alert may repeat every run.\n\n"
                + a.body(),
            a.scope());
    try {
      String id = publisher.publish(marked);
      return new SentAlert(s.check(), marked.severity(), marked.subject(), id, null);
    } catch (RuntimeException e) {
      LOG.error("account {}: alert for {} not published: {}", account, s.check(), e.getMessage());
      return new SentAlert(s.check(), marked.severity(), marked.subject(), null, e.getMessage());
    }
  }

  private static AlertStateEntry withVersion(AlertStateEntry e, long version) {
    return new AlertStateEntry(e.level(), e.since(), e.lastNotified(), version, e.detail());
  }
}
