package dev.sesops.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.api.ApiRequest;
import dev.sesops.api.ApiResponse;
import dev.sesops.api.SesOpsApi;
import dev.sesops.common.Json;
import dev.sesops.common.Settings;
import dev.sesops.core.Scope;
import dev.sesops.local.LocalContext;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.FixedConfig;
import dev.sesops.testing.Sdk;
import dev.sesops.wiring.ApiFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Exactly once against moto, as SQS and EventBridge deliver: 12,000 SES events of one account (8
 * configuration sets, a tenant, 3 from-domains, 120 recipient domains, one set at 12% hard bounces
 * and one drawing complaints) through the handler in batches of 2,500; DynamoDB refuses the writes
 * part-way through one batch and loses the answer of another after writing it; the records handed
 * back return regrouped with new ones; 10% of all records are delivered again in other groupings
 * and 1% of the events come twice from EventBridge under new SQS message ids. Every scope's counts,
 * read back through {@code GET /accounts/production/sources}, equal the counts of the distinct
 * events.
 */
class ExactlyOnceIT {
  private static final String CONFIG =
      """
      {"accounts": {"production": {"region": "us-east-1", "aws_account_id": "111122223333"}},
       "monitoring": {"recipient_domains": 200}}""";

  @TempDir Path dir;

  private DynamoDbClient faulty;
  private DynamoDbClient dynamo;
  private String table;
  private final AtomicInteger transactions = new AtomicInteger();
  private final Set<Integer> refuse = new HashSet<>();
  private final Set<Integer> loseAnswer = new HashSet<>();

  @BeforeEach
  void setUp() {
    Emulator.pointSdkAt(Emulator.moto());
    dynamo = Sdk.dynamoDb();
    table = "ses-ops-exact-" + UUID.randomUUID().toString().substring(0, 8);
    Sdk.createStateTable(dynamo, table);
    // a real client whose chosen TransactWriteItems calls fail on the wire: before sending
    // (refused), or after
    // DynamoDB applied them (the answer lost)
    ExecutionInterceptor faults =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
            if ("TransactWriteItems".equals(a.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                && refuse.contains(transactions.incrementAndGet())) {
              throw SdkClientException.create("injected: DynamoDB refused the write");
            }
          }

          @Override
          public void afterTransmission(Context.AfterTransmission c, ExecutionAttributes a) {
            if ("TransactWriteItems".equals(a.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                && loseAnswer.remove(transactions.get())) {
              throw SdkClientException.create(
                  "injected: the answer was lost after DynamoDB wrote it");
            }
          }
        };
    faulty =
        DynamoDbClient.builder()
            .endpointOverride(Emulator.moto())
            .region(Emulator.REGION)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .overrideConfiguration(
                o -> o.addExecutionInterceptor(faults).retryStrategy(r -> r.maxAttempts(1)))
            .build();
  }

  @AfterEach
  void tearDown() {
    dynamo.deleteTable(r -> r.tableName(table));
    dynamo.close();
    faulty.close();
    Emulator.clearSdkProperties();
  }

  private record Record(String messageId, String body, String eventId) {}

  @Test
  void twelveThousandEvents_withAFaultPartWay_regroupedRedeliveryAndDuplicates_everyCountExact()
      throws Exception {
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Random random = new Random(2026);
    List<Record> originals = new ArrayList<>();
    for (int i = 0; i < 12_000; i++) {
      int cs = random.nextInt(8);
      double r = random.nextDouble();
      String kind;
      if (cs == 3) {
        kind =
            r < 0.48
                ? "SEND"
                : r < 0.90 ? "DELIVERY" : "BOUNCE"; // about 12% hard bounces of its attempts
      } else if (cs == 5) {
        kind = r < 0.49 ? "SEND" : r < 0.97 ? "DELIVERY" : "COMPLAINT";
      } else {
        kind =
            r < 0.49
                ? "SEND"
                : r < 0.95
                    ? "DELIVERY"
                    : r < 0.96
                        ? "BOUNCE"
                        : r < 0.97 ? "SOFT_BOUNCE" : r < 0.99 ? "DELAY" : "REJECT";
      }
      String body =
          EventFactory.eventBridge(
              kind,
              "cs-" + cs,
              "brand" + (cs % 3) + ".example",
              "u" + i + "@rcpt" + random.nextInt(120) + ".example",
              now.minusSeconds(1800).plusMillis(i * 150L),
              i);
      if (cs == 0) {
        body =
            body.replace(
                "\"ses:operation\":[\"SendEmail\"]",
                "\"ses:operation\":[\"SendEmail\"],\"ses-ops-tenant\":[\"acme\"]");
      }
      originals.add(new Record("sqs-" + i, body, Json.read(body).path("id").asText()));
    }
    // what SQS will hand the function: everything, 1% EventBridge duplicates, 10% redelivered
    // copies
    List<Record> queue = new ArrayList<>(originals);
    for (int i = 0; i < 120; i++) {
      Record o = originals.get(random.nextInt(originals.size()));
      queue.add(new Record("sqs-eb-dup-" + i, o.body(), o.eventId()));
    }
    List<Record> redelivered = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      redelivered.add(originals.get(random.nextInt(originals.size())));
    }
    // the second batch's third transaction is refused, the fifth batch's first written but
    // unanswered
    refuse.addAll(List.of(5, 6, 7));
    loseAnswer.add(11);

    Path config = dir.resolve("config.json");
    Files.writeString(config, CONFIG);
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    SendingEventCounter counter =
        new SendingEventCounter(
            FixedConfig.of(CONFIG),
            new DynamoDbCounterStore(faulty, table),
            () -> new ScopeAlerter(new Fakes.InMemoryAlertState(), new Fakes.RecordingPublisher()));
    EventsHandler handler =
        new EventsHandler(new EventsProcessor(List.of(counter), List.of(), clock));

    int batches = 0;
    int handedBack = 0;
    List<Record> pending = queue;
    boolean redeliveryMixedIn = false;
    while (!pending.isEmpty()) {
      List<Record> back = new ArrayList<>();
      for (int i = 0; i < pending.size(); i += 2500) {
        List<Record> batch = pending.subList(i, Math.min(pending.size(), i + 2500));
        batches++;
        Set<String> failed = deliver(handler, batch);
        for (Record r : batch) {
          if (failed.contains(r.messageId())) {
            back.add(r);
          }
        }
        handedBack += failed.size();
      }
      if (!redeliveryMixedIn) {
        back.addAll(redelivered);
        redeliveryMixedIn = true;
      }
      Collections.shuffle(back, random);
      pending = back;
      assertThat(batches).isLessThan(40);
    }
    assertThat(handedBack).isGreaterThan(0);
    assertThat(loseAnswer).isEmpty();

    // expected: each distinct event once
    Map<String, long[]> expected = new HashMap<>();
    for (Record r : originals) {
      SesEvent e = SesEventParser.parse(Envelope.decode(r.body()));
      long[] d = ExactCounter.delta(e);
      for (Scope s : ExactCounter.scopes("production", e, new HashSet<>(e.recipientDomains()))) {
        long[] t = expected.computeIfAbsent(s.key(), k -> new long[7]);
        for (int f = 0; f < 7; f++) {
          t[f] += d[f];
        }
      }
    }
    Settings settings =
        Settings.fromEnv(
            Map.of(
                "SES_OPS_STATE_TABLE",
                table,
                "SES_OPS_CONFIG_FILE",
                config.toString(),
                "SES_OPS_ALERT_TOPIC_ARN",
                "arn:aws:sns:us-east-1:123456789012:none",
                "AWS_REGION",
                "us-east-1"));
    SesOpsApi api = ApiFunction.api(settings, clock);
    int checked = 0;
    for (String by : List.of("configuration-set", "tenant", "from-domain", "recipient-domain")) {
      ApiResponse r =
          api.handle(
              new ApiRequest(
                  "GET",
                  "/accounts/production/sources",
                  Map.of("by", List.of(by), "window", List.of("24h"), "limit", List.of("500")),
                  Map.of(),
                  null,
                  "req-" + by));
      assertThat(r.status()).isEqualTo(200);
      for (JsonNode row : r.body().path("rows")) {
        long[] t = expected.get(row.path("scope").asText());
        assertThat(t).as(row.path("scope").asText()).isNotNull();
        assertThat(
                new long[] {
                  row.path("sends").asLong(),
                  row.path("deliveries").asLong(),
                  row.path("hard_bounces").asLong(),
                  row.path("soft_bounces").asLong(),
                  row.path("complaints").asLong(),
                  row.path("rejects").asLong(),
                  row.path("delays").asLong()
                })
            .as(row.path("scope").asText())
            .containsExactly(t);
        checked++;
      }
    }
    long expectedScopes = expected.keySet().stream().filter(k -> !k.startsWith("account:")).count();
    assertThat(checked).isEqualTo(expectedScopes).isGreaterThan(130);
  }

  private static Set<String> deliver(EventsHandler handler, List<Record> batch) throws Exception {
    StringBuilder records = new StringBuilder("{\"Records\": [");
    for (int i = 0; i < batch.size(); i++) {
      if (i > 0) {
        records.append(',');
      }
      records
          .append("{\"messageId\":")
          .append(Json.MAPPER.writeValueAsString(batch.get(i).messageId()))
          .append(",\"receiptHandle\":\"rh\",\"eventSource\":\"aws:sqs\",\"body\":")
          .append(Json.MAPPER.writeValueAsString(batch.get(i).body()))
          .append('}');
    }
    records.append("]}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(records.toString().getBytes(StandardCharsets.UTF_8)),
        out,
        new LocalContext("events", Duration.ofMinutes(5)));
    Set<String> failed = new HashSet<>();
    for (JsonNode f : Json.read(out.toString(StandardCharsets.UTF_8)).path("batchItemFailures")) {
      failed.add(f.path("itemIdentifier").asText());
    }
    return failed;
  }
}
