package dev.sesops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A table of bad inputs, each with the status, code and parameter it must get. */
class ValidationTest {

  static Stream<Arguments> badInputs() {
    String a = "/accounts/production";
    return Stream.of(
        Arguments.of(
            "GET", "/accounts/no_such-account/quota", Map.of(), null, 404, "not_found", null),
        Arguments.of(
            "GET", "/accounts/bad%20name/quota", Map.of(), null, 400, "bad_request", "account"),
        Arguments.of(
            "GET",
            "/accounts/" + "x".repeat(65) + "/quota",
            Map.of(),
            null,
            400,
            "bad_request",
            "account"),
        Arguments.of(
            "GET", a + "/quota", Map.of("verbose", "1"), null, 400, "bad_request", "verbose"),
        Arguments.of(
            "GET", a + "/identities", Map.of("type", "phone"), null, 400, "bad_request", "type"),
        Arguments.of(
            "GET", a + "/identities", Map.of("limit", "0"), null, 400, "bad_request", "limit"),
        Arguments.of(
            "GET", a + "/identities", Map.of("limit", "101"), null, 400, "bad_request", "limit"),
        Arguments.of(
            "GET", a + "/identities", Map.of("limit", "ten"), null, 400, "bad_request", "limit"),
        Arguments.of(
            "GET", a + "/identities", Map.of("next", "!!!"), null, 400, "bad_request", "next"),
        Arguments.of(
            "GET", a + "/identities/not_a_domain", Map.of(), null, 400, "bad_request", "identity"),
        Arguments.of(
            "GET", a + "/identities/a@@b.com", Map.of(), null, 400, "bad_request", "identity"),
        Arguments.of(
            "GET", a + "/suppressed", Map.of("reason", "spam"), null, 400, "bad_request", "reason"),
        Arguments.of(
            "GET",
            a + "/suppressed",
            Map.of("from", "yesterday"),
            null,
            400,
            "bad_request",
            "from"),
        Arguments.of(
            "GET",
            a + "/suppressed",
            Map.of("from", "2024-05-02", "to", "2024-05-01"),
            null,
            400,
            "bad_request",
            "from"),
        Arguments.of(
            "GET", a + "/suppressed", Map.of("limit", "1001"), null, 400, "bad_request", "limit"),
        Arguments.of(
            "GET", a + "/suppressed", Map.of("reveal", "yes"), null, 400, "bad_request", "reveal"),
        Arguments.of(
            "GET",
            a + "/suppressed/" + "x".repeat(250) + "@example.com",
            Map.of(),
            null,
            400,
            "bad_request",
            "email"),
        Arguments.of(
            "GET", a + "/suppressed/no-at-sign", Map.of(), null, 400, "bad_request", "email"),
        Arguments.of(
            "DELETE", a + "/suppressed/a@-bad-.com", Map.of(), null, 400, "bad_request", "email"),
        Arguments.of(
            "POST", a + "/monitor", Map.of("notify", "maybe"), null, 400, "bad_request", "notify"),
        Arguments.of(
            "POST",
            a + "/suppression-cleanup",
            Map.of("dry_run", "1"),
            null,
            400,
            "bad_request",
            "dry_run"),
        Arguments.of("POST", a + "/identities", Map.of(), null, 400, "bad_request", "body"),
        Arguments.of(
            "POST", a + "/identities", Map.of(), "{\"email\":", 400, "bad_request", "body"),
        Arguments.of("POST", a + "/identities", Map.of(), "[1,2]", 400, "bad_request", "body"),
        Arguments.of("POST", a + "/identities", Map.of(), "{}", 400, "bad_request", "body"),
        Arguments.of(
            "POST",
            a + "/identities",
            Map.of(),
            "{\"email\":\"a@b.com\",\"domain\":\"b.com\"}",
            400,
            "bad_request",
            "body"),
        Arguments.of(
            "POST",
            a + "/identities",
            Map.of(),
            "{\"email\":42}",
            400,
            "bad_request",
            "body.email"),
        Arguments.of(
            "POST",
            a + "/identities",
            Map.of(),
            "{\"email\":\"not an address\"}",
            400,
            "bad_request",
            "body.email"),
        Arguments.of(
            "POST",
            a + "/identities",
            Map.of(),
            "{\"domain\":\"-x-.com\"}",
            400,
            "bad_request",
            "body.domain"),
        Arguments.of(
            "PUT",
            a + "/identities/example.com/dkim",
            Map.of(),
            "{\"enabled\":\"yes\"}",
            400,
            "bad_request",
            "body.enabled"),
        Arguments.of(
            "PUT",
            a + "/identities/example.com/dkim",
            Map.of(),
            "{}",
            400,
            "bad_request",
            "body.enabled"),
        Arguments.of(
            "POST",
            a + "/test-emails",
            Map.of(),
            "{\"to\":\"success@simulator.amazonses.com\"}",
            400,
            "bad_request",
            "body.from"),
        Arguments.of(
            "POST",
            a + "/test-emails",
            Map.of(),
            "{\"from\":\"noreply@example.com\",\"to\":\"success@simulator.amazonses.com\",\"subject\":\"a\\r\\nBcc: x@y.com\"}",
            400,
            "bad_request",
            "body.subject"),
        Arguments.of(
            "POST",
            a + "/test-emails",
            Map.of(),
            "{\"from\":\"noreply@example.com\",\"to\":\"stranger@example.org\"}",
            403,
            "forbidden",
            null),
        Arguments.of(
            "GET",
            a + "/debug/someone@example.com",
            Map.of("from", "nobody"),
            null,
            400,
            "bad_request",
            "from"),
        Arguments.of(
            "POST",
            a + "/identities",
            Map.of(),
            "{\"email\":\"" + "x".repeat(70_000) + "\"}",
            413,
            "payload_too_large",
            null),
        Arguments.of("DELETE", a + "/quota", Map.of(), null, 405, "method_not_allowed", null));
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {4} {5}")
  @MethodSource("badInputs")
  void badInput_getsItsStatusCodeAndParameter(
      String method,
      String path,
      Map<String, String> query,
      String body,
      int status,
      String code,
      String parameter) {
    ApiFixture f = new ApiFixture();
    f.ses.identities.put("example.com", "Success");
    ApiResponse r = f.call(method, path, query, body);
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.body().at("/error/code").asText()).isEqualTo(code);
    assertThat(r.body().at("/error/request_id").asText()).isEqualTo("req-1");
    assertThat(r.body().at("/error/message").asText()).isNotBlank();
    if (parameter != null) {
      assertThat(r.body().at("/error/parameter").asText()).isEqualTo(parameter);
    }
    assertThat(f.ses.sent).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"bücher.example", "xn--bcher-kva.example"})
  void identity_acceptsIdnDomains_asAscii(String domain) {
    ApiFixture f = new ApiFixture();
    ApiResponse r =
        f.call(
            "POST", "/accounts/production/identities", Map.of(), "{\"domain\":\"" + domain + "\"}");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.body().path("identity").asText()).isEqualTo("xn--bcher-kva.example");
  }
}
