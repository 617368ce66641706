package dev.sesops.local;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sesops.common.Json;
import dev.sesops.testing.CloudWatchStubs;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.Sdk;
import dev.sesops.testing.SesV2Stubs;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The built jar ({@code target/functions.jar}, shrunk by ProGuard unless -Dsesops.shrink.skip) runs
 * a monitor invocation end to end as a process: config file, SES v1, DynamoDB and SNS on moto, SES
 * v2 and CloudWatch on WireMock. A code path whose SDK classes ProGuard dropped fails here, not in
 * Lambda.
 */
class FunctionsJarIT {
  private WireMockServer wiremock;
  private Path config;
  private String table;
  private String topicArn;
  private String bucket;

  @BeforeEach
  void setUp() throws Exception {
    URI moto = Emulator.moto();
    wiremock = new WireMockServer(options().dynamicPort());
    wiremock.start();
    wiremock.stubFor(SesV2Stubs.getAccount("us-east-1", "HEALTHY", true, true));
    wiremock.stubFor(SesV2Stubs.noTenants());
    wiremock.stubFor(SesV2Stubs.noConfigurationSets());
    Instant t = Instant.now().minusSeconds(600);
    wiremock.stubFor(
        CloudWatchStubs.metricData(
            "us-east-1",
            new CloudWatchStubs.Point(0.004, t),
            new CloudWatchStubs.Point(0.0001, t)));
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Emulator.pointSdkAt(moto);
    try (var dynamo = Sdk.dynamoDb();
        var sns = Sdk.sns()) {
      table = "ses-ops-jar-it-" + suffix;
      dynamo.createTable(
          r ->
              r.tableName(table)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      AttributeDefinition.builder()
                          .attributeName("pk")
                          .attributeType(ScalarAttributeType.S)
                          .build(),
                      AttributeDefinition.builder()
                          .attributeName("sk")
                          .attributeType(ScalarAttributeType.S)
                          .build())
                  .keySchema(
                      KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                      KeySchemaElement.builder()
                          .attributeName("sk")
                          .keyType(KeyType.RANGE)
                          .build()));
      topicArn = sns.createTopic(r -> r.name("ses-ops-jar-it-" + suffix)).topicArn();
    }
    try (var s3 = Sdk.s3()) {
      bucket = "ses-ops-jar-it-" + suffix;
      s3.createBucket(r -> r.bucket(bucket));
    } finally {
      Emulator.clearSdkProperties();
    }
    config = Files.createTempFile("ses-ops-jar-it", ".json");
    Files.writeString(
        config,
        """
        {"accounts": {"production": {"region": "us-east-1",
           "aws_access_key_id": "AKIAJARIT00000000001", "aws_secret_access_key": "jar-it-secret"}}}""");
  }

  @AfterEach
  void tearDown() throws Exception {
    wiremock.stop();
    Files.deleteIfExists(config);
  }

  /**
   * {@code java -jar target/functions.jar invoke FUNCTION EVENT} as a process: exit code, stdout,
   * stderr.
   */
  private record Run(int exit, String out, String err) {}

  private Run invoke(String function, Path event) throws Exception {
    Path jar = Path.of("target", "functions.jar");
    assertThat(jar).as("mvn verify builds the jar before the ITs").exists();
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar.toString(),
            "invoke",
            function,
            event.toString());
    var env = pb.environment();
    env.remove("SES_OPS_SECRET_ID");
    env.put("SES_OPS_CONFIG_FILE", config.toString());
    env.put("SES_OPS_STATE_TABLE", table);
    env.put("SES_OPS_ALERT_TOPIC_ARN", topicArn);
    env.put("SES_OPS_REPORT_BUCKET", bucket);
    env.put("SES_OPS_CDS", "off");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_ENDPOINT_URL", Emulator.moto().toString());
    env.put("AWS_ENDPOINT_URL_SESV2", wiremock.baseUrl());
    env.put("AWS_ENDPOINT_URL_CLOUDWATCH", wiremock.baseUrl());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    var errText =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, errText.get());
  }

  private static void assertNoLinkageError(Run r) {
    assertThat(r.err())
        .doesNotContain("jar-it-secret")
        .doesNotContain("NoSuchMethodError")
        .doesNotContain("NoSuchFieldError")
        .doesNotContain("ClassNotFoundException")
        .doesNotContain("NoClassDefFoundError");
  }

  @Test
  void invokeMonitor_withTheBuiltJar_checksTheAccount_overHttp() throws Exception {
    Run r = invoke("monitor", Path.of("..", "events", "monitor", "scheduled.json"));

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode report = Json.read(r.out());
    assertThat(report.path("accounts")).hasSize(1);
    JsonNode account = report.path("accounts").get(0);
    assertThat(account.path("account").asText()).isEqualTo("production");
    assertThat(account.path("errors")).as(account.toString()).isEmpty();
    assertThat(account.path("signals").findValuesAsText("check"))
        .contains("enforcement_status", "quota", "bounce_rate");
    assertNoLinkageError(r);
  }

  @Test
  void invokeApiAndEvents_withTheBuiltJar_answerInTheEventsLibrarysShapes() throws Exception {
    // the typed handlers (issue 23): an APIGatewayProxyResponseEvent and an SQSBatchResponse
    Run api = invoke("api", Path.of("..", "events", "api", "accounts.json"));
    assertThat(api.exit()).as(api.err()).isZero();
    JsonNode response = Json.read(api.out());
    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(response.path("isBase64Encoded").asBoolean(true)).isFalse();
    assertThat(Json.read(response.path("body").asText()).toString()).contains("production");
    assertNoLinkageError(api);

    Run events = invoke("events", Path.of("..", "events", "events", "malformed-mixed.json"));
    assertThat(events.exit()).as(events.err()).isZero();
    assertThat(Json.read(events.out()).path("batchItemFailures").isArray()).isTrue();
    assertNoLinkageError(events);
  }

  @Test
  void invokeAudit_withTheBuiltJar_auditsTheAccount_andKeepsTheReport() throws Exception {
    Run r = invoke("audit", Path.of("..", "events", "audit", "scheduled.json"));

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode result = Json.read(r.out());
    assertThat(result.toString()).as(r.out()).contains("production");
    assertNoLinkageError(r);
    Emulator.pointSdkAt(Emulator.moto());
    try (var s3 = Sdk.s3()) {
      assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents())
          .as("the report kept in S3")
          .isNotEmpty();
    } finally {
      Emulator.clearSdkProperties();
    }
  }

  @Test
  void invokeCleanup_withTheBuiltJar_dryRun_readsTheSuppressionList() throws Exception {
    wiremock.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                    "/v2/email/suppression/addresses"))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson(
                    "{\"SuppressedDestinationSummaries\": []}")));

    Run r = invoke("cleanup", Path.of("..", "events", "suppression-cleanup", "scheduled.json"));

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode report = Json.read(r.out());
    assertThat(report.toString()).as(r.out()).contains("production");
    assertThat(
            wiremock.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        "/v2/email/suppression/addresses"))))
        .isNotEmpty();
    assertNoLinkageError(r);
  }
}
