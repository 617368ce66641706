package dev.sesops.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sesops.testing.SesV2Stubs;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Plain-HTTP endpoints (the emulator) are called without building TLS, with the client's timeouts;
 * the first HTTPS request builds the TLS client, once.
 */
class TlsOnDemandHttpClientIT {
  private WireMockServer server;
  private final AtomicInteger tlsBuilds = new AtomicInteger();
  private TlsOnDemandHttpClient http;

  @BeforeEach
  void setUp() {
    server = new WireMockServer(options().dynamicPort().dynamicHttpsPort());
    server.start();
    server.stubFor(SesV2Stubs.getAccount("us-east-1", "HEALTHY", true, true));
    http =
        new TlsOnDemandHttpClient(
            Duration.ofSeconds(2),
            Duration.ofMillis(500),
            () -> {
              tlsBuilds.incrementAndGet();
              // WireMock's certificate is self-signed: trust it here, the production client never
              // does
              return UrlConnectionHttpClient.builder()
                  .buildWithDefaults(
                      software.amazon.awssdk.utils.AttributeMap.builder()
                          .put(
                              software.amazon.awssdk.http.SdkHttpConfigurationOption
                                  .TRUST_ALL_CERTIFICATES,
                              true)
                          .build());
            });
  }

  @AfterEach
  void tearDown() {
    http.close();
    server.stop();
  }

  private SesV2Client client(String endpoint) {
    return SesV2Client.builder()
        .httpClient(http)
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(endpoint))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAEXAMPLE000000001", "secret")))
        .overrideConfiguration(
            o ->
                o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void plainHttpEndpoint_isCalledWithoutBuildingTls() {
    assertThat(client("http://127.0.0.1:" + server.port()).getAccount(b -> {}).enforcementStatus())
        .isEqualTo("HEALTHY");

    assertThat(tlsBuilds).hasValue(0);
    assertThat(http.tlsBuilt()).isFalse();
  }

  @Test
  void httpsEndpoint_buildsTheTlsClientOnce() {
    SesV2Client ses = client("https://localhost:" + server.httpsPort());

    assertThat(ses.getAccount(b -> {}).enforcementStatus()).isEqualTo("HEALTHY");
    assertThat(ses.getAccount(b -> {}).enforcementStatus()).isEqualTo("HEALTHY");
    assertThat(client("http://127.0.0.1:" + server.port()).getAccount(b -> {}).enforcementStatus())
        .isEqualTo("HEALTHY");

    assertThat(tlsBuilds).hasValue(1);
    assertThat(server.getAllServeEvents()).hasSize(3);
  }

  @Test
  void plainHttpEndpoint_slowerThanTheSocketTimeout_timesOut() {
    server.stubFor(
        SesV2Stubs.getAccount("us-east-1")
            .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

    assertThatThrownBy(() -> client("http://127.0.0.1:" + server.port()).getAccount(b -> {}))
        .hasRootCauseInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void clientWithoutHttpsUse_closesWithoutBuildingTls() {
    SdkHttpClient c =
        new TlsOnDemandHttpClient(
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            () -> {
              throw new AssertionError("TLS built on close");
            });

    c.close();
  }
}
