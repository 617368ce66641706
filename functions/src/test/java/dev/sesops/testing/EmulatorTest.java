package dev.sesops.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Checks, without network, that the SDK really reads the endpoint properties {@link Emulator} sets.
 */
class EmulatorTest {

  private static final URI GLOBAL = URI.create("http://127.0.0.1:6999");

  /**
   * A client built with default settings (no endpoint, region or keys) for every service in {@link
   * Emulator#SERVICES}.
   */
  private static final Map<String, Supplier<SdkClient>> DEFAULT_CLIENTS =
      Map.of(
          "SesV2", () -> SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build(),
          "Ses", () -> SesClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
          "CloudWatch",
              () -> CloudWatchClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
          "Sns", () -> SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
          "Sqs", () -> SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
          "DynamoDb",
              () -> DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
          "S3", () -> S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build(),
          "Sts", () -> StsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
          "SecretsManager",
              () ->
                  SecretsManagerClient.builder()
                      .httpClient(UrlConnectionHttpClient.create())
                      .build());

  @AfterEach
  void restoreSdkProperties() {
    Emulator.clearSdkProperties();
  }

  @Test
  void pointSdkAt_givesEveryDefaultClientTheGlobalEndpoint() {
    Emulator.pointSdkAt(GLOBAL);

    assertThat(DEFAULT_CLIENTS.keySet()).containsExactlyInAnyOrderElementsOf(Emulator.SERVICES);
    DEFAULT_CLIENTS.forEach(
        (service, client) -> assertThat(endpointOf(client)).as(service).isEqualTo(GLOBAL));
  }

  @Test
  void pointServiceAt_overridesTheGlobalEndpoint_forThatServiceOnly() {
    Emulator.pointSdkAt(GLOBAL);
    int port = 7000;
    for (String service : Emulator.SERVICES) {
      Emulator.pointServiceAt(service, URI.create("http://127.0.0.1:" + port++));
    }

    port = 7000;
    for (String service : Emulator.SERVICES) {
      assertThat(endpointOf(DEFAULT_CLIENTS.get(service)))
          .as(service)
          .isEqualTo(URI.create("http://127.0.0.1:" + port++));
    }
  }

  @Test
  void clearSdkProperties_restoresWhatWasThereBefore() {
    System.setProperty("aws.region", "eu-west-1");
    System.clearProperty("aws.endpointUrlSesV2");
    try {
      Emulator.pointSdkAt(GLOBAL);
      Emulator.pointServiceAt("SesV2", URI.create("http://127.0.0.1:7001"));

      Emulator.clearSdkProperties();

      assertThat(System.getProperty("aws.region")).isEqualTo("eu-west-1");
      assertThat(System.getProperty("aws.endpointUrlSesV2")).isNull();
      assertThat(System.getProperty("aws.endpointUrl")).isNull();
    } finally {
      System.clearProperty("aws.region");
    }
  }

  @Test
  void pointServiceAt_rejectsANameTheSdkDoesNotRead() {
    assertThatThrownBy(() -> Emulator.pointServiceAt("SESv2", GLOBAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SesV2");
  }

  private static URI endpointOf(Supplier<SdkClient> factory) {
    try (SdkClient client = factory.get()) {
      return client.serviceClientConfiguration().endpointOverride().orElse(null);
    }
  }
}
