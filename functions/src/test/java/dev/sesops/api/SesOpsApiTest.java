package dev.sesops.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.MetricPoint;
import dev.sesops.ses.Quota;
import dev.sesops.ses.Reputation;
import dev.sesops.ses.SendPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SesOpsApiTest {
  private final ApiFixture f = new ApiFixture();

  @Test
  void accounts_listsNameRegionDescription_neverCredentials() {
    ApiResponse r = f.call("GET", "/accounts");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("accounts")).hasSize(2);
    assertThat(r.body().at("/accounts/0/name").asText()).isEqualTo("production");
    assertThat(r.body().at("/accounts/0/description").asText()).isEqualTo("Production SES account");
    String text = ApiFixture.text(r);
    assertThat(text).doesNotContain("AKIA", "wJalr", "role_arn", "arn:aws");
  }

  @Test
  void quota_reportsUsePercent_andUnlimitedAsNull() {
    f.ses.quota = new Quota(200, 14, 50);
    JsonNode b = f.call("GET", "/accounts/production/quota").body();
    assertThat(b.path("used_percent").asDouble()).isEqualTo(25.0);
    assertThat(b.path("remaining").asDouble()).isEqualTo(150.0);
    f.ses.quota = new Quota(-1, 14, 50);
    JsonNode u = f.call("GET", "/accounts/production/quota").body();
    assertThat(u.path("unlimited").asBoolean()).isTrue();
    assertThat(u.path("max_24_hour_send").isNull()).isTrue();
    assertThat(u.has("used_percent")).isFalse();
  }

  @Test
  void stats_sortsDataPointsByTime_andTotals24HoursAnd14Days() {
    Instant now = ApiFixture.NOW;
    f.ses.stats.add(new SendPoint(now.minusSeconds(3600), 100, 5, 1, 0));
    f.ses.stats.add(new SendPoint(now.minusSeconds(5 * 86400), 300, 3, 0, 2));
    f.ses.stats.add(new SendPoint(now.minusSeconds(7200), 50, 0, 0, 0));
    JsonNode b = f.call("GET", "/accounts/production/stats").body();
    List<String> times = new ArrayList<>();
    b.path("data_points").forEach(p -> times.add(p.path("timestamp").asText()));
    assertThat(times).isSorted().hasSize(3);
    assertThat(b.at("/last_24_hours/delivery_attempts").asLong()).isEqualTo(150);
    assertThat(b.at("/last_24_hours/bounce_rate_percent").asDouble()).isEqualTo(3.333);
    assertThat(b.at("/last_24_hours/below_volume_floor").asBoolean()).isTrue();
    assertThat(b.at("/last_14_days/delivery_attempts").asLong()).isEqualTo(450);
    assertThat(b.at("/last_14_days/bounce_rate_percent").asDouble()).isEqualTo(1.778);
    assertThat(b.at("/last_14_days/below_volume_floor").asBoolean()).isFalse();
  }

  @Test
  void stats_ratesAreNull_whenNothingWasSent() {
    JsonNode b = f.call("GET", "/accounts/production/stats").body();
    assertThat(b.at("/last_24_hours/bounce_rate_percent").isNull()).isTrue();
  }

  @Test
  void reputation_missingMetricsAreUnknown_andUnknownEnforcementIsNeverHealthy() {
    f.ses.status = new AccountStatus("SOMETHING_NEW", true, false);
    f.ses.rates = new Reputation(new MetricPoint(0.06, ApiFixture.NOW), MetricPoint.none());
    JsonNode b = f.call("GET", "/accounts/production/reputation").body();
    assertThat(b.path("health").asText()).isEqualTo("UNKNOWN");
    assertThat(b.path("sandbox").asBoolean()).isTrue();
    assertThat(b.at("/bounce/rate_percent").asDouble()).isEqualTo(6.0);
    assertThat(b.at("/bounce/level").asText()).isEqualTo("CRITICAL");
    assertThat(b.at("/complaint/level").asText()).isEqualTo("UNKNOWN");
    assertThat(b.at("/complaint/rate_percent").isNull()).isTrue();
  }

  @Test
  void reputationQuotaAndDebug_giveTheMonitorsVerdict_probationIsCriticalEverywhere() {
    f.ses.status = new AccountStatus("PROBATION", true, true);
    f.ses.rates =
        new Reputation(
            new MetricPoint(0.03, ApiFixture.NOW), new MetricPoint(0.0002, ApiFixture.NOW));
    f.ses.quota = new Quota(200, 1, 190);
    var m = dev.sesops.config.MonitoringConfig.defaults();
    var judge = dev.sesops.monitor.Judgement.of(m);

    JsonNode rep = f.call("GET", "/accounts/production/reputation").body();
    JsonNode quota = f.call("GET", "/accounts/production/quota").body();
    JsonNode debug = f.call("GET", "/accounts/production/debug/a@example.com").body();

    assertThat(rep.path("health").asText())
        .isEqualTo("CRITICAL")
        .isEqualTo(judge.enforcement("PROBATION").name());
    assertThat(debug.at("/account_health/health").asText()).isEqualTo("CRITICAL");
    // 3% bounce: above the default warning, below the review level; the same as the monitor says
    assertThat(rep.at("/bounce/level").asText())
        .isEqualTo(judge.bounce(0.03, ApiFixture.NOW, ApiFixture.NOW).name())
        .isEqualTo("WARNING");
    assertThat(quota.path("level").asText())
        .isEqualTo(judge.quota(200, 1, 190).name())
        .isEqualTo("CRITICAL");
  }

  @Test
  void identities_pagesWithOpaqueTokens_untilTheLastPage() {
    for (int i = 0; i < 5; i++) {
      f.ses.identities.put("user" + i + "@example.com", "Success");
    }
    f.ses.identities.put("example.com", "Pending");
    List<String> seen = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      ApiResponse r =
          f.call(
              "GET",
              "/accounts/production/identities",
              next == null
                  ? Map.of("type", "email", "limit", "2")
                  : Map.of("type", "email", "limit", "2", "next", next),
              null);
      assertThat(r.status()).isEqualTo(200);
      r.body().path("identities").forEach(n -> seen.add(n.path("identity").asText()));
      next = r.body().path("next").isNull() ? null : r.body().path("next").asText();
      pages++;
    } while (next != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(5).allMatch(s -> s.contains("@")).doesNotHaveDuplicates();
  }

  @Test
  void identities_rejectsATokenFromOtherFilters() {
    for (int i = 0; i < 3; i++) {
      f.ses.identities.put("user" + i + "@example.com", "Success");
    }
    String next =
        f.call(
                "GET",
                "/accounts/production/identities",
                Map.of("type", "email", "limit", "1"),
                null)
            .body()
            .path("next")
            .asText();
    ApiResponse r =
        f.call(
            "GET", "/accounts/production/identities", Map.of("type", "domain", "next", next), null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().at("/error/parameter").asText()).isEqualTo("next");
  }

  @Test
  void verifyDomain_returnsTxtAndThreeDkimCnames() {
    ApiResponse r =
        f.call("POST", "/accounts/production/identities", Map.of(), "{\"domain\":\"Example.COM\"}");
    assertThat(r.status()).isEqualTo(202);
    JsonNode records = r.body().path("dns_records");
    assertThat(records).hasSize(4);
    assertThat(records.get(0).path("name").asText()).isEqualTo("_amazonses.example.com");
    assertThat(records.get(1).path("type").asText()).isEqualTo("CNAME");
    assertThat(records.get(1).path("value").asText()).endsWith(".dkim.amazonses.com");
  }

  @Test
  void identityDetails_404_whenSesDoesNotKnowIt() {
    ApiResponse r = f.call("GET", "/accounts/production/identities/unknown.example.com");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body().at("/error/code").asText()).isEqualTo("not_found");
  }

  @Test
  void enableDkim_switchesItOn_andReturnsTheNewState() {
    f.ses.verifyDomain("example.com");
    ApiResponse r =
        f.call(
            "PUT",
            "/accounts/production/identities/example.com/dkim",
            Map.of(),
            "{\"enabled\": true}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("enabled").asBoolean()).isTrue();
    assertThat(f.ses.dkim.get("example.com").enabled()).isTrue();
  }

  @Test
  void suppressed_masksAddresses_unlessRevealed() {
    f.ses.suppress("jane@example.com", "BOUNCE", Instant.parse("2024-01-01T00:00:00Z"));
    JsonNode masked = f.call("GET", "/accounts/production/suppressed").body();
    assertThat(masked.at("/entries/0/email_address").asText()).isEqualTo("j***@example.com");
    JsonNode revealed =
        f.call("GET", "/accounts/production/suppressed", Map.of("reveal", "true"), null).body();
    assertThat(revealed.at("/entries/0/email_address").asText()).isEqualTo("jane@example.com");
  }

  @Test
  void suppressed_filtersByReasonAndDates() {
    f.ses.suppress("a@example.com", "BOUNCE", Instant.parse("2024-01-01T00:00:00Z"));
    f.ses.suppress("b@example.com", "COMPLAINT", Instant.parse("2024-03-01T00:00:00Z"));
    f.ses.suppress("c@example.com", "BOUNCE", Instant.parse("2024-05-01T00:00:00Z"));
    JsonNode b =
        f.call(
                "GET",
                "/accounts/production/suppressed",
                Map.of("reason", "bounce", "from", "2024-02-01"),
                null)
            .body();
    assertThat(b.path("entries")).hasSize(1);
    assertThat(b.at("/entries/0/email_address").asText()).isEqualTo("c***@example.com");
  }

  @Test
  void removeSuppression_removesIt_then404() {
    f.ses.suppress("jane@example.com", "BOUNCE", Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(f.call("DELETE", "/accounts/production/suppressed/jane%40example.com").status())
        .isEqualTo(200);
    assertThat(f.ses.suppressed).isEmpty();
    assertThat(f.call("DELETE", "/accounts/production/suppressed/jane%40example.com").status())
        .isEqualTo(404);
    assertThat(f.call("GET", "/accounts/production/suppressed/jane%40example.com").status())
        .isEqualTo(404);
  }

  @Test
  void debug_explainsSuppressionMissingMxUnverifiedSenderAndSandbox() {
    f.ses.suppress("jane@example.org", "COMPLAINT", Instant.parse("2024-01-01T00:00:00Z"));
    f.ses.status = new AccountStatus("HEALTHY", true, false);
    f.mx = new MxLookup.Result("NONE", List.of());
    ApiResponse r =
        f.call(
            "GET",
            "/accounts/production/debug/jane@example.org",
            Map.of("from", "noreply@example.com"),
            null);
    assertThat(r.status()).isEqualTo(200);
    JsonNode b = r.body();
    assertThat(b.at("/suppression/suppressed").asBoolean()).isTrue();
    assertThat(b.at("/recipient_domain/mx_status").asText()).isEqualTo("NONE");
    assertThat(b.at("/sender/covered").asBoolean()).isFalse();
    assertThat(b.path("recipient_verified_for_sandbox").asBoolean()).isFalse();
    assertThat(b.path("advice")).hasSize(4);
    assertThat(ApiFixture.text(r)).doesNotContain("jane@example.org");
  }

  @Test
  void debug_saysNothingBlocks_whenAllIsWell() {
    f.ses.identities.put("example.com", "Success");
    JsonNode b =
        f.call(
                "GET",
                "/accounts/production/debug/jane@example.org",
                Map.of("from", "noreply@example.com"),
                null)
            .body();
    assertThat(b.at("/sender/covering_identity").asText()).isEqualTo("example.com");
    assertThat(b.path("advice")).hasSize(1);
    assertThat(b.at("/advice/0").asText()).startsWith("nothing on the SES side");
  }

  @Test
  void monitor_passesNotifyFalse_andReturnsTheLevel() {
    ApiResponse r = f.call("POST", "/accounts/production/monitor", Map.of("notify", "false"), null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("level").asText()).isEqualTo("WARNING");
    assertThat(f.monitorRuns).containsExactly("production:false");
  }

  @Test
  void cleanup_isADryRunUnlessAskedOtherwise() {
    assertThat(
            f.call("POST", "/accounts/production/suppression-cleanup")
                .body()
                .path("dry_run")
                .asBoolean())
        .isTrue();
    assertThat(
            f.call(
                    "POST",
                    "/accounts/production/suppression-cleanup",
                    Map.of("dry_run", "false"),
                    null)
                .body()
                .path("dry_run")
                .asBoolean())
        .isFalse();
  }

  @Test
  void missingRunner_answers501NotImplemented() {
    SesOpsApi api =
        new SesOpsApi(
            new dev.sesops.config.ConfigSource() {
              @Override
              public dev.sesops.config.SesOpsConfig load() {
                return dev.sesops.config.ConfigParser.parse(ApiFixture.CONFIG);
              }

              @Override
              public String describe() {
                return "t";
              }
            },
            a -> f.ses,
            d -> f.mx,
            Runners.monitorMissing(),
            Runners.auditMissing(),
            Runners.cleanupMissing(),
            java.time.Clock.systemUTC(),
            java.time.Duration.ofSeconds(25));
    ApiResponse r =
        api.handle(
            new ApiRequest("POST", "/accounts/production/audit", Map.of(), Map.of(), null, "r"));
    assertThat(r.status()).isEqualTo(501);
    assertThat(r.body().at("/error/code").asText()).isEqualTo("not_implemented");
  }
}
