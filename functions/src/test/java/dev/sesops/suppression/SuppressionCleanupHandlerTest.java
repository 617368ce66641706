package dev.sesops.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.aws.SdkErrors;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.common.LambdaEvents;
import dev.sesops.local.LocalContext;
import dev.sesops.logging.RunMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SuppressionCleanupHandlerTest {

  private static JsonNode invoke(Fixture f, String event) throws IOException {
    SuppressionCleanupHandler handler = new SuppressionCleanupHandler(f.cleanup(), f.clock);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in =
        SuppressionCleanupHandlerTest.class.getResourceAsStream(
            "/events/suppression-cleanup/" + event)) {
      assertThat(in).as(event).isNotNull();
      LambdaEvents.asStream(handler)
          .handleRequest(in, out, new LocalContext("suppression-cleanup", Duration.ofMinutes(15)));
    }
    return Json.read(out.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Fixture fixture() {
    Fixture f = new Fixture("{}");
    f.list("production").add("bounce@example.com", "BOUNCE", Fixture.daysAgo(100));
    f.list("staging").add("bounce@example.org", "BOUNCE", Fixture.daysAgo(100));
    return f;
  }

  @Test
  void scheduledEvent_emitsTheFailedAccountsAsAnEmfMetric() throws IOException {
    Fixture f = fixture();
    f.list("production").fail("ListSuppressedDestinations", 1, SdkErrors.Kind.SERVER_ERROR);
    ByteArrayOutputStream emf = new ByteArrayOutputStream();
    SuppressionCleanupHandler handler =
        new SuppressionCleanupHandler(
            f.cleanup(),
            f.clock,
            new RunMetrics(new PrintStream(emf, true, StandardCharsets.UTF_8)));
    try (InputStream in =
        SuppressionCleanupHandlerTest.class.getResourceAsStream(
            "/events/suppression-cleanup/scheduled.json")) {
      LambdaEvents.asStream(handler)
          .handleRequest(
              in,
              new ByteArrayOutputStream(),
              new LocalContext("suppression-cleanup", Duration.ofMinutes(15)));
    }
    JsonNode line = Json.read(emf.toString(StandardCharsets.UTF_8).strip());
    assertThat(line.path("CleanupAccountsFailed").asLong()).isEqualTo(1);
    assertThat(
            line.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Name"))
        .hasToString("\"CleanupAccountsFailed\"");
    assertThat(emf.toString(StandardCharsets.UTF_8)).doesNotContain("production");
  }

  @Test
  void scheduledEvent_runsEveryAccount_withThePolicysDryRun() throws IOException {
    Fixture f = fixture();
    JsonNode out = invoke(f, "scheduled.json");
    assertThat(out.path("run_id").asText()).isEqualTo("20250601T030000Z-53dc4d37");
    assertThat(out.path("accounts")).hasSize(2);
    assertThat(out.path("accounts").get(0).path("status").asText()).isEqualTo("dry_run");
    assertThat(
            out.path("accounts").get(0).path("would_remove").get(0).path("email_address").asText())
        .isEqualTo("b***@example.com");
    assertThat(f.list("production").entries).hasSize(1);
  }

  @Test
  void dryRunOverride_keepsTheRunReportOnly() throws IOException {
    Fixture f = fixture();
    f.config =
        f.config.replace(
            "\"suppression_cleanup\": {}", "\"suppression_cleanup\": {\"dry_run\": false}");
    JsonNode out = invoke(f, "dry-run-override.json");
    assertThat(out.path("accounts").get(0).path("dry_run").asBoolean()).isTrue();
    assertThat(f.list("production").entries).hasSize(1);
  }

  @Test
  void limitedAccounts_runOnlyThoseAccounts() throws IOException {
    Fixture f = fixture();
    JsonNode out = invoke(f, "limited-accounts.json");
    assertThat(out.path("accounts")).hasSize(1);
    assertThat(out.path("accounts").get(0).path("account").asText()).isEqualTo("staging");
    assertThat(out.path("accounts").get(0).path("removed").asLong()).isEqualTo(1);
    assertThat(f.list("staging").entries).isEmpty();
    assertThat(f.list("production").calls).isEmpty();
  }

  @Test
  void restoreAction_putsTheTrailBack() throws IOException {
    Fixture f = fixture();
    f.store.put(
        "s3://ses-ops-reports-123456789012/suppression-trail/production/2025/06/01/20250601T030000Z-53dc4d37.jsonl",
        "{\"account\":\"production\",\"email_address\":\"success@simulator.amazonses.com\",\"reason\":\"BOUNCE\"}\n");
    JsonNode out = invoke(f, "restore.json");
    assertThat(out.path("complete").asBoolean()).isTrue();
    assertThat(out.path("restored").asLong()).isEqualTo(1);
    assertThat(f.list("production").entries).containsKey("success@simulator.amazonses.com");
  }

  @Test
  void malformedEvent_isRejectedNamingTheField() {
    assertThatThrownBy(() -> invoke(fixture(), "malformed.json"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("detail.accounts: expected a list of account names");
  }

  @Test
  void restoreWithoutTrail_isRejectedNamingTheField() {
    assertThatThrownBy(() -> invoke(fixture(), "restore-without-trail.json"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("detail.trail: missing");
  }
}
