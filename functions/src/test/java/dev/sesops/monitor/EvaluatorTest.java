package dev.sesops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.config.MonitoringConfig;
import dev.sesops.core.Level;
import dev.sesops.core.Signal;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.MetricPoint;
import dev.sesops.ses.Quota;
import dev.sesops.ses.SendPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvaluatorTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private final Evaluator eval = new Evaluator(MonitoringConfig.defaults());

  @ParameterizedTest
  @CsvSource({
    "HEALTHY,OK",
    "PROBATION,CRITICAL",
    "SHUTDOWN,CRITICAL",
    "DISABLED,UNKNOWN",
    "healthy,OK"
  })
  void enforcement_mapsStatusToLevel_andUnknownValuesAreNeverOk(String status, Level expected) {
    assertThat(eval.enforcement(new AccountStatus(status, true, true)).level()).isEqualTo(expected);
  }

  @Test
  void enforcement_missingStatusIsUnknown() {
    assertThat(eval.enforcement(new AccountStatus(null, true, true)).level())
        .isEqualTo(Level.UNKNOWN);
  }

  @Test
  void sendingDisabled_isCritical_andSandboxIsReportedNotAlerted() {
    AccountStatus s = new AccountStatus("HEALTHY", false, false);
    assertThat(eval.sending(s).level()).isEqualTo(Level.CRITICAL);
    Signal sandbox = eval.sandbox(s);
    assertThat(sandbox.level()).isEqualTo(Level.OK);
    assertThat(sandbox.display()).isEqualTo("sandbox");
    assertThat(Notifier.quiet(sandbox)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"79,OK", "80,WARNING", "94.9,WARNING", "95,CRITICAL", "100,CRITICAL"})
  void quota_warnsAt80_andIsCriticalAt95(double sent, Level expected) {
    assertThat(eval.quota(new Quota(100, 1, sent)).level()).isEqualTo(expected);
  }

  @Test
  void quota_unlimitedWhenMaxIsMinusOne() {
    Signal s = eval.quota(new Quota(-1, 14, 1_000_000));
    assertThat(s.level()).isEqualTo(Level.OK);
    assertThat(s.display()).contains("unlimited");
  }

  @ParameterizedTest
  @CsvSource({
    "0.0,OK",
    "0.0249,OK",
    "0.025,WARNING",
    "0.0499,WARNING",
    "0.05,CRITICAL",
    "0.072,CRITICAL"
  })
  void bounceRate_isAFraction_criticalAtThreshold_warningAtHalf(double fraction, Level expected) {
    Signal s = eval.bounce(new MetricPoint(fraction, NOW.minusSeconds(600)), NOW);
    assertThat(s.level()).isEqualTo(expected);
  }

  @Test
  void bounceRate_displaysPercent() {
    assertThat(eval.bounce(new MetricPoint(0.072, NOW), NOW).display()).isEqualTo("7.20%");
  }

  @ParameterizedTest
  @CsvSource({"0.0004,OK", "0.0005,WARNING", "0.001,CRITICAL"})
  void complaintRate_criticalAtPointOnePercent(double fraction, Level expected) {
    assertThat(eval.complaint(new MetricPoint(fraction, NOW), NOW).level()).isEqualTo(expected);
  }

  @Test
  void missingMetricData_isUnknown_notOkAndNotABreach() {
    Signal s = eval.bounce(MetricPoint.none(), NOW);
    assertThat(s.level()).isEqualTo(Level.UNKNOWN);
    assertThat(s.display()).isEqualTo("no data");
    assertThat(Notifier.quiet(s)).isTrue();
  }

  @Test
  void sendStatistics_belowVolumeFloor_raisesNothing() {
    // one bounce in three sends: 33% but far below the floor of 200
    Signal s = eval.sendStatistics(List.of(new SendPoint(NOW.minusSeconds(900), 3, 1, 0, 0)), NOW);
    assertThat(s.level()).isEqualTo(Level.UNKNOWN);
    assertThat(Notifier.quiet(s)).isTrue();
  }

  @Test
  void sendStatistics_aboveFloor_judgesLast24Hours_andIgnoresOlderPoints() {
    List<SendPoint> points = new ArrayList<>();
    points.add(
        new SendPoint(NOW.minus(Duration.ofDays(3)), 10_000, 2_000, 0, 0)); // old: outside 24 h
    points.add(new SendPoint(NOW.minus(Duration.ofHours(2)), 300, 3, 0, 0)); // 1% bounce in 24 h
    Signal s = eval.sendStatistics(points, NOW);
    assertThat(s.level()).isEqualTo(Level.OK);
    assertThat(s.display()).contains("1.00%").contains("24 h");

    points.add(new SendPoint(NOW.minus(Duration.ofHours(1)), 100, 30, 0, 0)); // 33 of 400 = 8.25%
    assertThat(eval.sendStatistics(points, NOW).level()).isEqualTo(Level.CRITICAL);
  }
}
