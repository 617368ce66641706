package dev.sesops.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Settings;
import dev.sesops.config.ConfigParser;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.FixedConfig;
import dev.sesops.testing.Sdk;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Not a test: the events function's figures.
 * <ol>
 *   <li>parse and aggregate, no I/O: 100,000 SES events (EventBridge envelopes as SQS bodies, 20
 *       configuration sets, each its own from-domain, 5 recipient domains) in batches of 10,000; one
 *       warm-up pass, then BENCH_RUNS measured; events per second, median;</li>
 *   <li>writes: counter items written per batch against events in it (in memory, counted);</li>
 *   <li>one 10,000-record batch through the whole processor against moto DynamoDB (and SNS), median
 *       of BENCH_RUNS fresh batches after one warm-up.</li>
 * </ol>
 * <pre>scripts/bench-events.sh</pre>
 */
public final class EventsBenchmark {
  private static final String CONFIG = """
      {"accounts": {"production": {"region": "us-east-1", "aws_account_id": "111122223333"}}}""";
  private static final int SCOPES = 20;
  private static final int BATCH = 10_000;

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "5"));
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Instant now = Instant.now();
    List<JsonNode> batches = new ArrayList<>();
    for (int b = 0; b < total / BATCH; b++) {
      batches.add(EventFactory.sqsEvent("bench-" + b, bodies(BATCH, now, b)));
    }
    AccountDirectory directory = new AccountDirectory(ConfigParser.parse(CONFIG));

    // 1. parse and aggregate, no I/O
    double[] rates = new double[runs];
    long items = 0;
    for (int run = -1; run < runs; run++) {
      long t0 = System.nanoTime();
      items = 0;
      for (JsonNode batch : batches) {
        List<InboundEvent> in = new ArrayList<>(BATCH);
        for (JsonNode r : batch.path("Records")) {
          in.add(new InboundEvent(r.path("messageId").asText(), Envelope.decode(r.path("body").asText())));
        }
        SendingEventCounter.Parsed p = SendingEventCounter.parse(in, directory, now);
        items += p.aggregate().tallies().size();
      }
      double s = (System.nanoTime() - t0) / 1e9;
      if (run >= 0) {
        rates[run] = total / s;
      }
    }
    System.out.printf(Locale.ROOT, "parse+aggregate: %,d events in %d batches of %,d, %d runs: median %,.0f events/s (min %,.0f, max %,.0f)%n",
        total, batches.size(), BATCH, runs, median(rates), Arrays.stream(rates).min().orElse(0), Arrays.stream(rates).max().orElse(0));

    // 2. writes per batch
    Fakes.InMemoryCounterStore counting = new Fakes.InMemoryCounterStore();
    EventsProcessor inMemory = new EventsProcessor(List.of(new SendingEventCounter(FixedConfig.of(CONFIG), counting,
        () -> new ScopeAlerter(new Fakes.InMemoryAlertState(), new Fakes.RecordingPublisher()))), List.of(), Clock.systemUTC());
    for (JsonNode batch : batches) {
      inMemory.process(batch);
    }
    System.out.printf(Locale.ROOT, "writes: %,d events over %d configuration sets (+ %d from-domains, 5 recipient domains, the account) "
        + "-> %,d UpdateItem calls in %d batches (%.1f per batch; 1 per (scope, 5-minute bucket) touched), %.5f per event%n",
        total, SCOPES, SCOPES, counting.writes, batches.size(), counting.writes / (double) batches.size(), counting.writes / (double) total);

    // 3. one 10,000-record batch against the emulator
    Emulator.pointSdkAt(Emulator.moto());
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String table = "ses-ops-bench-" + suffix;
    try (DynamoDbClient dynamo = Sdk.dynamoDb(); var sns = Sdk.sns(); AccountClients clients = new AccountClients("us-east-1")) {
      dynamo.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
              AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
          .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
              KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
      String topic = sns.createTopic(r -> r.name("ses-ops-bench-" + suffix)).topicArn();
      Settings settings = Settings.fromEnv(Map.of("SES_OPS_STATE_TABLE", table, "SES_OPS_ALERT_TOPIC_ARN", topic, "AWS_REGION", "us-east-1"));
      EventsProcessor processor = Events.create(settings, clients, Clock.systemUTC(), FixedConfig.of(CONFIG));
      double[] ms = new double[runs];
      Map<String, Object> summary = null;
      for (int run = -1; run < runs; run++) {
        JsonNode batch = EventFactory.sqsEvent("moto-" + run, bodies(BATCH, Instant.now(), 100 + run));
        long t0 = System.nanoTime();
        BatchReport report = processor.process(batch);
        double elapsed = (System.nanoTime() - t0) / 1e6;
        if (!report.retry().isEmpty()) {
          throw new IllegalStateException("batch not written: " + report.consumers());
        }
        summary = report.consumers().get("sending_events");
        if (run >= 0) {
          ms[run] = elapsed;
        }
      }
      System.out.printf(Locale.ROOT, "10,000-record batch against moto (DynamoDB writes, 24 h reads, alert state): median %.0f ms "
          + "(min %.0f, max %.0f) over %d runs; %s items written per batch%n", median(ms), Arrays.stream(ms).min().orElse(0),
          Arrays.stream(ms).max().orElse(0), runs, summary.get("items_written"));
      dynamo.deleteTable(r -> r.tableName(table));
    } finally {
      Emulator.clearSdkProperties();
    }
  }

  /** n events: per configuration set about 94% sends, 2% deliveries... mixed so every kind is parsed. */
  static List<String> bodies(int n, Instant time, int seed) {
    String[] kinds = {"SEND", "SEND", "SEND", "SEND", "DELIVERY", "DELIVERY", "DELIVERY", "SOFT_BOUNCE", "BOUNCE", "COMPLAINT"};
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int cs = i % SCOPES;
      out.add(EventFactory.eventBridge(kinds[(i / SCOPES) % kinds.length], "cs-" + cs, "brand" + cs + ".example",
          "user" + i + "@mail" + (i % 5) + ".example", time, seed * n + i));
    }
    return out;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
