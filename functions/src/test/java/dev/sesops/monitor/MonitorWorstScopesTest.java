package dev.sesops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.common.Deadline;
import dev.sesops.config.ConfigParser;
import dev.sesops.core.Level;
import dev.sesops.core.Signal;
import dev.sesops.events.Sources;
import dev.sesops.testing.FixedConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report's five worst scopes per account, from the events counters; one account's fault leaves
 * only it out.
 */
class MonitorWorstScopesTest {
  private static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final SesHealthSource HEALTHY = new HealthySource(NOW, null);

  @Test
  void report_listsEachAccountsWorstScopes_andLeavesOutAnAccountWhoseCountersFail() {
    Monitor monitor =
        new Monitor(
            FixedConfig.of(
                ConfigParser.parse(
                    """
        {"accounts": {"production": {"region": "us-east-1"}, "staging": {"region": "eu-west-1"}}}""")),
            HEALTHY,
            () ->
                new Notifier(
                    new NotifierTest.InMemoryAlertState(), new NotifierTest.RecordingPublisher()),
            new MetricsSink(new PrintStream(new ByteArrayOutputStream())),
            CLOCK);
    Sources.Row bad =
        new Sources.Row(
            "configuration-set:bad", 300, 250, 36, 0, 0, 0, 0, 12.0, 0, "CRITICAL", "sends", 300);
    monitor.worstScopes =
        (account, cfg, now) -> {
          if (account.equals("staging")) {
            throw new IllegalStateException("table unavailable");
          }
          assertThat(now).isEqualTo(NOW);
          return List.of(bad);
        };

    MonitorReport report = monitor.run(null, false, Deadline.none(CLOCK), "run-1");

    assertThat(report.worstScopes()).containsOnlyKeys("production");
    assertThat(report.worstScopes().get("production")).containsExactly(bad);
    assertThat(report.accounts()).hasSize(2);
  }

  @Test
  void report_withoutTheEventsCounters_hasNoWorstScopes() {
    Monitor monitor =
        new Monitor(
            FixedConfig.of(
                ConfigParser.parse(
                    """
        {"accounts": {"production": {"region": "us-east-1"}}}""")),
            HEALTHY,
            () ->
                new Notifier(
                    new NotifierTest.InMemoryAlertState(), new NotifierTest.RecordingPublisher()),
            new MetricsSink(new PrintStream(new ByteArrayOutputStream())),
            CLOCK);

    assertThat(monitor.run(null, false, Deadline.none(CLOCK), "run-1").worstScopes()).isNull();
  }

  private static AccountReport withPipeline(Object lastEvent) {
    java.util.Map<String, Object> value = new java.util.LinkedHashMap<>();
    value.put("sent_last_24_hours", 100.0);
    value.put("last_event", lastEvent);
    return new AccountReport(
        "production",
        "us-east-1",
        Level.OK,
        false,
        List.of(
            new Signal(
                "pipeline", Level.OK, value, "d", null, "ses-ops events (state table)", "m")),
        List.of(),
        List.of());
  }

  @Test
  void accountWhosePipelineCheckFoundNoEvents_orNoneThisHour_isNotRankedAgain() {
    assertThat(Monitor.noEventsWithinTheHour(withPipeline(null), NOW)).isTrue();
    assertThat(Monitor.noEventsWithinTheHour(withPipeline("2026-12-03T05:40:00Z"), NOW)).isTrue();
  }

  @Test
  void accountWithARecentEvent_orWithoutAPipelineReading_isRanked() {
    assertThat(Monitor.noEventsWithinTheHour(withPipeline("2026-12-03T06:30:00Z"), NOW)).isFalse();
    assertThat(Monitor.noEventsWithinTheHour(withPipeline("not a time"), NOW)).isFalse();
    AccountReport noPipeline =
        new AccountReport(
            "production", "us-east-1", Level.OK, false, List.of(), List.of(), List.of());
    assertThat(Monitor.noEventsWithinTheHour(noPipeline, NOW)).isFalse();
    java.util.Map<String, Object> unjudged = new java.util.LinkedHashMap<>();
    unjudged.put("sent_last_24_hours", 100.0);
    AccountReport quotaOnly =
        new AccountReport(
            "production",
            "us-east-1",
            Level.OK,
            false,
            List.of(new Signal("pipeline", Level.UNKNOWN, unjudged, "d", null, "s", "m")),
            List.of(),
            List.of());
    assertThat(Monitor.noEventsWithinTheHour(quotaOnly, NOW)).isFalse();
  }
}
