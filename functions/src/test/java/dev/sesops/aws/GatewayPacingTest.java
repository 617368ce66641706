package dev.sesops.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.config.AccountConfig;
import dev.sesops.config.CleanupPolicy;
import dev.sesops.config.Secret;
import dev.sesops.config.StaticKeys;
import dev.sesops.ses.Page;
import dev.sesops.ses.SesGateway;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
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
 * Calls through the account's {@link SesGateway} go over the clients {@link AccountClients} builds,
 * so each is paced under its own operation (the real SDK clients over an in-memory HTTP client, no
 * network).
 */
class GatewayPacingTest {
  /** Answers each request with the next canned JSON body. */
  private static final class CannedJson implements SdkHttpClient {
    private final Deque<String> answers = new ArrayDeque<>();

    CannedJson answer(String body) {
      answers.add(body);
      return this;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          byte[] body = answers.remove().getBytes(StandardCharsets.UTF_8);
          return HttpExecuteResponse.builder()
              .response(
                  SdkHttpResponse.builder()
                      .statusCode(200)
                      .putHeader("Content-Type", "application/json")
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

  @Test
  void gatewayCalls_arePacedPerOperation_overTheAccountsClients() {
    CannedJson http =
        new CannedJson()
            .answer("{\"EnforcementStatus\":\"HEALTHY\",\"SendingEnabled\":true}")
            .answer("{\"ConfigurationSets\":[\"a\"],\"NextToken\":\"t\"}")
            .answer("{\"ConfigurationSets\":[\"b\"]}")
            .answer("{\"DedicatedIps\":[{\"Ip\":\"192.0.2.1\",\"WarmupStatus\":\"DONE\"}]}");
    AccountConfig a =
        new AccountConfig(
            "gateway",
            "eu-west-1",
            null,
            null,
            null,
            new StaticKeys("AKIAGATEWAY000000001", new Secret("gateway-secret"), null),
            List.of(),
            List.of(),
            CleanupPolicy.defaults());
    try (AccountClients clients =
        new AccountClients(
            http,
            Region.US_EAST_1,
            AnonymousCredentialsProvider.create(),
            new Pacing(1000, 1000))) {
      SesGateway ses = SesGateway.of(clients, a);

      assertThat(ses.account().sending()).isTrue();
      assertThat(Page.all(token -> ses.configurationSets(token, 100))).containsExactly("a", "b");
      assertThat(Page.all(token -> ses.dedicatedIps(token, 1000))).hasSize(1);

      AccountPacer pacer = clients.pacer(a);
      assertThat(pacer.calls("SesV2.GetAccount")).isEqualTo(1);
      assertThat(pacer.calls("SesV2.ListConfigurationSets")).isEqualTo(2);
      assertThat(pacer.calls("SesV2.GetDedicatedIps")).isEqualTo(1);
      assertThat(pacer.calls()).isEqualTo(4);
    }
  }
}
