package dev.sesops.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigParser;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.local.LocalContext;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.MetricPoint;
import dev.sesops.ses.Quota;
import dev.sesops.ses.Reputation;
import dev.sesops.ses.SendPoint;
import dev.sesops.testing.FixedConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorHandlerTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final SesOpsConfig CONFIG =
      ConfigParser.parse(
          """
      {"accounts": {"production": {"region": "us-east-1"}, "staging": {"region": "eu-west-1"}}}""");

  // the monitor reads accounts on several threads: the fakes are thread-safe
  private final List<String> readAccounts = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final NotifierTest.InMemoryAlertState state = new NotifierTest.InMemoryAlertState();
  private final NotifierTest.RecordingPublisher publisher = new NotifierTest.RecordingPublisher();

  private MonitorHandler handler() {
    ConfigSource config = FixedConfig.of(CONFIG);
    SesHealthSource source =
        new SesHealthSource() {
          @Override
          public AccountStatus account(AccountConfig a) {
            readAccounts.add(a.name());
            return new AccountStatus(
                a.name().equals("staging") ? "PROBATION" : "HEALTHY", true, true);
          }

          @Override
          public Quota quota(AccountConfig a) {
            return new Quota(50_000, 14, 100);
          }

          @Override
          public Reputation reputation(AccountConfig a, Instant from, Instant to) {
            assertThat(Duration.between(from, to)).isEqualTo(Duration.ofHours(24));
            return new Reputation(new MetricPoint(0.001, NOW), new MetricPoint(0.0, NOW));
          }

          @Override
          public List<SendPoint> sendStatistics(AccountConfig a) {
            throw new IllegalStateException("statistics unavailable");
          }
        };
    Monitor monitor =
        new Monitor(
            config,
            source,
            () -> new Notifier(state, publisher),
            new MetricsSink(new java.io.PrintStream(emf, true)),
            CLOCK);
    return new MonitorHandler(monitor, CLOCK);
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream emf = new ByteArrayOutputStream();

  private JsonNode invoke(String eventFile) throws Exception {
    out.reset();
    try (InputStream in = getClass().getResourceAsStream("/events/monitor/" + eventFile)) {
      handler().handleRequest(in, out, new LocalContext("monitor", Duration.ofMinutes(2)));
    }
    return Json.read(out.toString());
  }

  @Test
  void
      unusableAlertState_everyAccountIsStillCheckedAndAlerted_withoutDedupe_andAMetricRaisesTheAlarm_notARetry()
          throws Exception {
    state.broken = true;

    invoke("scheduled.json");

    // no failed invocation (Lambda would retry it and send every alert again): the DedupeOff metric
    // instead
    assertThat(emf.toString())
        .contains(
            "\"Dimensions\":[[]]",
            "{\"Name\":\"DedupeOff\",\"Unit\":\"Count\"}",
            "\"DedupeOff\":2",
            "\"AccountsNotReached\":0");

    // the report was written before the failure: both accounts, the dedupe-off monitoring signal
    JsonNode report = Json.read(out.toString());
    assertThat(readAccounts).containsExactlyInAnyOrder("production", "staging");
    assertThat(report.path("summary").path("dedupe_off").asInt()).isEqualTo(2);
    for (JsonNode a : report.path("accounts")) {
      assertThat(a.path("signals"))
          .anySatisfy(
              s -> {
                assertThat(s.path("check").asText()).isEqualTo("monitoring");
                assertThat(s.path("display").asText())
                    .contains("alert dedupe off: alert state not read");
              });
    }
    assertThat(publisher.alerts)
        .extracting(a -> a.subject())
        .contains("[CRITICAL] staging: enforcement status PROBATION (without dedupe)")
        .allSatisfy(subject -> assertThat(subject).endsWith("(without dedupe)"));
  }

  @Test
  void scheduledEvent_checksEveryAccount_andReportsEachSignal() throws Exception {
    JsonNode report = invoke("scheduled.json");

    assertThat(readAccounts).containsExactlyInAnyOrder("production", "staging");
    assertThat(report.path("summary").path("accounts").asInt()).isEqualTo(2);
    assertThat(report.path("summary").path("critical").asInt()).isEqualTo(1);
    JsonNode staging =
        report.path("accounts").get(0).path("account").asText().equals("staging")
            ? report.path("accounts").get(0)
            : report.path("accounts").get(1);
    assertThat(staging.path("level").asText()).isEqualTo("CRITICAL");
    assertThat(staging.path("errors").get(0).path("source").asText())
        .isEqualTo("ses:GetSendStatistics");
    assertThat(staging.path("alerts"))
        .anySatisfy(
            a ->
                assertThat(a.path("subject").asText())
                    .isEqualTo("[CRITICAL] staging: enforcement status PROBATION"));
    assertThat(publisher.alerts)
        .extracting(a -> a.check())
        .contains("enforcement_status", "monitoring");
  }

  @Test
  void detailAccounts_limitsTheRun() throws Exception {
    JsonNode report = invoke("scheduled-accounts.json");
    assertThat(readAccounts).containsExactly("production");
    assertThat(report.path("accounts")).hasSize(1);
  }

  @Test
  void malformedDetail_isRejectedNamingThePath() {
    assertThatThrownBy(() -> invoke("malformed-accounts.json"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("detail.accounts: expected a list of account names");
    assertThat(readAccounts).isEmpty();
  }
}
