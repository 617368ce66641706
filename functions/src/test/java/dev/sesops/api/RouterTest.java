package dev.sesops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RouterTest {
  private final ApiFixture f = new ApiFixture();

  @Test
  void dispatch_matchesEveryRouteOfTheTable_withItsMethod() {
    assertThat(f.call("GET", "/accounts").status()).isEqualTo(200);
    assertThat(f.call("GET", "/accounts/production/quota").status()).isEqualTo(200);
    assertThat(f.call("POST", "/accounts/production/monitor").status()).isEqualTo(200);
    assertThat(f.call("GET", "/accounts/production/configuration-sets").status()).isEqualTo(200);
  }

  @Test
  void dispatch_answers404RouteNotFound_forAnUnknownPath() {
    ApiResponse r = f.call("GET", "/nothing/here");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body().at("/error/code").asText()).isEqualTo("route_not_found");
  }

  @Test
  void dispatch_answers405WithAllow_whenThePathExistsForOtherMethods() {
    ApiResponse r = f.call("PATCH", "/accounts/production/identities/example.com/dkim");
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.headers()).containsEntry("Allow", "GET, PUT");
    assertThat(r.body().at("/error/code").asText()).isEqualTo("method_not_allowed");
  }

  @Test
  void dispatch_decodesPathSegmentsExactlyOnce_keepingPlusAsPlus() {
    f.ses.suppress("a+b@example.com", "BOUNCE", Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(f.call("GET", "/accounts/production/suppressed/a+b@example.com").status())
        .isEqualTo(200);
    assertThat(f.call("GET", "/accounts/production/suppressed/a%2Bb%40example.com").status())
        .isEqualTo(200);
    // %2540 decodes once to a literal "%40": not an address, so 400 rather than a second decoding
    ApiResponse twice = f.call("GET", "/accounts/production/suppressed/a%2Bb%2540example.com");
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.body().at("/error/parameter").asText()).isEqualTo("email");
  }

  @Test
  void dispatch_rejectsTraversalAndMalformedEscapes_with400() {
    assertThat(f.call("GET", "/accounts/production/identities/..").status()).isEqualTo(400);
    assertThat(f.call("GET", "/accounts/production/identities/%2e%2e").status()).isEqualTo(400);
    assertThat(f.call("GET", "/accounts/production/identities/%zz").status()).isEqualTo(400);
    assertThat(f.call("GET", "/accounts/production/identities/%C3%28").status()).isEqualTo(400);
    assertThat(f.call("GET", "/accounts/production/identities/a%2Fb").status()).isEqualTo(400);
    assertThat(f.call("GET", "/accounts//quota").status()).isEqualTo(400);
  }

  @Test
  void dispatch_acceptsOneTrailingSlash() {
    assertThat(f.call("GET", "/accounts/").status()).isEqualTo(200);
  }

  @Test
  void routes_coverEveryHelperCommand() {
    assertThat(f.api.router().routes()).hasSize(27);
  }

  @Test
  void routes_includeConnectNotifications() {
    assertThat(f.api.router().routes())
        .extracting(r -> r.method() + " " + r.template())
        .contains("POST /accounts/{account}/identities/{identity}/notification-topic");
  }

  @Test
  void routes_includeTheDomainsDmarcReports() {
    assertThat(f.api.router().routes())
        .extracting(r -> r.method() + " " + r.template())
        .contains("GET /domains/{domain}/dmarc");
  }

  @Test
  void routes_includeProtectionsResumeAndActions() {
    assertThat(f.api.router().routes())
        .extracting(r -> r.method() + " " + r.template())
        .contains("POST /accounts/{account}/resume", "GET /accounts/{account}/actions");
  }
}
