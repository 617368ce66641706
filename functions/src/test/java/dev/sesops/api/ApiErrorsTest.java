package dev.sesops.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.common.BadInputException;
import dev.sesops.common.NotFoundException;
import dev.sesops.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class ApiErrorsTest {

  private static AwsServiceException aws(int status, String code) {
    return AwsServiceException.builder()
        .statusCode(status)
        .message("echo of secret wJalrXUtnFEMI and jane@example.com")
        .awsErrorDetails(
            AwsErrorDetails.builder().errorCode(code).errorMessage("echo jane@example.com").build())
        .build();
  }

  @Test
  void anAwsCallPastTheRequestsBudget_isA504UpstreamTimeout_withTheRequestId() {
    for (var e :
        List.of(
            software.amazon.awssdk.core.exception.ApiCallTimeoutException.create(24_000),
            software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException.create(10_000))) {
      ApiResponse r = ApiErrors.toResponse(e, "r-504");
      assertThat(r.status()).isEqualTo(504);
      assertThat(r.body().at("/error/code").asText()).isEqualTo("upstream_timeout");
      assertThat(r.body().at("/error/request_id").asText()).isEqualTo("r-504");
    }
  }

  @Test
  void throttling_is429WithRetryAfter() {
    ApiResponse r = ApiErrors.toResponse(aws(400, "Throttling"), "r1");
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.headers()).containsEntry("Retry-After", "1");
    assertThat(r.body().at("/error/code").asText()).isEqualTo("throttled");
  }

  @Test
  void sdkErrors_mapToStatuses_withoutEchoingTheServiceMessage() {
    assertThat(ApiErrors.toResponse(aws(403, "AccessDenied"), "r").status()).isEqualTo(403);
    assertThat(ApiErrors.toResponse(aws(404, "NotFoundException"), "r").status()).isEqualTo(404);
    assertThat(ApiErrors.toResponse(aws(400, "InvalidParameterValue"), "r").status())
        .isEqualTo(400);
    assertThat(ApiErrors.toResponse(aws(500, "InternalFailure"), "r").status()).isEqualTo(502);
    assertThat(
            ApiErrors.toResponse(
                    SdkClientException.create("connect refused to jane@example.com"), "r")
                .status())
        .isEqualTo(502);
    for (AwsServiceException e :
        List.of(aws(403, "AccessDenied"), aws(400, "InvalidParameterValue"), aws(500, "X"))) {
      String body = ApiErrors.toResponse(e, "r").body().toString();
      assertThat(body).doesNotContain("wJalr", "jane@example.com", "echo");
    }
  }

  @Test
  void unexpectedException_is500WithAGenericMessageAndTheRequestId() {
    ApiResponse r =
        ApiErrors.toResponse(new IllegalStateException("secret detail jane@example.com"), "req-42");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.body().at("/error/code").asText()).isEqualTo("internal_error");
    assertThat(r.body().at("/error/message").asText())
        .contains("req-42")
        .doesNotContain("secret", "jane");
    assertThat(r.body().at("/error/request_id").asText()).isEqualTo("req-42");
  }

  @Test
  void projectExceptions_mapTo400_404_500() {
    ApiResponse bad = ApiErrors.toResponse(new BadInputException("limit", "too big"), "r");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().at("/error/parameter").asText()).isEqualTo("limit");
    assertThat(ApiErrors.toResponse(new NotFoundException("unknown account 'x'"), "r").status())
        .isEqualTo(404);
    ApiResponse cfg =
        ApiErrors.toResponse(new ConfigException(List.of("accounts.x.region: missing")), "r");
    assertThat(cfg.status()).isEqualTo(500);
    assertThat(cfg.body().at("/error/code").asText()).isEqualTo("config_invalid");
    assertThat(cfg.body().at("/error/message").asText()).doesNotContain("accounts.x");
  }

  @Test
  void apiException_keepsItsStatusCodeAndHeaders() {
    ApiResponse r =
        ApiErrors.toResponse(
            new ApiException(405, "method_not_allowed", "no", java.util.Map.of("Allow", "GET")),
            "r");
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.headers()).containsEntry("Allow", "GET");
  }
}
