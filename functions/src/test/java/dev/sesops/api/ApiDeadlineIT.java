package dev.sesops.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import dev.sesops.testing.SesV2Stubs;
import dev.sesops.wiring.ApiFunction;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One account's SES v2 endpoint hangs: the API answers inside its budget with a JSON 504 naming the
 * request, and a monitor run through the API reports the account as not healthy, never OK. The run
 * budget is 5 s here (20 s deployed), so calls end by 9 s (24 s deployed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDeadlineIT {
  private static final Duration RUN_BUDGET = Duration.ofSeconds(5);
  private ApiEmulator emu;
  private SesOpsApi api;

  @BeforeAll
  void start() throws IOException {
    emu = new ApiEmulator();
    // the "throttled" account (eu-west-1) stands in for the slow one: its GetAccount never answers
    // in time
    emu.wiremock.stubFor(
        SesV2Stubs.getAccount("eu-west-1")
            .atPriority(1)
            .willReturn(SesV2Stubs.account("HEALTHY", true, true).withFixedDelay(30_000)));
    api = ApiFunction.api(emu.settings, Clock.systemUTC(), RUN_BUDGET);
  }

  @AfterAll
  void stop() throws IOException {
    emu.close();
  }

  private ApiResponse call(String method, String path, Map<String, List<String>> query) {
    return api.handle(new ApiRequest(method, path, query, Map.of(), null, "req-slow-1"));
  }

  @Test
  void reputation_ofAHangingAccount_isAJson504UpstreamTimeout_withTheRequestId_withinTheBudget() {
    long start = System.nanoTime();

    ApiResponse r = call("GET", "/accounts/throttled/reputation", Map.of());

    long ms = (System.nanoTime() - start) / 1_000_000;
    JsonNode body = Json.tree(r.body());
    assertThat(r.status()).as(body.toString()).isEqualTo(504);
    assertThat(body.at("/error/code").asText()).isEqualTo("upstream_timeout");
    assertThat(body.at("/error/request_id").asText()).isEqualTo("req-slow-1");
    assertThat(ms).isLessThan(RUN_BUDGET.plus(SesOpsApi.CALL_MARGIN).plusSeconds(1).toMillis());
  }

  @Test
  void monitor_ofAHangingAccount_isNotOk_andSaysWhichSourceTimedOut_withinTheBudget() {
    long start = System.nanoTime();

    ApiResponse r = call("POST", "/accounts/throttled/monitor", Map.of("notify", List.of("false")));

    long ms = (System.nanoTime() - start) / 1_000_000;
    JsonNode body = Json.tree(r.body());
    assertThat(r.status()).as(body.toString()).isEqualTo(200);
    // the account was checked inside the run (its reads end 3 s before the run does), so it is
    // there
    assertThat(body.at("/report/not_reached")).isEmpty();
    assertThat(body.path("level").asText()).isIn("WARNING", "CRITICAL");
    JsonNode errors = body.at("/report/accounts/0/errors");
    assertThat(errors)
        .anySatisfy(
            e -> {
              assertThat(e.path("source").asText()).isEqualTo("sesv2:GetAccount");
              assertThat(e.path("kind").asText()).isEqualTo("TIMEOUT");
            });
    assertThat(ms).isLessThan(RUN_BUDGET.plus(SesOpsApi.CALL_MARGIN).plusSeconds(1).toMillis());
  }
}
