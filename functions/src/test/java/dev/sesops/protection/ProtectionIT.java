package dev.sesops.protection;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sesops.api.ApiRequest;
import dev.sesops.api.ApiResponse;
import dev.sesops.api.SesOpsApi;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Json;
import dev.sesops.common.Settings;
import dev.sesops.events.EventFactory;
import dev.sesops.events.EventsProcessor;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.Grants;
import dev.sesops.testing.MutableClock;
import dev.sesops.testing.RecordedCalls;
import dev.sesops.testing.Sdk;
import dev.sesops.testing.SesV2Stubs;
import dev.sesops.wiring.ApiFunction;
import dev.sesops.wiring.EventsFunction;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Containment end to end: SES events through the events pipeline (counters in DynamoDB on moto, the
 * after-batch hook) into the protector; the SES v2 sending switches on WireMock (moto has none of
 * them), paths and bodies as SDK 2.59.1 marshals them; the action log in DynamoDB and S3 on moto;
 * alerts on SNS seen through an SQS subscription; resume and actions through the API.
 */
class ProtectionIT {
  private static final String CS_SENDING = "/v2/email/configuration-sets/%s/sending";

  @TempDir Path dir;

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private WireMockServer ses;
  private SqsClient sqs;
  private DynamoDbClient dynamo;
  private S3Client s3;
  private String alertQueue;
  private String topicArn;
  private String table;
  private String bucket;
  private AccountClients clients;
  private MutableClock clock;
  private Instant start;
  private int batches;

  @BeforeEach
  void setUp() {
    URI moto = Emulator.moto();
    ses = new WireMockServer(options().dynamicPort());
    ses.start();
    Emulator.pointSdkAt(moto);
    Emulator.pointServiceAt("SesV2", URI.create(ses.baseUrl()));
    Emulator.pointServiceAt(
        "Sns", moto); // explicitly: a test before may have left SNS pointing elsewhere
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    sqs = track(Sdk.sqs());
    SnsClient sns = track(Sdk.sns());
    dynamo = track(Sdk.dynamoDb());
    s3 = track(Sdk.s3());
    alertQueue = sqs.createQueue(r -> r.queueName("ses-ops-alerts-" + suffix)).queueUrl();
    topicArn = sns.createTopic(r -> r.name("ses-ops-alerts-" + suffix)).topicArn();
    String alertArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(alertQueue).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(alertArn));
    table = "ses-ops-state-" + suffix;
    Sdk.createStateTable(dynamo, table);
    bucket = "ses-ops-reports-" + suffix;
    s3.createBucket(r -> r.bucket(bucket));
    clients = new AccountClients("us-east-1");
    start = Instant.now();
    clock = new MutableClock(start);
  }

  @AfterEach
  void tearDown() throws Exception {
    Emulator.clearSdkProperties();
    clients.close();
    for (AutoCloseable c : closeables) {
      c.close();
    }
    ses.stop();
  }

  private <T extends AutoCloseable> T track(T c) {
    closeables.add(c);
    return c;
  }

  private Settings settings(String protection) throws Exception {
    Path config = dir.resolve("config-" + UUID.randomUUID() + ".json");
    Files.writeString(
        config,
        """
        {"accounts": {"shop": {"region": "us-east-1", "aws_account_id": "%s",
                               "aws_access_key_id": "AKIASHOP000000000001", "aws_secret_access_key": "shop-secret-key"}},
         "protection": %s}"""
            .formatted(EventFactory.ACCOUNT_ID, protection));
    return Settings.fromEnv(
        Map.of(
            "SES_OPS_CONFIG_FILE", config.toString(),
            "SES_OPS_ALERT_TOPIC_ARN", topicArn,
            "SES_OPS_STATE_TABLE", table,
            "SES_OPS_REPORT_BUCKET", bucket,
            "AWS_REGION", "us-east-1"));
  }

  /**
   * The events function's processor as its handler builds it (counter, then the protection hook).
   */
  private EventsProcessor events(Settings settings) {
    return EventsFunction.processor(settings, clients, clock);
  }

  private void batch(EventsProcessor p, List<String> bodies) {
    p.process(EventFactory.sqsEvent("b" + (batches++) + "-" + UUID.randomUUID(), bodies));
  }

  private void sendingSets(String... names) {
    for (String n : names) {
      ses.stubFor(
          get(urlEqualTo("/v2/email/configuration-sets/" + n))
              .willReturn(
                  json(
                      "{\"ConfigurationSetName\": \""
                          + n
                          + "\", \"SendingOptions\": {\"SendingEnabled\": true},"
                          + " \"ReputationOptions\": {\"ReputationMetricsEnabled\": true}}")));
      ses.stubFor(put(urlEqualTo(CS_SENDING.formatted(n))).willReturn(json("{}")));
    }
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private List<LoggedRequest> switches() {
    return ses.findAll(
        putRequestedFor(urlMatching("/v2/email/.*(sending|customer-managed-status)")));
  }

  private List<JsonNode> alerts() {
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      List<Message> msgs =
          sqs.receiveMessage(r -> r.queueUrl(alertQueue).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages();
      for (Message m : msgs) {
        out.add(Json.read(m.body()));
        sqs.deleteMessage(r -> r.queueUrl(alertQueue).receiptHandle(m.receiptHandle()));
      }
      if (msgs.isEmpty() && i > 0) {
        break;
      }
    }
    return out;
  }

  private List<JsonNode> protectionAlerts() {
    return alerts().stream().filter(a -> "protection".equals(attr(a, "check"))).toList();
  }

  private static String attr(JsonNode alert, String name) {
    return alert.path("MessageAttributes").path(name).path("Value").asText(null);
  }

  /** The account's action-log lines in the state table, oldest first. */
  private List<JsonNode> log() {
    return dynamo
        .query(
            r ->
                r.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                    .expressionAttributeValues(
                        Map.of(
                            ":pk",
                            AttributeValue.fromS("PROTECT#shop"),
                            ":p",
                            AttributeValue.fromS("LOG#"))))
        .items()
        .stream()
        .map(i -> Json.read(i.get("record").s()))
        .toList();
  }

  /** Every line of every action object of the account in the report bucket. */
  private List<JsonNode> trail() {
    List<JsonNode> out = new ArrayList<>();
    for (var o : s3.listObjectsV2(r -> r.bucket(bucket).prefix("actions/shop/")).contents()) {
      String text = s3.getObjectAsBytes(r -> r.bucket(bucket).key(o.key())).asUtf8String();
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          out.add(Json.read(line));
        }
      }
    }
    return out;
  }

  private List<String> keys() {
    return s3.listObjectsV2(r -> r.bucket(bucket).prefix("actions/")).contents().stream()
        .map(o -> o.key())
        .toList();
  }

  @Test
  void enforce_pausesTheConfigurationSetCrossingItsLevel_withOneSesCall_loggedBeforeIt_alertedOnce()
      throws Exception {
    sendingSets("marketing", "transactional", "tiny");
    // the pause answers slowly, so the test can look at the log while SES is being called
    ses.stubFor(
        put(urlEqualTo(CS_SENDING.formatted("marketing")))
            .willReturn(json("{}").withFixedDelay(1500)));
    EventsProcessor p = events(settings("{\"mode\": \"enforce\"}"));
    List<String> bodies =
        new ArrayList<>(EventFactory.burst("marketing", "news.example", 300, 36, 0, start)); // 12%
    bodies.addAll(
        EventFactory.burst("transactional", "shop.example", 2_500, 3, 0, start)); // healthy
    bodies.addAll(
        EventFactory.burst("tiny", "tiny.example", 150, 30, 0, start)); // 20%, under 200 sends

    CompletableFuture<Void> run = CompletableFuture.runAsync(() -> batch(p, bodies));
    List<String> statusDuringCall = new ArrayList<>();
    while (!run.isDone() && statusDuringCall.isEmpty()) {
      if (!switches().isEmpty()) {
        statusDuringCall.add(log().get(0).path("status").asText());
        statusDuringCall.add(trail().get(0).path("status").asText());
      }
      Thread.sleep(50);
    }
    run.get();

    assertThat(statusDuringCall).containsExactly("pending", "pending");
    assertThat(switches())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getUrl()).isEqualTo("/v2/email/configuration-sets/marketing/sending");
              assertThat(r.getBodyAsString())
                  .isEqualToIgnoringWhitespace("{\"SendingEnabled\":false}");
              assertThat(r.getHeader("Authorization"))
                  .contains("/us-east-1/ses/")
                  .contains("AKIASHOP000000000001");
            });
    assertThat(log())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.path("status").asText()).isEqualTo("done");
              assertThat(l.path("scope").asText()).isEqualTo("configuration-set:marketing");
              assertThat(l.path("why").asText())
                  .isEqualTo("hard bounces 12.0% over 1 h (36 of 300 sends)");
              assertThat(l.path("state_before").path("sending_enabled").asBoolean()).isTrue();
              assertThat(l.path("undo").asText())
                  .isEqualTo("ses-ops resume shop --configuration-set marketing");
              assertThat(l.path("numbers").path("bounces").asLong()).isEqualTo(36);
            });
    assertThat(keys())
        .singleElement()
        .satisfies(
            k -> assertThat(k).matches("actions/shop/\\d{4}/\\d{2}/\\d{2}/events-.+\\.jsonl"));
    assertThat(trail())
        .extracting(l -> l.path("status").asText())
        .containsExactly("pending", "done");
    List<JsonNode> alerts = protectionAlerts();
    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.path("Subject").asText())
                  .isEqualTo(
                      "[CRITICAL] shop: paused configuration set marketing: hard bounces 12.0% over 1 h (36 of 300 sends)");
              assertThat(attr(a, "severity")).isEqualTo("CRITICAL");
              assertThat(attr(a, "account")).isEqualTo("shop");
              assertThat(attr(a, "scope")).isEqualTo("configuration-set:marketing");
              assertThat(a.path("Message").asText())
                  .contains("To resume: ses-ops resume shop --configuration-set marketing")
                  .doesNotContain("shop-secret-key")
                  .doesNotContain("@example.net");
            });

    // the next batch still shows the breach: nothing is paused twice, nobody is told twice
    batch(p, EventFactory.burst("marketing", "news.example", 50, 10, 0, start));
    assertThat(switches()).hasSize(1);
    assertThat(protectionAlerts()).isEmpty();
  }

  @Test
  void neverPause_isRespected_andTheAccountItExplainsIsNotPausedEither() throws Exception {
    sendingSets("marketing");
    ses.stubFor(SesV2Stubs.getAccount("us-east-1", "HEALTHY", true, true));
    ses.stubFor(put(urlEqualTo("/v2/email/account/sending")).willReturn(json("{}")));
    EventsProcessor p =
        events(
            settings(
                "{\"mode\": \"enforce\", \"allow_account_pause\": true,"
                    + " \"never_pause\": {\"configuration_sets\": [\"marketing\"]}}"));

    batch(
        p,
        EventFactory.burst(
            "marketing", "news.example", 600, 120, 0, start)); // 20%; the account too

    assertThat(switches()).isEmpty();
    assertThat(log()).isEmpty();
    assertThat(protectionAlerts()).isEmpty();
  }

  @Test
  void theAccount_isPausedOnlyWhenAllowed_andNothingSmallerExplainsIt() throws Exception {
    // ten small configuration sets, each under the minimum volume, together 20% of the account's
    // sends
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sendingSets("cs" + i);
      bodies.addAll(EventFactory.burst("cs" + i, "news.example", 60, 12, 0, start));
    }
    ses.stubFor(SesV2Stubs.getAccount("us-east-1", "HEALTHY", true, true));
    ses.stubFor(put(urlEqualTo("/v2/email/account/sending")).willReturn(json("{}")));

    batch(events(settings("{\"mode\": \"enforce\"}")), bodies);
    assertThat(switches()).isEmpty();

    clock.advance(java.time.Duration.ofMinutes(1));
    RecordedCalls.start();
    batch(
        events(settings("{\"mode\": \"enforce\", \"allow_account_pause\": true}")),
        EventFactory.burst("cs0", "news.example", 1, 0, 0, start));
    assertThat(Grants.assertGranted("events", "events", RecordedCalls.stop()))
        .contains("ses:GetAccount", "ses:PutAccountSendingAttributes");
    assertThat(switches())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getUrl()).isEqualTo("/v2/email/account/sending");
              assertThat(r.getBodyAsString())
                  .isEqualToIgnoringWhitespace("{\"SendingEnabled\":false}");
            });
    assertThat(protectionAlerts())
        .extracting(a -> a.path("Subject").asText())
        .containsExactly(
            "[CRITICAL] shop: paused the account: hard bounces 20.0% over 1 h (120 of 601 sends)");
  }

  @Test
  void theFourthPauseInAnHour_isRefused_andAlertedAsSuch() throws Exception {
    List<String> bodies = new ArrayList<>();
    for (String n : List.of("a", "b", "c", "d")) {
      sendingSets(n);
      bodies.addAll(EventFactory.burst(n, n + ".example", 300, 40, 0, start));
    }
    batch(events(settings("{\"mode\": \"enforce\"}")), bodies);

    assertThat(switches()).hasSize(3);
    assertThat(log())
        .extracting(l -> l.path("status").asText())
        .containsExactlyInAnyOrder("done", "done", "done", "refused");
    List<String> subjects =
        protectionAlerts().stream().map(a -> a.path("Subject").asText()).toList();
    assertThat(subjects).hasSize(4);
    assertThat(subjects)
        .filteredOn(s -> s.contains("did not pause"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s)
                    .matches(
                        "\\[CRITICAL\\] shop: did not pause configuration set [a-d]: max 3 pauses an hour reached"));
  }

  @Test
  void dryRun_changesNothing_andLogsAndAlertsTheDecision() throws Exception {
    sendingSets("marketing");
    batch(
        events(settings("{\"mode\": \"dry_run\"}")),
        EventFactory.burst("marketing", "news.example", 300, 36, 0, start));

    assertThat(switches()).isEmpty();
    assertThat(log())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.path("status").asText()).isEqualTo("would_pause");
              assertThat(l.path("mode").asText()).isEqualTo("dry_run");
            });
    assertThat(protectionAlerts())
        .extracting(a -> a.path("Subject").asText())
        .containsExactly(
            "[CRITICAL] shop: would pause configuration set marketing: hard bounces 12.0% over 1 h");
  }

  @Test
  void twoConcurrentRuns_pauseOnce() throws Exception {
    sendingSets("marketing");
    Settings s = settings("{\"mode\": \"enforce\"}");
    EventsProcessor one = events(s);
    EventsProcessor two = events(s);
    // both batches put marketing over its level on their own
    List<String> first = EventFactory.burst("marketing", "news.example", 300, 36, 0, start);
    List<String> second = EventFactory.burst("marketing", "news.example", 301, 37, 0, start);
    CountDownLatch go = new CountDownLatch(1);
    CompletableFuture<Void> a =
        CompletableFuture.runAsync(
            () -> {
              await(go);
              batch(one, first);
            });
    CompletableFuture<Void> b =
        CompletableFuture.runAsync(
            () -> {
              await(go);
              batch(two, second);
            });
    go.countDown();
    CompletableFuture.allOf(a, b).get();

    assertThat(switches()).hasSize(1);
    assertThat(log()).extracting(l -> l.path("status").asText()).containsExactly("done");
    assertThat(protectionAlerts()).hasSize(1);
  }

  @Test
  void resume_restoresExactlyTheStateBefore_throughTheApi_andRefusesWhatSesOpsDidNotPause()
      throws Exception {
    sendingSets("marketing");
    Settings s = settings("{\"mode\": \"enforce\"}");
    RecordedCalls.start();
    batch(events(s), EventFactory.burst("marketing", "news.example", 300, 36, 0, start));
    // the events function's pause: granted by its role (with protection on) and its session
    assertThat(Grants.assertGranted("events", "events", RecordedCalls.stop()))
        .contains("ses:GetConfigurationSet", "ses:PutConfigurationSetSendingOptions");
    assertThat(switches()).hasSize(1);
    protectionAlerts();
    clock.advance(java.time.Duration.ofMinutes(20));
    SesOpsApi api = ApiFunction.api(s, clock);

    RecordedCalls.start();
    ApiResponse resumed =
        api.handle(call("POST", "/accounts/shop/resume", "{\"configuration_set\": \"marketing\"}"));
    // the resume: a write route, in the API's write session
    assertThat(Grants.assertGranted("api", "api-write", RecordedCalls.stop()))
        .contains("ses:PutConfigurationSetSendingOptions");

    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.body().path("action").path("status").asText()).isEqualTo("done");
    assertThat(switches()).hasSize(2);
    assertThat(switches().get(1).getUrl())
        .isEqualTo("/v2/email/configuration-sets/marketing/sending");
    assertThat(switches().get(1).getBodyAsString())
        .isEqualToIgnoringWhitespace("{\"SendingEnabled\":true}");
    assertThat(protectionAlerts())
        .extracting(a -> a.path("Subject").asText())
        .containsExactly("[OK] shop: resumed configuration set marketing");

    ApiResponse actions = api.handle(call("GET", "/accounts/shop/actions", null));
    assertThat(actions.status()).isEqualTo(200);
    assertThat(actions.body().path("actions"))
        .extracting(a -> a.path("action").asText() + " " + a.path("status").asText())
        .containsExactly("resume done", "pause done");
    assertThat(trail())
        .extracting(l -> l.path("action").asText() + " " + l.path("status").asText())
        .containsExactlyInAnyOrder("pause pending", "pause done", "resume pending", "resume done");

    // resuming again, or a scope ses-ops never paused, is refused with what to do instead
    ApiResponse again =
        api.handle(call("POST", "/accounts/shop/resume", "{\"configuration_set\": \"marketing\"}"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("error").path("code").asText()).isEqualTo("not_paused_by_ses_ops");
    assertThat(again.body().path("error").path("message").asText())
        .contains("it is sending now, there is nothing to resume");
    assertThat(switches()).hasSize(2);
  }

  @Test
  void resume_ofATenantAwsPaused_isRefused_withWhatToDoInstead() throws Exception {
    String arn = "arn:aws:ses:us-east-1:111122223333:tenant/acme/tn-0123";
    ses.stubFor(
        post(urlEqualTo("/v2/email/tenants/get"))
            .withRequestBody(equalToJson("{\"TenantName\": \"acme\"}"))
            .willReturn(
                json(
                    "{\"Tenant\": {\"TenantName\": \"acme\", \"TenantId\": \"tn-0123\", \"TenantArn\": \""
                        + arn
                        + "\", \"CreatedTimestamp\": 1764720000, \"SendingStatus\": \"DISABLED\"}}")));
    ses.stubFor(
        get(urlPathMatching("/v2/email/reputation/entities/RESOURCE/.+"))
            .willReturn(
                json(
                    "{\"ReputationEntity\": {\"ReputationEntityReference\": \""
                        + arn
                        + "\", \"ReputationEntityType\": \"RESOURCE\","
                        + " \"CustomerManagedStatus\": {\"Status\": \"ENABLED\"},"
                        + " \"AwsSesManagedStatus\": {\"Status\": \"DISABLED\", \"Cause\": \"High bounce rate\"},"
                        + " \"SendingStatusAggregate\": \"DISABLED\"}}")));
    SesOpsApi api = ApiFunction.api(settings("{\"mode\": \"enforce\"}"), clock);

    RecordedCalls.start();
    ApiResponse r = api.handle(call("POST", "/accounts/shop/resume", "{\"tenant\": \"acme\"}"));
    assertThat(Grants.assertGranted("api", "api-write", RecordedCalls.stop()))
        .contains("ses:GetTenant", "ses:GetReputationEntity");

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.body().path("error").path("message").asText())
        .contains("ses-ops did not pause tenant acme in shop")
        .contains("AWS paused it (AWS-managed status DISABLED, cause High bounce rate)")
        .contains("ses-ops cannot lift an AWS pause");
    // the reputation entity was asked for by the tenant's ARN, as the SDK encodes it in the path
    assertThat(ses.getAllServeEvents())
        .extracting(e -> e.getRequest().getUrl())
        .contains(
            "/v2/email/reputation/entities/RESOURCE/"
                + arn.replace(":", "%3A").replace("/", "%2F"));
    assertThat(switches()).isEmpty();
  }

  @Test
  void aFailedSesCall_leavesTheLogSayingNotDone_andAlerts() throws Exception {
    sendingSets("marketing");
    ses.stubFor(
        put(urlEqualTo(CS_SENDING.formatted("marketing")))
            .willReturn(SesV2Stubs.error(400, "BadRequestException")));
    batch(
        events(settings("{\"mode\": \"enforce\"}")),
        EventFactory.burst("marketing", "news.example", 300, 36, 0, start));

    assertThat(switches()).hasSize(1);
    assertThat(log())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.path("status").asText()).isEqualTo("not_done");
              assertThat(l.path("detail").asText())
                  .isEqualTo("not done: SES did not accept the change (INVALID)");
            });
    assertThat(trail())
        .extracting(l -> l.path("status").asText())
        .containsExactly("pending", "not_done");
    assertThat(protectionAlerts())
        .extracting(a -> a.path("Subject").asText())
        .containsExactly(
            "[CRITICAL] shop: could not pause configuration set marketing: hard bounces 12.0% over 1 h");
  }

  private static void await(CountDownLatch l) {
    try {
      l.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ApiRequest call(String method, String path, String body) {
    return new ApiRequest(
        method,
        path,
        Map.of(),
        Map.of("content-type", "application/json"),
        body,
        "req-" + UUID.randomUUID());
  }
}
