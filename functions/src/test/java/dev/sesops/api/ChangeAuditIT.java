package dev.sesops.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.wiring.ApiFunction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every change through the API lands in protection's action log (DynamoDB and S3 on moto) with the
 * caller's principal ARN, the state before and the result, and {@code GET .../actions} lists it; a
 * real cleanup is refused for an account whose config says dry_run unless the config allows it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeAuditIT {
  private static final String CALLER = "arn:aws:sts::111122223333:assumed-role/ops/alice";

  private ApiEmulator emu;
  private SesOpsApi api;

  @BeforeAll
  void start() throws Exception {
    emu = new ApiEmulator();
    api = ApiFunction.api(emu.settings, Clock.systemUTC());
  }

  @AfterAll
  void stop() throws Exception {
    emu.close();
  }

  private ApiResponse call(
      String method, String path, Map<String, List<String>> query, String body) {
    return api.handle(
        new ApiRequest(
            method,
            path,
            query,
            Map.of("content-type", "application/json"),
            body,
            "req-" + UUID.randomUUID(),
            CALLER));
  }

  private List<JsonNode> actions() {
    ApiResponse r = call("GET", "/accounts/production/actions", Map.of(), null);
    assertThat(r.status()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    r.body().path("actions").forEach(out::add);
    return out;
  }

  @Test
  void suppressionDelete_isLoggedWithTheCaller_theStateBefore_andTheResult() {
    ApiResponse removed =
        call(
            "DELETE",
            "/accounts/production/suppressed/bounce%40simulator.amazonses.com",
            Map.of(),
            null);

    assertThat(removed.status()).isEqualTo(200);
    JsonNode line =
        actions().stream()
            .filter(a -> a.path("action").asText().equals("suppression.delete"))
            .findFirst()
            .orElseThrow();
    assertThat(line.path("status").asText()).isEqualTo("done");
    assertThat(line.path("mode").asText()).isEqualTo("manual");
    assertThat(line.path("why").asText()).isEqualTo("requested by " + CALLER);
    assertThat(line.path("scope").asText()).isEqualTo("suppressed:b***@simulator.amazonses.com");
    assertThat(line.path("state_before").path("reason").asText()).isEqualTo("BOUNCE");
    assertThat(line.path("detail").asText()).isEqualTo("HTTP 200");
    assertThat(line.toString()).doesNotContain("bounce@simulator");
  }

  @Test
  void aFailedChange_isLoggedNotDone() {
    ApiResponse missing =
        call("DELETE", "/accounts/production/suppressed/nobody%40example.org", Map.of(), null);

    assertThat(missing.status()).isEqualTo(404);
    assertThat(actions())
        .anySatisfy(
            a -> {
              assertThat(a.path("scope").asText()).isEqualTo("suppressed:n***@example.org");
              assertThat(a.path("status").asText()).isEqualTo("not_done");
              assertThat(a.path("detail").asText()).startsWith("failed:");
            });
  }

  @Test
  void dkimSwitch_isLoggedWithTheDkimStateBefore() {
    ApiResponse r =
        call(
            "PUT",
            "/accounts/production/identities/example.com/dkim",
            Map.of(),
            "{\"enabled\": true}");

    assertThat(actions())
        .anySatisfy(
            a -> {
              assertThat(a.path("action").asText()).isEqualTo("dkim.switch");
              assertThat(a.path("scope").asText()).isEqualTo("identity:example.com");
              assertThat(a.path("why").asText()).isEqualTo("requested by " + CALLER);
              assertThat(a.path("state_before").path("dkim_enabled").isBoolean())
                  .as(a.toString())
                  .isTrue();
              assertThat(a.path("status").asText())
                  .isEqualTo(r.status() < 400 ? "done" : "not_done");
            });
  }

  @Test
  void realCleanup_isRefusedForAnAccountWhoseConfigSaysDryRun_andTheRefusedAttemptIsLogged() {
    ApiResponse r =
        call(
            "POST",
            "/accounts/production/suppression-cleanup",
            Map.of("dry_run", List.of("false")),
            null);

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body().at("/error/code").asText()).isEqualTo("dry_run_by_config");
    assertThat(r.body().at("/error/message").asText())
        .contains("suppression_cleanup.allow_api_override");
    assertThat(actions())
        .filteredOn(a -> a.path("action").asText().equals("cleanup.run"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.path("status").asText()).isEqualTo("not_done");
              assertThat(a.path("why").asText()).isEqualTo("requested by " + CALLER);
              assertThat(a.path("state_before").path("config_dry_run").asBoolean()).isTrue();
              assertThat(a.path("numbers").path("dry_run").asText()).isEqualTo("false");
            });
  }
}
