package dev.sesops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.alert.Alert;
import dev.sesops.alert.AlertException;
import dev.sesops.alert.AlertPublisher;
import dev.sesops.alert.AlertState;
import dev.sesops.alert.AlertStateEntry;
import dev.sesops.config.MonitoringConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    Signal bounce = eval.bounce(new Readings.MetricPoint(bounceFraction, now), now);
    return new AccountReport("production", "us-east-1", bounce.level(), false, List.of(bounce), List.of(), List.of());
  }

  @Test
  void firstOkReading_storesStateWithoutAlerting() {
    assertThat(notifier.notify(report(0.01, T0), cfg, T0)).isEmpty();
    assertThat(state.get("production", "bounce_rate")).get().extracting(AlertStateEntry::level).isEqualTo("OK");
  }

  @Test
  void escalation_alertsOnce_thenRepeatIsSuppressed_thenRenotifiesAfterInterval_thenRecovers() {
    notifier.notify(report(0.01, T0), cfg, T0);

    // escalate
    List<AccountReport.SentAlert> sent = notifier.notify(report(0.072, T0.plusSeconds(900)), cfg, T0.plusSeconds(900));
    assertThat(sent).hasSize(1);
    assertThat(publisher.alerts.get(0).subject()).isEqualTo("[CRITICAL] production: bounce rate 7.20% >= 5.00%");
    assertThat(publisher.alerts.get(0).severity()).isEqualTo("CRITICAL");
    assertThat(publisher.alerts.get(0).body()).contains("was OK").contains("What to do next");

    // same level 15 minutes later: nothing
    assertThat(notifier.notify(report(0.08, T0.plusSeconds(1800)), cfg, T0.plusSeconds(1800))).isEmpty();

    // 24 h later, still critical: reminder
    Instant later = T0.plusSeconds(900).plus(Duration.ofHours(24));
    assertThat(notifier.notify(report(0.08, later), cfg, later)).hasSize(1);
    assertThat(publisher.alerts.get(1).subject()).startsWith("[CRITICAL] production: still bounce rate");

    // recovery
    Instant rec = later.plusSeconds(900);
    assertThat(notifier.notify(report(0.001, rec), cfg, rec)).hasSize(1);
    assertThat(publisher.alerts.get(2).subject()).isEqualTo("[OK] production: bounce rate recovered, 0.10%");
    assertThat(publisher.alerts.get(2).body()).contains("was CRITICAL");
    assertThat(publisher.alerts).hasSize(3);
  }

  @Test
  void overlappingRun_thatLosesTheConditionalWrite_doesNotAlert() {
    notifier.notify(report(0.01, T0), cfg, T0);
    state.failNextWrite = true;
    assertThat(notifier.notify(report(0.072, T0.plusSeconds(60)), cfg, T0.plusSeconds(60))).isEmpty();
    assertThat(publisher.alerts).isEmpty();
  }

  @Test
  void failedPublish_isReported_andRetriedByTheNextRun() {
    notifier.notify(report(0.01, T0), cfg, T0);
    publisher.failNext = true;
    List<AccountReport.SentAlert> sent = notifier.notify(report(0.072, T0.plusSeconds(60)), cfg, T0.plusSeconds(60));
    assertThat(sent).singleElement().satisfies(a -> assertThat(a.error()).contains("not published"));

    List<AccountReport.SentAlert> retry = notifier.notify(report(0.072, T0.plusSeconds(960)), cfg, T0.plusSeconds(960));
    assertThat(retry).singleElement().satisfies(a -> assertThat(a.error()).isNull());
    assertThat(publisher.alerts).hasSize(1);
  }

  @Test
  void unknownFromMissingData_changesNothing() {
    notifier.notify(report(0.072, T0), cfg, T0);
    Signal none = eval.bounce(Readings.MetricPoint.none(), T0.plusSeconds(900));
    AccountReport r = new AccountReport("production", "us-east-1", Level.UNKNOWN, false, List.of(none), List.of(), List.of());
    assertThat(notifier.notify(r, cfg, T0.plusSeconds(900))).isEmpty();
    assertThat(state.get("production", "bounce_rate")).get().extracting(AlertStateEntry::level).isEqualTo("CRITICAL");
  }

  @Test
  void unknownEnforcementStatusValue_isNotQuiet() {
    Signal s = eval.enforcement(new Readings.AccountStatus("SOMETHING_NEW", true, true));
    Optional<AlertStateEntry> prev = Optional.of(new AlertStateEntry("OK", T0, null, 1, "HEALTHY"));
    Notifier.Decision d = Notifier.decide("production", "us-east-1", s, prev, cfg, T0);
    assertThat(d.alert()).isNotNull();
    assertThat(d.alert().subject()).isEqualTo("[UNKNOWN] production: enforcement status SOMETHING_NEW");
  }

  @Test
  void subjects_fitSnsLimit() {
    Signal s = new Signal("monitoring", Level.WARNING, 1, "could not read " + "x".repeat(300), null, "ses-ops", "m");
    Notifier.Decision d = Notifier.decide("a".repeat(64), "us-east-1", s, Optional.empty(), cfg, T0);
    assertThat(d.alert().subject()).hasSizeLessThanOrEqualTo(100);
  }

  static final class InMemoryAlertState implements AlertState {
    final Map<String, AlertStateEntry> entries = new HashMap<>();
    boolean failNextWrite;

    @Override
    public Optional<AlertStateEntry> get(String account, String check) {
      return Optional.ofNullable(entries.get(account + "/" + check));
    }

    @Override
    public Map<String, AlertStateEntry> all(String account) {
      Map<String, AlertStateEntry> out = new HashMap<>();
      entries.forEach((k, v) -> {
        if (k.startsWith(account + "/")) {
          out.put(k.substring(account.length() + 1), v);
        }
      });
      return out;
    }

    @Override
    public boolean compareAndSet(String account, String check, AlertStateEntry expected, AlertStateEntry next) {
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

  static final class RecordingPublisher implements AlertPublisher {
    final List<Alert> alerts = new ArrayList<>();
    boolean failNext;

    @Override
    public String publish(Alert alert) {
      if (failNext) {
        failNext = false;
        throw new AlertException("alert not published: InternalError (HTTP 500)", null);
      }
      alerts.add(alert);
      return "msg-" + alerts.size();
    }
  }
}
