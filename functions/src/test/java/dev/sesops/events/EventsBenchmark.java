package dev.sesops.events;

import dev.sesops.alert.DynamoDbAlertState;
import dev.sesops.alert.SnsAlertPublisher;
import dev.sesops.config.ConfigParser;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.FixedConfig;
import dev.sesops.testing.MutableClock;
import dev.sesops.testing.Sdk;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Not a test: the events function's figures (scripts/bench-events.sh).
 *
 * <ol>
 *   <li>parse and group, no I/O: events per second warm, median of BENCH_RUNS;
 *   <li>cost against moto DynamoDB, for a realistic mix of one account at a million events an hour
 *       (8 configuration sets, one tenant whose sends carry the sender's tenant tag, 3
 *       from-domains, 400 recipient domains with a long tail, about 48% sends, 45% deliveries, 2%
 *       hard and 1% soft bounces, 0.1% complaints, 2% delays), 15,000 events in batches of 100 and
 *       of 2,500, on an empty table and after six hours of earlier traffic: DynamoDB calls (every
 *       call, alert state included), read and write capacity units, bytes read and written per
 *       1,000 events, the largest item written, and a cost per million events at on-demand prices.
 * </ol>
 */
public final class EventsBenchmark {
  private static final String CONFIG =
      """
      {"accounts": {"production": {"region": "us-east-1", "aws_account_id": "111122223333"}}}""";

  /** us-east-1 on-demand, per million request units (DynamoDB pricing page, checked 2026-12). */
  static final double WRITE_PER_MILLION = 0.625;

  static final double READ_PER_MILLION = 0.125;
  private static final int EVENTS = 15_000;

  /** A million events an hour: one every 3.6 ms. */
  private static final long MICROS_BETWEEN_EVENTS = 3_600;

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "5"));
    Instant now = Instant.parse("2026-12-07T12:00:00Z");
    parseRate(runs, now);
    System.out.println();
    System.out.println(
        "| batch | table | calls /1k events | RCU /1k | WCU /1k | KB read /1k | KB written /1k | largest item | $ per million events |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    Map<String, double[]> results = new TreeMap<>();
    for (int batch : new int[] {100, 2_500}) {
      for (boolean history : new boolean[] {false, true}) {
        results.put(batch + (history ? "h" : "e"), scenario(batch, history, now));
      }
    }
    for (int batch : new int[] {100, 2_500}) {
      double ratio = results.get(batch + "h")[3] / results.get(batch + "e")[3];
      System.out.printf(
          Locale.ROOT,
          "batches of %,d: bytes read per 1,000 events with six hours of history / on an empty table = %.2f%n",
          batch,
          ratio);
    }
  }

  private static void parseRate(int runs, Instant now) {
    List<List<InboundEvent>> batches = new ArrayList<>();
    List<String> bodies = mix(100_000, now.minusSeconds(400), new Random(1));
    for (int i = 0; i < bodies.size(); i += 10_000) {
      List<InboundEvent> in = new ArrayList<>();
      for (int j = i; j < i + 10_000; j++) {
        in.add(new InboundEvent("m-" + j, Envelope.decode(bodies.get(j))));
      }
      batches.add(in);
    }
    AccountDirectory directory = new AccountDirectory(ConfigParser.parse(CONFIG));
    double[] rates = new double[runs];
    for (int run = -1; run < runs; run++) {
      long t0 = System.nanoTime();
      int n = 0;
      for (List<InboundEvent> b : batches) {
        n += SendingEventCounter.parse(b, directory, now).counted();
      }
      double s = (System.nanoTime() - t0) / 1e9;
      if (run >= 0) {
        rates[run] = n / s;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "parse+group (no I/O): 100,000 events in batches of 10,000, %d runs: median %,.0f events/s (min %,.0f, max %,.0f)%n",
        runs,
        median(rates),
        Arrays.stream(rates).min().orElse(0),
        Arrays.stream(rates).max().orElse(0));
  }

  /**
   * Returns calls, RCU, WCU, bytes read, bytes written per 1,000 events, largest item, dollars per
   * million.
   */
  private static double[] scenario(int batchSize, boolean history, Instant now) throws Exception {
    Emulator.pointSdkAt(Emulator.moto());
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String table = "ses-ops-bench-" + suffix;
    Map<String, AtomicLong> calls = new TreeMap<>();
    ExecutionInterceptor counting =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            synchronized (calls) {
              calls
                  .computeIfAbsent(
                      attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                      k -> new AtomicLong())
                  .incrementAndGet();
            }
          }
        };
    try (DynamoDbClient dynamo =
            DynamoDbClient.builder()
                .endpointOverride(Emulator.moto())
                .region(Emulator.REGION)
                .credentialsProvider(
                    () ->
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                            "testing", "testing"))
                .overrideConfiguration(c -> c.addExecutionInterceptor(counting))
                .build();
        SnsClient sns = Sdk.sns()) {
      Sdk.createStateTable(dynamo, table);
      String topic = sns.createTopic(r -> r.name("ses-ops-bench-" + suffix)).topicArn();
      StoreMeter meter = new StoreMeter();
      MutableClock clock = new MutableClock(now.minus(Duration.ofHours(6)));
      SendingEventCounter counter =
          new SendingEventCounter(
              FixedConfig.of(CONFIG),
              new DynamoDbCounterStore(dynamo, table, meter),
              () ->
                  new ScopeAlerter(
                      new DynamoDbAlertState(dynamo, table), new SnsAlertPublisher(sns, topic)));
      EventsProcessor processor = new EventsProcessor(List.of(counter), List.of(), clock);
      Random random = new Random(7);
      if (history) {
        // six hours of earlier traffic: 30 events a minute from the same scopes
        List<String> earlier = mix(6 * 60 * 30, now.minus(Duration.ofHours(6)), random, 2_000_000);
        for (int i = 0; i < earlier.size(); i += 500) {
          List<String> part = earlier.subList(i, Math.min(earlier.size(), i + 500));
          clock.set(Envelope.decode(part.get(part.size() - 1)).time().plusSeconds(1));
          processor.process(EventFactory.sqsEvent("h" + i, part));
        }
      }
      meter.reset();
      calls.clear();
      List<String> bodies = mix(EVENTS, now, random);
      for (int i = 0; i < bodies.size(); i += batchSize) {
        List<String> part = bodies.subList(i, Math.min(bodies.size(), i + batchSize));
        clock.set(Envelope.decode(part.get(part.size() - 1)).time().plusSeconds(1));
        BatchReport r = processor.process(EventFactory.sqsEvent("b" + i, part));
        if (!r.retry().isEmpty()) {
          throw new IllegalStateException("batch not counted: " + r.consumers());
        }
      }
      long totalCalls = calls.values().stream().mapToLong(AtomicLong::get).sum() - 0;
      double k = EVENTS / 1000.0;
      double callsPerK = totalCalls / k;
      double rcu = meter.readUnits() / k;
      double wcu = meter.writeUnits() / k;
      double read = meter.bytesRead() / k;
      double written = meter.bytesWritten() / k;
      double dollars = (wcu * 1000 * WRITE_PER_MILLION + rcu * 1000 * READ_PER_MILLION) / 1_000_000;
      System.out.printf(
          Locale.ROOT,
          "| %,d | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %,d B | %.3f |%n",
          batchSize,
          history ? "6 h of history" : "empty",
          callsPerK,
          rcu,
          wcu,
          read / 1024,
          written / 1024,
          meter.largestItem(),
          dollars);
      System.out.println("  calls: " + calls);
      dynamo.deleteTable(r -> r.tableName(table));
      return new double[] {callsPerK, rcu, wcu, read, written, meter.largestItem(), dollars};
    } finally {
      Emulator.clearSdkProperties();
    }
  }

  private static final String[] BIG = {
    "gmail.com",
    "yahoo.com",
    "outlook.com",
    "hotmail.com",
    "icloud.com",
    "aol.com",
    "gmx.de",
    "web.de",
    "orange.fr",
    "comcast.net"
  };

  static List<String> mix(int n, Instant start, Random random) {
    return mix(n, start, random, 0);
  }

  /**
   * {@code n} events from {@code start}, one every 3.6 ms (a million an hour), in the realistic mix
   * above.
   */
  static List<String> mix(int n, Instant start, Random random, int seed) {
    List<String> out = new ArrayList<>(n);
    long spacing = Math.max(MICROS_BETWEEN_EVENTS, seed > 0 ? 6 * 3600L * 1_000_000 / n : 0);
    for (int i = 0; i < n; i++) {
      Instant t = start.plusNanos((long) i * spacing * 1000);
      int cs = random.nextInt(8);
      String domain =
          random.nextDouble() < 0.7
              ? BIG[Math.min(BIG.length - 1, (int) (-Math.log(random.nextDouble()) * 2.5))]
              : "mail" + random.nextInt(390) + ".example";
      double r = random.nextDouble();
      String kind =
          r < 0.48
              ? "SEND"
              : r < 0.93
                  ? "DELIVERY"
                  : r < 0.95
                      ? "BOUNCE"
                      : r < 0.96
                          ? "SOFT_BOUNCE"
                          : r < 0.961 ? "COMPLAINT" : r < 0.981 ? "DELAY" : "SEND";
      String body =
          EventFactory.eventBridge(
              kind,
              "cs-" + cs,
              "brand" + (cs % 3) + ".example",
              "user" + i + "@" + domain,
              t,
              seed + i);
      if (cs == 0) {
        // the tenant: the sender tags every message ses-ops-tenant; SES adds ses:tenant-name to
        // bounces and complaints
        body =
            body.replace(
                "\"ses:operation\":[\"SendEmail\"]",
                "\"ses:operation\":[\"SendEmail\"],\"ses-ops-tenant\":[\"acme\"]"
                    + (kind.equals("BOUNCE") || kind.equals("COMPLAINT")
                        ? ",\"ses:tenant-name\":[\"acme\"]"
                        : ""));
      }
      out.add(body);
    }
    return out;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
