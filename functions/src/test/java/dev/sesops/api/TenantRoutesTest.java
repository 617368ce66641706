package dev.sesops.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import dev.sesops.ses.ReputationRecord;
import dev.sesops.ses.TenantSummary;
import org.junit.jupiter.api.Test;

class TenantRoutesTest {
  private static final String GLOBEX = "arn:aws:ses:us-east-1:111122223333:tenant/globex/t-1";
  private final ApiFixture f = new ApiFixture();

  private void tenants() {
    f.signals.tenants.put(
        "acme",
        new TenantSummary(
            "acme", "t-0", "arn:aws:ses:us-east-1:111122223333:tenant/acme/t-0", "ENABLED", null));
    f.signals.tenants.put("globex", new TenantSummary("globex", "t-1", GLOBEX, "DISABLED", null));
    f.signals.entities.put(
        GLOBEX,
        new ReputationRecord(
            GLOBEX,
            "RESOURCE",
            "arn:aws:ses:::reputation-policy/strict",
            new ReputationRecord.EntityStatus("ENABLED", null, null),
            new ReputationRecord.EntityStatus(
                "DISABLED",
                "Complaint rate above 0.5%",
                java.time.Instant.parse("2024-06-01T11:00:00Z")),
            "DISABLED",
            "HIGH"));
  }

  private static JsonNode body(ApiResponse r) {
    return Json.read(ApiFixture.text(r));
  }

  @Test
  void tenants_listsEveryTenant_withBothStatusesTheirCausesAndThePolicy() {
    tenants();
    ApiResponse r = f.call("GET", "/accounts/production/tenants");
    assertThat(r.status()).isEqualTo(200);
    JsonNode b = body(r);
    assertThat(b.path("count").asInt()).isEqualTo(2);
    assertThat(b.path("paused").asInt()).isEqualTo(1);
    JsonNode g = b.path("tenants").get(1);
    assertThat(g.path("name").asText()).isEqualTo("globex");
    assertThat(g.path("paused_by").asText()).isEqualTo("AWS");
    assertThat(g.path("aws_managed").path("cause").asText()).isEqualTo("Complaint rate above 0.5%");
    assertThat(g.path("customer_managed").path("status").asText()).isEqualTo("ENABLED");
    assertThat(g.path("policy").asText()).isEqualTo("arn:aws:ses:::reputation-policy/strict");
    assertThat(f.signals.calls)
        .isEqualTo(2); // one ListTenants page, one ListReputationEntities page
  }

  @Test
  void tenant_answersOne_404ForAnUnknownTenantOrAccount_400ForABadName() {
    tenants();
    ApiResponse one = f.call("GET", "/accounts/production/tenants/globex");
    assertThat(one.status()).isEqualTo(200);
    assertThat(body(one).path("tenant").path("sending_status").asText()).isEqualTo("DISABLED");
    assertThat(body(one).path("tenant").path("paused").asBoolean()).isTrue();
    assertThat(f.call("GET", "/accounts/production/tenants/nobody").status()).isEqualTo(404);
    assertThat(f.call("GET", "/accounts/nowhere/tenants").status()).isEqualTo(404);
    ApiResponse bad = f.call("GET", "/accounts/production/tenants/bad.name");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(ApiFixture.text(bad)).contains("tenant");
  }
}
