package dev.sesops.monitor;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import dev.sesops.common.Settings;
import dev.sesops.core.Level;
import dev.sesops.core.Signal;
import dev.sesops.core.SourceError;
import dev.sesops.testing.CloudWatchStubs;
import dev.sesops.testing.CloudWatchStubs.Point;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.Sdk;
import dev.sesops.testing.SesV2Stubs;
import dev.sesops.wiring.MonitorFunction;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole monitor over HTTP: config from a Secrets Manager secret, SES v1 and SNS, SQS, DynamoDB
 * on moto; SES v2 GetAccount and CloudWatch GetMetricData (RPC v2 CBOR) on WireMock.
 */
class MonitorIT {
  private static final String CONFIG =
      """
      {"accounts": {
         "healthy":   {"region": "us-east-1", "aws_access_key_id": "AKIAHEALTHY000000001", "aws_secret_access_key": "healthy-secret-key"},
         "breaching": {"region": "eu-west-1", "aws_access_key_id": "AKIABREACHING0000001", "aws_secret_access_key": "breaching-secret-key"}},
       "monitoring": {"bounce_threshold": 5.0, "complaint_threshold": 0.1}}""";

  private WireMockServer wiremock;
  private URI moto;
  private String suffix;
  private String queueUrl;
  private Settings settings;
  private AccountClients clients;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void setUp() {
    moto = Emulator.moto();
    wiremock = new WireMockServer(options().dynamicPort());
    wiremock.start();
    Emulator.pointSdkAt(moto);
    Emulator.pointServiceAt("SesV2", URI.create(wiremock.baseUrl()));
    Emulator.pointServiceAt("CloudWatch", URI.create(wiremock.baseUrl()));
    wiremock.stubFor(SesV2Stubs.noTenants());
    wiremock.stubFor(SesV2Stubs.noConfigurationSets());
    suffix = UUID.randomUUID().toString().substring(0, 8);

    SecretsManagerClient sm = track(Sdk.secretsManager());
    String secretId = "ses-ops-config-" + suffix;
    sm.createSecret(r -> r.name(secretId).secretString(CONFIG));

    SnsClient sns = track(Sdk.sns());
    SqsClient sqs = track(Sdk.sqs());
    String topicArn = sns.createTopic(r -> r.name("ses-ops-alerts-" + suffix)).topicArn();
    queueUrl = sqs.createQueue(r -> r.queueName("ses-ops-alerts-" + suffix)).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));

    DynamoDbClient dynamo = track(Sdk.dynamoDb());
    String table = "ses-ops-state-" + suffix;
    Sdk.createStateTable(dynamo, table);

    settings =
        Settings.fromEnv(
            Map.of(
                "SES_OPS_SECRET_ID", secretId,
                "SES_OPS_ALERT_TOPIC_ARN", topicArn,
                "SES_OPS_STATE_TABLE", table,
                "AWS_REGION", "us-east-1"));
    clients = new AccountClients("us-east-1");
  }

  @AfterEach
  void tearDown() throws Exception {
    Emulator.clearSdkProperties(); // first: a failing close below must not leak the endpoints
    clients.close();
    for (AutoCloseable c : closeables) {
      c.close();
    }
    wiremock.stop();
  }

  private <T extends AutoCloseable> T track(T c) {
    closeables.add(c);
    return c;
  }

  private Monitor monitor() {
    return MonitorFunction.monitor(settings, clients, Clock.systemUTC());
  }

  private MonitorReport run() {
    return monitor().run(null, true, Deadline.none(Clock.systemUTC()), "it-" + suffix);
  }

  private void reputation(String region, double bounce, double complaint) {
    Instant t = Instant.now().minusSeconds(600);
    wiremock.stubFor(
        CloudWatchStubs.metricData(region, new Point(bounce, t), new Point(complaint, t)));
  }

  private List<JsonNode> alertsOnQueue() {
    SqsClient sqs = track(Sdk.sqs());
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<Message> msgs =
          sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages();
      for (Message m : msgs) {
        out.add(Json.read(m.body()));
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
      if (msgs.isEmpty()) {
        break;
      }
    }
    return out;
  }

  private static AccountReport account(MonitorReport r, String name) {
    return r.accounts().stream().filter(a -> a.account().equals(name)).findFirst().orElseThrow();
  }

  private static Signal signal(AccountReport a, String check) {
    return a.signals().stream().filter(s -> s.check().equals(check)).findFirst().orElseThrow();
  }

  @Test
  void monitor_alertsOnceForABreach_notAgainOnTheSecondRun_andOnRecovery() {
    // given: real sends through SES v1 so send statistics and quota have data
    SesClient ses = track(Sdk.ses());
    ses.verifyEmailIdentity(r -> r.emailAddress("noreply@example.com"));
    for (int i = 0; i < 3; i++) {
      ses.sendEmail(
          r ->
              r.source("noreply@example.com")
                  .destination(d -> d.toAddresses("success@simulator.amazonses.com"))
                  .message(
                      m -> m.subject(s -> s.data("hello")).body(b -> b.text(t -> t.data("test")))));
    }
    wiremock.stubFor(SesV2Stubs.getAccount("us-east-1", "HEALTHY", true, true));
    wiremock.stubFor(SesV2Stubs.getAccount("eu-west-1", "HEALTHY", true, true));
    reputation("us-east-1", 0.004, 0.0001);
    reputation("eu-west-1", 0.072, 0.0002);

    // when
    MonitorReport first = run();

    // then
    assertThat(account(first, "healthy").level()).isEqualTo(Level.OK);
    AccountReport breaching = account(first, "breaching");
    assertThat(breaching.level()).isEqualTo(Level.CRITICAL);
    assertThat(signal(breaching, "bounce_rate").display()).isEqualTo("7.20%");
    assertThat(signal(account(first, "healthy"), "quota").value())
        .asString()
        .contains("sent_last_24_hours");
    assertThat(signal(account(first, "healthy"), "send_statistics").level())
        .isEqualTo(Level.UNKNOWN); // below the floor
    List<JsonNode> alerts = alertsOnQueue();
    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.path("Subject").asText())
                  .isEqualTo("[CRITICAL] breaching: bounce rate 7.20% >= 5.00%");
              assertThat(a.path("MessageAttributes").path("account").path("Value").asText())
                  .isEqualTo("breaching");
              assertThat(a.path("MessageAttributes").path("severity").path("Value").asText())
                  .isEqualTo("CRITICAL");
              assertThat(a.path("MessageAttributes").path("check").path("Value").asText())
                  .isEqualTo("bounce_rate");
              assertThat(a.path("Message").asText())
                  .contains("What to do next")
                  .doesNotContain("breaching-secret-key");
            });

    // second run: same levels, nothing new
    MonitorReport second = run();
    assertThat(second.summary().get("alerts_sent")).isZero();
    assertThat(alertsOnQueue()).isEmpty();

    // the metric falls: one recovery notice
    wiremock.resetMappings();
    wiremock.stubFor(SesV2Stubs.noTenants());
    wiremock.stubFor(SesV2Stubs.noConfigurationSets());
    wiremock.stubFor(SesV2Stubs.getAccount("us-east-1", "HEALTHY", true, true));
    wiremock.stubFor(SesV2Stubs.getAccount("eu-west-1", "HEALTHY", true, true));
    reputation("us-east-1", 0.004, 0.0001);
    reputation("eu-west-1", 0.01, 0.0002);
    MonitorReport third = run();
    assertThat(account(third, "breaching").level()).isEqualTo(Level.OK);
    assertThat(alertsOnQueue())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.path("Subject").asText())
                    .isEqualTo("[OK] breaching: bounce rate recovered, 1.00%"));
  }

  @Test
  void enforcementStatus_mapsHealthyProbationShutdownAndUnknown() {
    reputation("us-east-1", 0.0, 0.0);
    reputation("eu-west-1", 0.0, 0.0);
    for (String[] c :
        new String[][] {
          {"HEALTHY", "OK"},
          {"PROBATION", "CRITICAL"},
          {"SHUTDOWN", "CRITICAL"},
          {"UNDER_REVIEW_2027", "UNKNOWN"}
        }) {
      wiremock.stubFor(SesV2Stubs.getAccount("eu-west-1", c[0], true, true));
      wiremock.stubFor(SesV2Stubs.getAccount("us-east-1", "HEALTHY", true, true));
      MonitorReport r =
          monitor().run(List.of("breaching"), false, Deadline.none(Clock.systemUTC()), null);
      assertThat(signal(account(r, "breaching"), "enforcement_status").level())
          .as(c[0])
          .isEqualTo(Level.valueOf(c[1]));
    }
  }

  @Test
  void throttledGetAccount_isRetried_andSucceeds() {
    reputation("eu-west-1", 0.0, 0.0);
    wiremock.stubFor(
        SesV2Stubs.getAccount("eu-west-1")
            .inScenario("throttle")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(SesV2Stubs.error(429, "TooManyRequestsException"))
            .willSetStateTo("ok"));
    wiremock.stubFor(
        SesV2Stubs.getAccount("eu-west-1")
            .inScenario("throttle")
            .whenScenarioStateIs("ok")
            .willReturn(SesV2Stubs.account("HEALTHY", true, true)));

    MonitorReport r =
        monitor().run(List.of("breaching"), false, Deadline.none(Clock.systemUTC()), null);

    assertThat(account(r, "breaching").errors()).isEmpty();
    assertThat(signal(account(r, "breaching"), "enforcement_status").level()).isEqualTo(Level.OK);
    wiremock.verify(2, getRequestedFor(urlEqualTo(SesV2Stubs.ACCOUNT_PATH)));
  }

  @Test
  void
      persistent500ForOneAccount_isReported_whileTheOtherReportsNormally_andRaisesMonitoringAlert() {
    reputation("us-east-1", 0.001, 0.0);
    reputation("eu-west-1", 0.001, 0.0);
    wiremock.stubFor(SesV2Stubs.getAccount("us-east-1", "HEALTHY", true, true));
    wiremock.stubFor(
        SesV2Stubs.getAccount("eu-west-1").willReturn(SesV2Stubs.error(500, "InternalFailure")));

    MonitorReport r = run();

    assertThat(account(r, "healthy").level()).isEqualTo(Level.OK);
    AccountReport broken = account(r, "breaching");
    assertThat(broken.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("sesv2:GetAccount");
              assertThat(e.kind()).isEqualTo("SERVER_ERROR");
            });
    assertThat(signal(broken, "enforcement_status").level()).isEqualTo(Level.UNKNOWN);
    assertThat(signal(broken, "bounce_rate").level())
        .isEqualTo(Level.OK); // the other sources still report
    assertThat(signal(broken, "monitoring").level()).isEqualTo(Level.WARNING);
    assertThat(alertsOnQueue())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.path("Subject").asText())
                    .startsWith("[WARNING] breaching: monitoring could not read sesv2:GetAccount"));
  }

  @Test
  void hangingSesEndpointForOneAccount_becomesABlindSpotAlertWithinTheRun_whileTheOtherFinishes() {
    reputation("us-east-1", 0.001, 0.0);
    reputation("eu-west-1", 0.001, 0.0);
    wiremock.stubFor(SesV2Stubs.getAccount("us-east-1", "HEALTHY", true, true));
    wiremock.stubFor(
        SesV2Stubs.getAccount("eu-west-1")
            .willReturn(SesV2Stubs.account("HEALTHY", true, true).withFixedDelay(30_000)));
    long start = System.nanoTime();

    // a 9 s run: the slow account's reads end 3 s before it (Monitor.REPORT_MARGIN), then it is
    // alerted on
    MonitorReport r =
        monitor()
            .run(
                null,
                true,
                Deadline.after(Clock.systemUTC(), 9_000, Duration.ZERO),
                "it-" + suffix);

    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(ms).isLessThan(9_000L);
    assertThat(r.notReached()).isEmpty();
    assertThat(account(r, "healthy").level()).isEqualTo(Level.OK);
    AccountReport slow = account(r, "breaching");
    assertThat(slow.errors()).extracting(SourceError::source).contains("sesv2:GetAccount");
    assertThat(slow.errors()).extracting(SourceError::kind).containsOnly("TIMEOUT");
    assertThat(signal(slow, "enforcement_status").level()).isEqualTo(Level.UNKNOWN);
    assertThat(signal(slow, "monitoring").level()).isIn(Level.WARNING, Level.CRITICAL);
    assertThat(alertsOnQueue())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.path("Subject").asText())
                    .contains("breaching: monitoring could not read sesv2:GetAccount (TIMEOUT)"));
  }

  @Test
  void
      alertStateTableGone_everyAccountIsCheckedAndAlertedWithoutDedupe_andOnceBackNoAlertIsLostAndRepeatsStop() {
    wiremock.stubFor(SesV2Stubs.getAccount("us-east-1", "HEALTHY", true, true));
    wiremock.stubFor(SesV2Stubs.getAccount("eu-west-1", "HEALTHY", true, true));
    reputation("us-east-1", 0.004, 0.0001);
    reputation("eu-west-1", 0.072, 0.0002);
    DynamoDbClient dynamo = track(Sdk.dynamoDb());
    dynamo.deleteTable(r -> r.tableName(settings.stateTable()));

    MonitorReport outage = run();

    assertThat(outage.accounts()).hasSize(2);
    assertThat(outage.summary().get("dedupe_off")).isEqualTo(2);
    assertThat(signal(account(outage, "healthy"), "monitoring").display())
        .contains("alert dedupe off: alert state not read");
    assertThat(account(outage, "breaching").level()).isEqualTo(Level.CRITICAL);
    assertThat(alertsOnQueue())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.path("Subject").asText())
                  .isEqualTo("[CRITICAL] breaching: bounce rate 7.20% >= 5.00% (without dedupe)");
              assertThat(a.path("Message").asText())
                  .startsWith("Sent without dedupe: alert state not read");
            });

    // the table is back (empty, as after a restore from nothing): the alert is told once more, then
    // not again
    Sdk.createStateTable(dynamo, settings.stateTable());
    MonitorReport back = run();
    assertThat(back.summary().get("dedupe_off")).isZero();
    assertThat(alertsOnQueue())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.path("Subject").asText())
                    .isEqualTo("[CRITICAL] breaching: bounce rate 7.20% >= 5.00%"));
    assertThat(run().summary().get("alerts_sent")).isZero();
    assertThat(alertsOnQueue()).isEmpty();
  }

  @Test
  void snsUnreachable_nothingIsRecordedAsTold_andTheNextRunTellsIt() {
    wiremock.stubFor(SesV2Stubs.getAccount("us-east-1", "HEALTHY", true, true));
    wiremock.stubFor(SesV2Stubs.getAccount("eu-west-1", "HEALTHY", true, true));
    reputation("us-east-1", 0.004, 0.0001);
    reputation("eu-west-1", 0.072, 0.0002);
    // a port nothing listens on: connection refused
    Emulator.pointServiceAt("Sns", URI.create("http://127.0.0.1:" + freePort()));

    MonitorReport down = run();

    assertThat(down.accounts()).hasSize(2);
    assertThat(down.summary().get("alert_failures")).isEqualTo(1);
    assertThat(alertsOnQueue()).isEmpty();

    // SNS back (fresh clients, as a new container would have): the alert goes out now
    Emulator.pointServiceAt("Sns", moto);
    clients.close();
    clients = new AccountClients("us-east-1");
    MonitorReport back = run();
    assertThat(back.summary().get("alert_failures")).isZero();
    assertThat(alertsOnQueue())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.path("Subject").asText())
                    .isEqualTo("[CRITICAL] breaching: bounce rate 7.20% >= 5.00%"));
  }

  private static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void accessDeniedOnOneSignalOnly_leavesTheOthers() {
    reputation("eu-west-1", 0.001, 0.0);
    wiremock.stubFor(
        SesV2Stubs.getAccount("eu-west-1")
            .willReturn(SesV2Stubs.error(403, "AccessDeniedException")));

    MonitorReport r =
        monitor().run(List.of("breaching"), false, Deadline.none(Clock.systemUTC()), null);

    AccountReport a = account(r, "breaching");
    assertThat(a.errors()).singleElement().extracting(SourceError::kind).isEqualTo("ACCESS_DENIED");
    assertThat(signal(a, "quota").level()).isEqualTo(Level.OK);
    assertThat(signal(a, "bounce_rate").level()).isEqualTo(Level.OK);
    assertThat(Json.write(r))
        .doesNotContain("breaching-secret-key")
        .doesNotContain("for the request");
  }

  @Test
  void unknownAccountInDetail_isRejectedByName() {
    assertThatThrownBy(
            () -> monitor().run(List.of("nope"), true, Deadline.none(Clock.systemUTC()), null))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("unknown account(s) nope");
  }

  @Test
  void malformedSecret_failsTheRunWithThePath_andNoSecretValue() {
    SecretsManagerClient sm = track(Sdk.secretsManager());
    sm.putSecretValue(
        r ->
            r.secretId(settings.secretId())
                .secretString(
                    "{\"accounts\": {\"x\": {\"aws_access_key_id\": \"AKIAXXXXXXXXXXXXXXXX\", \"aws_secret_access_key\": \"topsecret\"}}}"));
    assertThatThrownBy(this::run)
        .hasMessageContaining("accounts.x.region: missing")
        .hasMessageNotContaining("topsecret");
  }
}
