package dev.sesops.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Json;
import dev.sesops.common.LambdaEvents;
import dev.sesops.common.Settings;
import dev.sesops.core.ScopeKind;
import dev.sesops.core.Window;
import dev.sesops.local.LocalContext;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.MutableClock;
import dev.sesops.testing.Sdk;
import dev.sesops.wiring.EventsFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The events function end to end on moto: SES events on an SQS queue, received with the real SQS
 * client and handed to the handler as Lambda would, counters in DynamoDB, alerts on SNS observed
 * through an SQS subscription.
 */
class EventsIT {
  private static final String CONFIG =
      """
      {"accounts": {"production": {"region": "us-east-1", "aws_account_id": "111122223333",
                                   "aws_access_key_id": "AKIAPRODUCTION000001", "aws_secret_access_key": "production-secret"}}}""";

  @TempDir Path dir;

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private SqsClient sqs;
  private DynamoDbClient dynamo;
  private String eventsQueue;
  private String alertQueue;
  private String table;
  private AccountClients clients;
  private MutableClock clock;
  private EventsHandler handler;
  private Instant start;

  @BeforeEach
  void setUp() throws Exception {
    Emulator.pointSdkAt(Emulator.moto());
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    sqs = track(Sdk.sqs());
    SnsClient sns = track(Sdk.sns());
    dynamo = track(Sdk.dynamoDb());
    eventsQueue = sqs.createQueue(r -> r.queueName("ses-ops-events-" + suffix)).queueUrl();
    alertQueue = sqs.createQueue(r -> r.queueName("ses-ops-alerts-" + suffix)).queueUrl();
    String topicArn = sns.createTopic(r -> r.name("ses-ops-alerts-" + suffix)).topicArn();
    String alertArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(alertQueue).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(alertArn));
    table = "ses-ops-state-" + suffix;
    Sdk.createStateTable(dynamo, table);
    Path config = dir.resolve("config.json");
    Files.writeString(config, CONFIG);
    Settings settings =
        Settings.fromEnv(
            Map.of(
                "SES_OPS_CONFIG_FILE",
                config.toString(),
                "SES_OPS_ALERT_TOPIC_ARN",
                topicArn,
                "SES_OPS_STATE_TABLE",
                table,
                "AWS_REGION",
                "us-east-1"));
    clients = new AccountClients("us-east-1");
    // a minute into a bucket: the bounces (sends + 1 s) must not straddle a 5-minute boundary
    start = Buckets.of(Instant.now()).plusSeconds(60);
    clock = new MutableClock(start);
    handler = new EventsHandler(EventsFunction.processor(settings, clients, clock));
  }

  @AfterEach
  void tearDown() throws Exception {
    Emulator.clearSdkProperties();
    clients.close();
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T track(T c) {
    closeables.add(c);
    return c;
  }

  private void send(List<String> bodies) {
    for (int i = 0; i < bodies.size(); i += 10) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int j = i; j < Math.min(i + 10, bodies.size()); j++) {
        entries.add(
            SendMessageBatchRequestEntry.builder().id("e" + j).messageBody(bodies.get(j)).build());
      }
      assertThat(sqs.sendMessageBatch(r -> r.queueUrl(eventsQueue).entries(entries)).failed())
          .isEmpty();
    }
  }

  /**
   * Everything on the queue as one Lambda SQS event (what a batching window of that size hands the
   * function).
   */
  private JsonNode receiveBatch() {
    ObjectNode event = Json.object();
    ArrayNode records = event.putArray("Records");
    while (true) {
      List<Message> msgs =
          sqs.receiveMessage(
                  r -> r.queueUrl(eventsQueue).maxNumberOfMessages(10).visibilityTimeout(300))
              .messages();
      if (msgs.isEmpty()) {
        break;
      }
      for (Message m : msgs) {
        records
            .addObject()
            .put("messageId", m.messageId())
            .put("receiptHandle", m.receiptHandle())
            .put("body", m.body())
            .put("eventSource", "aws:sqs");
      }
    }
    return event;
  }

  private JsonNode invoke(JsonNode event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LambdaEvents.asStream(handler)
        .handleRequest(
            new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)),
            out,
            new LocalContext("events", Duration.ofMinutes(5)));
    return Json.read(out.toString(StandardCharsets.UTF_8));
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

  private static String attr(JsonNode alert, String name) {
    return alert.path("MessageAttributes").path(name).path("Value").asText(null);
  }

  private Map<String, AttributeValue> item(String scope) {
    return dynamo
        .getItem(
            r ->
                r.tableName(table)
                    .consistentRead(true)
                    .key(
                        Map.of(
                            "pk",
                            AttributeValue.fromS("WIN#production"),
                            "sk",
                            AttributeValue.fromS(scope))))
        .item();
  }

  private Counts counts(String scope) {
    return WindowCounts.decode(item(scope).get("d").b().asByteArray()).day(clock.instant());
  }

  @Test
  void burstFromOneConfigurationSet_isCountedOnce_alertsOnceWithItsScope_andRecoveryIsTold()
      throws Exception {
    // given: 300 sends and 36 hard bounces (12%) from "bad", 250 sends and 2 bounces from "good"
    List<String> bodies =
        new ArrayList<>(EventFactory.burst("bad", "bad.example", 300, 36, 0, start));
    bodies.addAll(EventFactory.burst("good", "good.example", 250, 2, 0, start));
    send(bodies);
    JsonNode batch = receiveBatch();
    assertThat(batch.path("Records")).hasSize(588);

    // when
    JsonNode result = invoke(batch);

    // then: counters in DynamoDB, one fixed-size window item per scope, kept 15 days past its last
    // write
    assertThat(result.path("batchItemFailures")).isEmpty();
    Map<String, AttributeValue> bad = item("configuration-set:bad");
    assertThat(counts("configuration-set:bad").sends()).isEqualTo(300);
    assertThat(counts("configuration-set:bad").hardBounces()).isEqualTo(36);
    assertThat(bad.get("d").b().asByteArray()).hasSize(WindowCounts.BYTES);
    assertThat(Long.parseLong(bad.get("ttl").n()))
        .isEqualTo(clock.instant().plus(Duration.ofDays(15)).getEpochSecond());
    assertThat(counts("account:production").sends()).isEqualTo(550);
    List<JsonNode> alerts = alerts();
    List<JsonNode> badAlerts =
        alerts.stream().filter(a -> "configuration-set:bad".equals(attr(a, "scope"))).toList();
    assertThat(badAlerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.path("Subject").asText())
                  .isEqualTo(
                      "[CRITICAL] production configuration-set:bad hard bounce rate 12.00% (36/300 sends, 1h)");
              assertThat(attr(a, "account")).isEqualTo("production");
              assertThat(attr(a, "severity")).isEqualTo("CRITICAL");
              assertThat(attr(a, "check")).isEqualTo("bounce_rate");
              assertThat(a.path("Message").asText())
                  .doesNotContain("@example.net")
                  .doesNotContain("production-secret");
            });
    assertThat(alerts).noneMatch(a -> "configuration-set:good".equals(attr(a, "scope")));

    // a redelivered batch changes no counter and alerts nobody
    JsonNode again = invoke(batch);
    assertThat(again.path("batchItemFailures")).isEmpty();
    assertThat(counts("configuration-set:bad").sends()).isEqualTo(300);
    assertThat(counts("account:production").sends()).isEqualTo(550);
    assertThat(alerts()).isEmpty();

    // an hour on, clean sending from "bad": recovery is told
    clock.advance(Duration.ofMinutes(65));
    send(EventFactory.burst("bad", "bad.example", 400, 0, 0, clock.instant()));
    assertThat(invoke(receiveBatch()).path("batchItemFailures")).isEmpty();
    List<JsonNode> recovered =
        alerts().stream().filter(a -> "configuration-set:bad".equals(attr(a, "scope"))).toList();
    assertThat(recovered)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(attr(a, "severity")).isEqualTo("OK");
              assertThat(a.path("Subject").asText())
                  .startsWith("[OK] production configuration-set:bad hard bounce rate recovered");
            });

    // the read side ranks the scopes worst first
    Sources.Top top =
        EventsFunction.sources(Settings.fromEnv(Map.of("SES_OPS_STATE_TABLE", table)), clients)
            .top(
                "production",
                ScopeKind.CONFIGURATION_SET,
                Window.H24,
                dev.sesops.config.ScopeLevels.defaults(),
                10,
                clock.instant());
    assertThat(top.rows())
        .extracting(Sources.Row::scope)
        .containsExactly("configuration-set:bad", "configuration-set:good");
    assertThat(top.rows().get(0).sends()).isEqualTo(700);
    assertThat(top.rows().get(0).hardBounces()).isEqualTo(36);
  }

  @Test
  void malformedRecords_onTheQueue_areDroppedAndTheRestCounted() throws Exception {
    send(
        List.of(
            "not json",
            "{\"hello\": 1}",
            EventFactory.eventBridge("BOUNCE", "cs", "a.example", "x@b.example", start, 1)));

    JsonNode result = invoke(receiveBatch());

    assertThat(result.path("batchItemFailures")).isEmpty();
    assertThat(counts("configuration-set:cs").hardBounces()).isEqualTo(1);
  }

  @Test
  void tableMissing_handsTheCountedRecordsBackToSqs() throws Exception {
    dynamo.deleteTable(r -> r.tableName(table));
    send(
        List.of(
            "not json",
            EventFactory.eventBridge("SEND", "cs", "a.example", "x@b.example", start, 1)));
    JsonNode batch = receiveBatch();

    JsonNode result = invoke(batch);

    assertThat(result.path("batchItemFailures")).hasSize(1);
    String sendId =
        batch.path("Records").get(0).path("body").asText().startsWith("not")
            ? batch.path("Records").get(1).path("messageId").asText()
            : batch.path("Records").get(0).path("messageId").asText();
    assertThat(result.path("batchItemFailures").get(0).path("itemIdentifier").asText())
        .isEqualTo(sendId);
  }
}
