package dev.sesops.fleet;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sesops.alert.SnsAlertPublisher;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Json;
import dev.sesops.common.LambdaEvents;
import dev.sesops.common.Settings;
import dev.sesops.testing.CloudWatchStubs;
import dev.sesops.testing.CloudWatchStubs.Point;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.Sdk;
import dev.sesops.testing.SesStubs;
import dev.sesops.testing.SesV2Stubs;
import dev.sesops.wiring.MonitorFunction;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local fleet runner over 200 accounts: the real monitor handler per batch of items, SES v1,
 * SES v2 and CloudWatch on WireMock answering each account at most once per second, alert state
 * (DynamoDB) and alerts (SNS to SQS) on moto. One account's credentials are refused on every call.
 */
class FleetLocalIT {
  private static final int ACCOUNTS = 200;
  private static final String BROKEN_KEY = "AKIAFLEETBROKEN00001";

  @TempDir Path dir;
  private WireMockServer wiremock;
  private PerAccountRateLimit limit;
  private String queueUrl;
  private Settings settings;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    URI moto = Emulator.moto();
    limit = new PerAccountRateLimit(1000);
    wiremock =
        new WireMockServer(
            options()
                .dynamicPort()
                .containerThreads(300)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(20)
                .extensions(limit));
    wiremock.start();
    Emulator.pointSdkAt(moto);
    for (String s : List.of("Ses", "SesV2", "CloudWatch")) {
      Emulator.pointServiceAt(s, URI.create(wiremock.baseUrl()));
    }
    wiremock.stubFor(SesV2Stubs.getAccount("us-east-1", "HEALTHY", true, true));
    wiremock.stubFor(SesV2Stubs.noTenants());
    wiremock.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(containing("Action=GetSendQuota"))
            .willReturn(
                SesStubs.response(
                    "GetSendQuota",
                    "<Max24HourSend>50000.0</Max24HourSend><MaxSendRate>14.0</MaxSendRate><SentLast24Hours>100.0</SentLast24Hours>")));
    wiremock.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(containing("Action=GetSendStatistics"))
            .willReturn(SesStubs.response("GetSendStatistics", "<SendDataPoints/>")));
    Instant t = Instant.now().minusSeconds(600);
    wiremock.stubFor(
        CloudWatchStubs.metricData("us-east-1", new Point(0.001, t), new Point(0.0001, t)));
    // the broken account: every call refused, whatever the service
    wiremock.stubFor(
        any(anyUrl())
            .atPriority(1)
            .withHeader("Authorization", containing("Credential=" + BROKEN_KEY + "/"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>"
                            + "<Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>")));

    String suffix = UUID.randomUUID().toString().substring(0, 8);
    SnsClient sns = track(Sdk.sns());
    SqsClient sqs = track(Sdk.sqs());
    String topicArn = sns.createTopic(r -> r.name("fleet-alerts-" + suffix)).topicArn();
    queueUrl = sqs.createQueue(r -> r.queueName("fleet-alerts-" + suffix)).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(
        r ->
            r.topicArn(topicArn)
                .protocol("sqs")
                .endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "false")));
    DynamoDbClient dynamo = track(Sdk.dynamoDb());
    String table = "fleet-state-" + suffix;
    Sdk.createStateTable(dynamo, table);

    StringBuilder cfg = new StringBuilder("{\"accounts\": {");
    for (int i = 0; i < ACCOUNTS; i++) {
      String key = i == 137 ? BROKEN_KEY : String.format("AKIAFLEET%011d", i);
      cfg.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  "\"acct-%03d\": {\"region\": \"us-east-1\", \"aws_access_key_id\": \"%s\", \"aws_secret_access_key\": \"secret-%d\"}",
                  i, key, i));
    }
    Path file = dir.resolve("fleet.json");
    Files.writeString(file, cfg.append("}}").toString());
    settings =
        Settings.fromEnv(
            Map.of(
                "SES_OPS_CONFIG_FILE",
                file.toString(),
                "SES_OPS_ALERT_TOPIC_ARN",
                topicArn,
                "SES_OPS_STATE_TABLE",
                table,
                "AWS_REGION",
                "us-east-1"));
  }

  @AfterEach
  void tearDown() throws Exception {
    Emulator.clearSdkProperties();
    for (AutoCloseable c : closeables) {
      c.close();
    }
    wiremock.stop();
  }

  private <T extends AutoCloseable> T track(T c) {
    closeables.add(c);
    return c;
  }

  @Test
  void monitorOver200Accounts_reportsEachOnce_andAlertsTheFailingOneOnceWithoutBlockingOthers()
      throws Exception {
    // given
    AccountClients clients = track(new AccountClients("us-east-1"));
    FleetPlanner planner =
        new FleetPlanner(
            clients.configSource(settings, e -> {}),
            () -> {
              throw new AssertionError("no organization block: discovery must not run");
            });
    MonitorFunction handler = new MonitorFunction(settings);
    FleetCommand.Options options = new FleetCommand.Options(FleetJob.MONITOR, 20, 5);

    // when
    long t0 = System.nanoTime();
    FleetSummary s =
        FleetCommand.local(
            options,
            planner,
            new HandlerInvoker("monitor", LambdaEvents.asStream(handler), Duration.ofMinutes(15)),
            new SnsAlertPublisher(clients.sns(), settings.requireAlertTopicArn()),
            Clock.systemUTC());
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    // then: one summary, every account exactly once
    assertThat(s.items()).isEqualTo(ACCOUNTS);
    assertThat(s.accounts()).hasSize(ACCOUNTS);
    assertThat(s.accounts().stream().map(FleetSummary.AccountLine::account).distinct().count())
        .isEqualTo(ACCOUNTS);
    assertThat(s.accountsChecked()).isEqualTo(ACCOUNTS);
    assertThat(s.notReached()).isEmpty();
    // the broken account failed on its own; the 199 others were checked healthy
    assertThat(s.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.account()).isEqualTo("acct-137");
              assertThat(f.error()).startsWith("no signal could be read");
            });
    // every other account was read (OK, or WARNING where one source timed out on this loaded
    // machine)
    assertThat(s.levels()).containsEntry("CRITICAL", 1);
    assertThat(s.levels().keySet()).isSubsetOf("CRITICAL", "OK", "WARNING");
    assertThat(s.levels().get("OK")).isGreaterThan(ACCOUNTS / 2);
    assertThat(s.levels().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(ACCOUNTS);
    // the stubs answered each account at most once a second: 4 SES calls each, so the run took at
    // least 3 s, and far less than the 800 s one account after another would take
    assertThat(limit.callsPerKey()).hasSize(ACCOUNTS);
    // GetAccount, GetSendQuota, GetSendStatistics, ListTenants
    assertThat(limit.callsPerKey().get("AKIAFLEET00000000000")).isEqualTo(4);
    assertThat(took).isGreaterThan(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(240));

    // one fleet alert for the run, naming the broken account and no secret
    List<JsonNode> alerts = alerts();
    List<JsonNode> fleet =
        alerts.stream().filter(a -> "fleet".equals(attribute(a, "check"))).toList();
    assertThat(fleet)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.path("Subject").asText())
                  .isEqualTo("[WARNING] ses-ops fleet monitor: 1 failed, 0 not reached");
              assertThat(a.path("Message").asText())
                  .contains("failed: acct-137 (us-east-1)")
                  .doesNotContain("secret-137");
            });
    // the monitor's own alert for that account (no signal could be read) is its one alert, not one
    // per batch
    assertThat(alerts.stream().filter(a -> "acct-137".equals(attribute(a, "account"))).count())
        .isEqualTo(1);
    Set<String> alerted = new HashSet<>();
    alerts.forEach(a -> alerted.add(attribute(a, "account")));
    assertThat(alerted).containsExactlyInAnyOrder("fleet", "acct-137");
  }

  private static String attribute(JsonNode snsMessage, String name) {
    return snsMessage.path("MessageAttributes").path(name).path("Value").asText(null);
  }

  private List<JsonNode> alerts() {
    SqsClient sqs = track(Sdk.sqs());
    List<JsonNode> out = new ArrayList<>();
    Map<String, Integer> empty = new HashMap<>();
    while (empty.getOrDefault("n", 0) < 2) {
      List<Message> msgs =
          sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages();
      if (msgs.isEmpty()) {
        empty.merge("n", 1, Integer::sum);
      }
      for (Message m : msgs) {
        out.add(Json.read(m.body()));
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
    return out;
  }
}
