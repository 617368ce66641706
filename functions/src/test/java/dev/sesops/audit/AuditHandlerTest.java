package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.common.LambdaEvents;
import dev.sesops.local.LocalContext;
import dev.sesops.logging.RunMetrics;
import dev.sesops.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditHandlerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-04T06:00:01Z"));
  private final Fakes.Ses production = new Fakes.Ses().with(Fakes.domain("example.com"));
  private final Fakes.Ses staging = new Fakes.Ses();
  private final Fakes.Store store = new Fakes.Store();
  private final ByteArrayOutputStream emf = new ByteArrayOutputStream();
  private final AuditHandler handler =
      new AuditHandler(
          new Auditor(
              Fakes.source(
                  Fakes.config(
                      "{\"accounts\":{\"production\":{\"region\":\"us-east-1\",\"verified_domains\":[\"example.com\"]},"
                          + "\"staging\":{\"region\":\"us-east-1\"}}}")),
              (a, rate) -> a.name().equals("production") ? production : staging,
              new Fakes.Dns().healthy("example.com"),
              store,
              new Fakes.Alerts(),
              clock,
              1.0),
          clock,
          new RunMetrics(new PrintStream(emf, true, StandardCharsets.UTF_8)));

  @Test
  void handle_auditsEveryAccount_andReturnsASummaryWithReportKeys() throws Exception {
    JsonNode out = invoke("events/audit/scheduled.json");
    assertThat(out.path("run_id").asText()).isEqualTo("20250304T060001Z-53dc4d37");
    assertThat(out.path("accounts")).hasSize(2);
    assertThat(out.path("accounts").get(0).path("account").asText()).isEqualTo("production");
    assertThat(out.path("accounts").get(0).path("score").asInt()).isEqualTo(100);
    assertThat(out.path("accounts").get(0).path("report_key").asText())
        .isEqualTo("audits/production/2025/03/04/20250304T060001Z-53dc4d37.json");
    assertThat(out.path("summary").get(0).asText()).startsWith("production: score 100");
    assertThat(out.has("findings")).isFalse();
  }

  @Test
  void handle_limitsTheRunToDetailAccounts() throws Exception {
    JsonNode out = invoke("events/audit/scheduled-accounts.json");
    assertThat(out.path("accounts")).hasSize(1);
    assertThat(store.objects.keySet())
        .allSatisfy(k -> assertThat(k).startsWith("audits/production/"));
    assertThat(staging.calls()).isZero();
  }

  @Test
  void handle_rejectsAMalformedEvent_namingThePath() {
    assertThatThrownBy(() -> invoke("events/audit/malformed.json"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("detail.accounts: expected a list of account names");
    assertThat(store.objects).isEmpty();
  }

  @Test
  void handle_rejectsUnknownAccounts_beforeAuditingAny() {
    assertThatThrownBy(() -> invoke("events/audit/unknown-account.json"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("no-such-account");
    assertThat(production.calls()).isZero();
  }

  @Test
  void handle_keepsAMarginBeforeTheLambdaDeadline() throws Exception {
    production.onCall = () -> clock.advance(Duration.ofSeconds(5));
    // 30 s left, 20 s margin: 10 s of work, then a partial report
    JsonNode out = invokeWith("events/audit/scheduled-accounts.json", Duration.ofSeconds(30));
    JsonNode acc = out.path("accounts").get(0);
    assertThat(acc.path("complete").asBoolean()).isFalse();
    assertThat(List.of(Json.MAPPER.treeToValue(acc.path("not_reached"), String[].class)))
        .isNotEmpty();
  }

  @Test
  void handle_emitsAFailedAccountAsAnEmfMetric_whenItsReportIsNotStored() throws Exception {
    store.failWrites = true;
    invoke("events/audit/scheduled-accounts.json");
    JsonNode line = Json.read(emf.toString(StandardCharsets.UTF_8).strip());
    assertThat(line.path("AuditAccountsFailed").asLong()).isEqualTo(1);
    JsonNode metric = line.path("_aws").path("CloudWatchMetrics").get(0);
    assertThat(metric.path("Namespace").asText()).isEqualTo("SesOps");
    assertThat(metric.path("Metrics").get(0).path("Name").asText())
        .isEqualTo("AuditAccountsFailed");
    assertThat(emf.toString(StandardCharsets.UTF_8)).doesNotContain("production");
  }

  @Test
  void handle_emitsZeroFailedAccounts_whenEveryAccountIsAudited() throws Exception {
    invoke("events/audit/scheduled.json");
    assertThat(Json.read(emf.toString(StandardCharsets.UTF_8).strip()).path("AuditAccountsFailed"))
        .hasToString("0");
  }

  private JsonNode invoke(String event) throws Exception {
    return invokeWith(event, Duration.ofMinutes(15));
  }

  private JsonNode invokeWith(String event, Duration remaining) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(event)) {
      assertThat(in).as(event).isNotNull();
      LambdaEvents.asStream(handler).handleRequest(in, out, new FixedContext(remaining));
    }
    return Json.read(out.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A real Context whose remaining time does not run down by itself. */
  private static final class FixedContext implements com.amazonaws.services.lambda.runtime.Context {
    private final LocalContext base = new LocalContext("audit", Duration.ofMinutes(15));
    private final Duration remaining;

    FixedContext(Duration remaining) {
      this.remaining = remaining;
    }

    @Override
    public String getAwsRequestId() {
      return base.getAwsRequestId();
    }

    @Override
    public String getLogGroupName() {
      return base.getLogGroupName();
    }

    @Override
    public String getLogStreamName() {
      return base.getLogStreamName();
    }

    @Override
    public String getFunctionName() {
      return base.getFunctionName();
    }

    @Override
    public String getFunctionVersion() {
      return base.getFunctionVersion();
    }

    @Override
    public String getInvokedFunctionArn() {
      return base.getInvokedFunctionArn();
    }

    @Override
    public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return (int) remaining.toMillis();
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() {
      return base.getLogger();
    }
  }
}
