package dev.sesops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.alert.AlertException;
import dev.sesops.alert.AlertPublisher;
import dev.sesops.alert.AlertState;
import dev.sesops.alert.AlertStateEntry;
import dev.sesops.config.MonitoringConfig;
import dev.sesops.core.Alert;
import dev.sesops.core.Level;
import dev.sesops.core.SentAlert;
import dev.sesops.core.Signal;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.MetricPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotifierTest {
  private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
  private final MonitoringConfig cfg = MonitoringConfig.defaults();
  private final Evaluator eval = new Evaluator(cfg);
  private final InMemoryAlertState state = new InMemoryAlertState();
  private final RecordingPublisher publisher = new RecordingPublisher();
  private final Notifier notifier = new Notifier(state, publisher);

  private AccountReport report(double bounceFraction, Instant now) {
    Signal bounce = eval.bounce(new MetricPoint(bounceFraction, now), now);
    return new AccountReport(
        "production", "us-east-1", bounce.level(), false, List.of(bounce), List.of(), List.of());
  }

  @Test
  void firstOkReading_storesStateWithoutAlerting() {
    assertThat(notifier.notify(report(0.01, T0), cfg, T0)).isEmpty();
    assertThat(state.get("production", "bounce_rate"))
        .get()
        .extracting(AlertStateEntry::level)
        .isEqualTo("OK");
  }

  @Test
  void escalation_alertsOnce_thenRepeatIsSuppressed_thenRenotifiesAfterInterval_thenRecovers() {
    notifier.notify(report(0.01, T0), cfg, T0);

    // escalate
    List<SentAlert> sent =
        notifier.notify(report(0.072, T0.plusSeconds(900)), cfg, T0.plusSeconds(900));
    assertThat(sent).hasSize(1);
    assertThat(publisher.alerts.get(0).subject())
        .isEqualTo("[CRITICAL] production: bounce rate 7.20% >= 5.00%");
    assertThat(publisher.alerts.get(0).severity()).isEqualTo("CRITICAL");
    assertThat(publisher.alerts.get(0).body()).contains("was OK").contains("What to do next");

    // same level 15 minutes later: nothing
    assertThat(notifier.notify(report(0.08, T0.plusSeconds(1800)), cfg, T0.plusSeconds(1800)))
        .isEmpty();

    // 24 h later, still critical: reminder
    Instant later = T0.plusSeconds(900).plus(Duration.ofHours(24));
    assertThat(notifier.notify(report(0.08, later), cfg, later)).hasSize(1);
    assertThat(publisher.alerts.get(1).subject())
        .startsWith("[CRITICAL] production: still bounce rate");

    // recovery
    Instant rec = later.plusSeconds(900);
    assertThat(notifier.notify(report(0.001, rec), cfg, rec)).hasSize(1);
    assertThat(publisher.alerts.get(2).subject())
        .isEqualTo("[OK] production: bounce rate recovered, 0.10%");
    assertThat(publisher.alerts.get(2).body()).contains("was CRITICAL");
    assertThat(publisher.alerts).hasSize(3);
  }

  @Test
  void overlappingRun_thatLosesTheConditionalWrite_doesNotAlert() {
    notifier.notify(report(0.01, T0), cfg, T0);
    state.failNextWrite = true;
    assertThat(notifier.notify(report(0.072, T0.plusSeconds(60)), cfg, T0.plusSeconds(60)))
        .isEmpty();
    assertThat(publisher.alerts).isEmpty();
  }

  @Test
  void failedPublish_isReported_andRetriedByTheNextRun() {
    notifier.notify(report(0.01, T0), cfg, T0);
    publisher.failNext = true;
    List<SentAlert> sent =
        notifier.notify(report(0.072, T0.plusSeconds(60)), cfg, T0.plusSeconds(60));
    assertThat(sent)
        .singleElement()
        .satisfies(a -> assertThat(a.error()).contains("not published"));

    List<SentAlert> retry =
        notifier.notify(report(0.072, T0.plusSeconds(960)), cfg, T0.plusSeconds(960));
    assertThat(retry).singleElement().satisfies(a -> assertThat(a.error()).isNull());
    assertThat(publisher.alerts).hasSize(1);
  }

  @Test
  void unknownFromMissingData_changesNothing() {
    notifier.notify(report(0.072, T0), cfg, T0);
    Signal none = eval.bounce(MetricPoint.none(), T0.plusSeconds(900));
    AccountReport r =
        new AccountReport(
            "production", "us-east-1", Level.UNKNOWN, false, List.of(none), List.of(), List.of());
    assertThat(notifier.notify(r, cfg, T0.plusSeconds(900))).isEmpty();
    assertThat(state.get("production", "bounce_rate"))
        .get()
        .extracting(AlertStateEntry::level)
        .isEqualTo("CRITICAL");
  }

  @Test
  void unknownEnforcementStatusValue_isNotQuiet() {
    Signal s = eval.enforcement(new AccountStatus("SOMETHING_NEW", true, true));
    Optional<AlertStateEntry> prev = Optional.of(new AlertStateEntry("OK", T0, null, 1, "HEALTHY"));
    Notifier.Decision d = Notifier.decide("production", "us-east-1", s, prev, cfg, T0);
    assertThat(d.alert()).isNotNull();
    assertThat(d.alert().subject())
        .isEqualTo("[UNKNOWN] production: enforcement status SOMETHING_NEW");
  }

  @Test
  void subjects_fitSnsLimit() {
    Signal s =
        new Signal(
            "monitoring",
            Level.WARNING,
            1,
            "could not read " + "x".repeat(300),
            null,
            "ses-ops",
            "m");
    Notifier.Decision d =
        Notifier.decide("a".repeat(64), "us-east-1", s, Optional.empty(), cfg, T0);
    assertThat(d.alert().subject()).hasSizeLessThanOrEqualTo(100);
  }

  @Test
  void unreadableState_alertsEveryNonOkSignal_markedWithoutDedupe_andSaysWhy() {
    state.broken = true;

    Notifier.Outcome o =
        notifier.deliver(
            report(0.072, T0),
            cfg,
            T0,
            null,
            "alert state not read: NOT_FOUND ResourceNotFoundException (HTTP 400)");

    assertThat(o.dedupeOff()).contains("NOT_FOUND");
    assertThat(o.sent()).singleElement().satisfies(a -> assertThat(a.error()).isNull());
    assertThat(publisher.alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.subject())
                  .isEqualTo("[CRITICAL] production: bounce rate 7.20% >= 5.00% (without dedupe)");
              assertThat(a.body())
                  .startsWith("Sent without dedupe: alert state not read: NOT_FOUND");
            });
    // an OK signal has nothing to say without a previous state
    assertThat(notifier.deliver(report(0.001, T0), cfg, T0, null, "x").sent()).isEmpty();
  }

  @Test
  void unwritableState_stillSendsTheAlert_marked_andTheOldNotifyPathDoesNotThrow() {
    notifier.notify(report(0.01, T0), cfg, T0);
    state.broken = true;

    List<SentAlert> sent =
        notifier.notify(report(0.072, T0.plusSeconds(900)), cfg, T0.plusSeconds(900));

    assertThat(sent)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.error()).isNull();
              assertThat(a.subject()).endsWith(Notifier.WITHOUT_DEDUPE);
            });
    assertThat(publisher.alerts).hasSize(1);
  }

  @Test
  void stateBackAfterAnOutage_theNextRunAlertsOnce_andThenRepeatsStop() {
    state.broken = true;
    notifier.notify(report(0.072, T0), cfg, T0); // outage: marked alert
    state.broken = false;

    List<SentAlert> back =
        notifier.notify(report(0.072, T0.plusSeconds(900)), cfg, T0.plusSeconds(900));
    List<SentAlert> after =
        notifier.notify(report(0.072, T0.plusSeconds(1800)), cfg, T0.plusSeconds(1800));

    assertThat(back)
        .singleElement()
        .satisfies(a -> assertThat(a.subject()).doesNotContain("without dedupe"));
    assertThat(after).isEmpty();
    assertThat(publisher.alerts).hasSize(2);
  }

  @Test
  void markedSubject_keepsTheMarker_whenCutToTheSnsLimit() {
    Signal s =
        new Signal(
            "monitoring",
            Level.WARNING,
            1,
            "could not read " + "x".repeat(300),
            null,
            "ses-ops",
            "m");
    AccountReport r =
        new AccountReport(
            "a".repeat(40), "us-east-1", Level.WARNING, false, List.of(s), List.of(), List.of());

    notifier.deliver(r, cfg, T0, null, "why");

    assertThat(publisher.alerts.get(0).subject())
        .hasSizeLessThanOrEqualTo(100)
        .endsWith(Notifier.WITHOUT_DEDUPE);
  }

  /** Thread-safe: the monitor calls it from one thread per account and from its I/O pool. */
  static final class InMemoryAlertState implements AlertState {
    final Map<String, AlertStateEntry> entries = new java.util.concurrent.ConcurrentHashMap<>();
    volatile boolean failNextWrite;

    /** Every read and write fails, as with a missing table or denied access. */
    volatile boolean broken;

    @Override
    public Optional<AlertStateEntry> get(String account, String check) {
      if (broken) {
        throw new AlertException(
            "alert state for " + account + " not read: ResourceNotFoundException (HTTP 400)", null);
      }
      return Optional.ofNullable(entries.get(account + "/" + check));
    }

    @Override
    public Map<String, AlertStateEntry> all(String account) {
      if (broken) {
        throw new AlertException(
            "alert state for " + account + " not read: ResourceNotFoundException (HTTP 400)", null);
      }
      Map<String, AlertStateEntry> out = new HashMap<>();
      entries.forEach(
          (k, v) -> {
            if (k.startsWith(account + "/")) {
              out.put(k.substring(account.length() + 1), v);
            }
          });
      return out;
    }

    @Override
    public synchronized boolean compareAndSet(
        String account, String check, AlertStateEntry expected, AlertStateEntry next) {
      if (broken) {
        throw new AlertException(
            "alert state for "
                + account
                + "/"
                + check
                + " not written: ResourceNotFoundException (HTTP 400)",
            null);
      }
      if (failNextWrite) {
        failNextWrite = false;
        return false;
      }
      AlertStateEntry cur = entries.get(account + "/" + check);
      if (expected == null ? cur != null : cur == null || cur.version() != expected.version()) {
        return false;
      }
      entries.put(account + "/" + check, next);
      return true;
    }
  }

  /** Thread-safe, as {@link InMemoryAlertState}. */
  static final class RecordingPublisher implements AlertPublisher {
    final List<Alert> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean failNext;

    @Override
    public synchronized String publish(Alert alert) {
      if (failNext) {
        failNext = false;
        throw new AlertException("alert not published: InternalError (HTTP 500)", null);
      }
      alerts.add(alert);
      return "msg-" + alerts.size();
    }
  }
}
