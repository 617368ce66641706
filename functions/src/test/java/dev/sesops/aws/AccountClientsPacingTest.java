package dev.sesops.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.config.AccountConfig;
import dev.sesops.config.CleanupPolicy;
import dev.sesops.config.Secret;
import dev.sesops.config.StaticKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

/**
 * The SDK clients' pacing keys are the names {@link Pacing} documents rates for: the real SES v1
 * and v2 clients over an in-memory HTTP client (no network), every attempt paced, retries included.
 */
class AccountClientsPacingTest {
  private static final String QUOTA =
      """
      <GetSendQuotaResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><GetSendQuotaResult>
      <SentLast24Hours>1.0</SentLast24Hours><Max24HourSend>200.0</Max24HourSend><MaxSendRate>1.0</MaxSendRate>
      </GetSendQuotaResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetSendQuotaResponse>""";

  /** Answers each request with the next canned (status, body); records what was asked. */
  private static final class CannedHttp implements SdkHttpClient {
    final List<String> requests = new ArrayList<>();
    private final List<Object[]> answers = new ArrayList<>();

    CannedHttp answer(int status, String body) {
      answers.add(new Object[] {status, body});
      return this;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          requests.add(request.httpRequest().encodedPath());
          Object[] a = answers.remove(0);
          byte[] body = ((String) a[1]).getBytes(StandardCharsets.UTF_8);
          return HttpExecuteResponse.builder()
              .response(
                  SdkHttpResponse.builder()
                      .statusCode((int) a[0])
                      .putHeader(
                          "Content-Type",
                          ((String) a[1]).startsWith("<") ? "text/xml" : "application/json")
                      .putHeader("Content-Length", String.valueOf(body.length))
                      .build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
              .build();
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public void close() {}
  }

  private static AccountConfig account() {
    return new AccountConfig(
        "pacing",
        "eu-west-1",
        null,
        null,
        null,
        new StaticKeys("AKIAPACING0000000001", new Secret("pacing-secret"), null),
        List.of(),
        List.of(),
        CleanupPolicy.defaults());
  }

  @Test
  void
      sesV1AndV2Calls_arePacedUnderTheirOwnOperationNames_andARetriedAttemptSpendsItsOperationsSlotAgain() {
    CannedHttp http =
        new CannedHttp()
            .answer(200, "{\"EnforcementStatus\":\"HEALTHY\",\"SendingEnabled\":true}")
            .answer(
                500,
                "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>x</Message></Error>"
                    + "<RequestId>r-0</RequestId></ErrorResponse>")
            .answer(200, QUOTA);
    try (AccountClients clients =
        new AccountClients(
            http,
            Region.US_EAST_1,
            AnonymousCredentialsProvider.create(),
            new Pacing(1000, 1000))) {
      AccountConfig a = account();

      clients.sesV2(a).getAccount(b -> {});
      double max = clients.ses(a).getSendQuota().max24HourSend();

      assertThat(max).isEqualTo(200.0);
      AccountPacer pacer = clients.pacer(a);
      assertThat(pacer.calls("SesV2.GetAccount")).isEqualTo(1);
      assertThat(pacer.calls("Ses.GetSendQuota")).isEqualTo(2);
      assertThat(pacer.calls()).isEqualTo(3);
      assertThat(http.requests).hasSize(3);
    }
  }

  @Test
  void theKeysOfTheDocumentedRates_areOperationsTheSdkNames() {
    // a typo in Pacing.DOCUMENTED would silently fall back to the default rate: check each against
    // the SDK's models
    for (String key : Pacing.DOCUMENTED.keySet()) {
      String service = key.substring(0, key.indexOf('.'));
      String operation = key.substring(key.indexOf('.') + 1);
      String model =
          switch (service) {
            case "Ses" -> "software.amazon.awssdk.services.ses.model." + operation + "Request";
            case "SesV2" -> "software.amazon.awssdk.services.sesv2.model." + operation + "Request";
            default -> throw new AssertionError("unknown service in " + key);
          };
      assertThat(exists(model)).as(key).isTrue();
    }
  }

  private static boolean exists(String className) {
    try {
      Class.forName(className, false, AccountClientsPacingTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
