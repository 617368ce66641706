package dev.sesops.monitor;

import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigParser;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.local.LocalContext;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.MetricPoint;
import dev.sesops.ses.Quota;
import dev.sesops.ses.Reputation;
import dev.sesops.ses.SendPoint;
import dev.sesops.testing.FixedConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (scripts/bench.sh; not a test): the warm invocation overhead of the monitor, that is
 * everything but the SES calls. The real handler, Monitor, evaluator, notifier and JSON run against
 * in-memory sources that answer at once, for one account, in a warm JVM: decode the event, load the
 * config, judge the signals, check the alert state, write the report.
 *
 * <pre>java -cp TEST_CLASSPATH dev.sesops.monitor.MonitorOverheadBench [WARMUP] [MEASURED]</pre>
 */
public final class MonitorOverheadBench {
  private static final SesOpsConfig CONFIG =
      ConfigParser.parse(
          """
      {"accounts": {"production": {"region": "us-east-1"}, "staging": {"region": "eu-west-1"}}}""");

  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    byte[] event;
    try (InputStream in =
        MonitorOverheadBench.class.getResourceAsStream("/events/monitor/scheduled-accounts.json")) {
      event = in.readAllBytes();
    }
    MonitorHandler handler = handler();
    LocalContext context = new LocalContext("monitor", Duration.ofMinutes(2));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long firstStart = System.nanoTime();
    handler.handleRequest(new ByteArrayInputStream(event), out, context);
    double firstMs = (System.nanoTime() - firstStart) / 1e6;
    if (!out.toString().contains("\"accounts\":1")) {
      throw new IllegalStateException("unexpected report: " + out);
    }
    for (int i = 0; i < warmup; i++) {
      out.reset();
      handler.handleRequest(new ByteArrayInputStream(event), out, context);
    }
    long[] nanos = new long[measured];
    for (int i = 0; i < measured; i++) {
      out.reset();
      long start = System.nanoTime();
      handler.handleRequest(new ByteArrayInputStream(event), out, context);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "{\"label\":\"warm overhead, in-memory sources (first call %.1f ms)\",\"runs\":%d,\"median_ms\":%.3f,\"min_ms\":%.3f,\"max_ms\":%.3f,\"p99_ms\":%.3f}%n",
        firstMs,
        measured,
        nanos[measured / 2] / 1e6,
        nanos[0] / 1e6,
        nanos[measured - 1] / 1e6,
        nanos[(int) (measured * 0.99)] / 1e6);
  }

  private static MonitorHandler handler() {
    Instant now = Instant.parse("2026-11-29T12:00:00Z");
    Clock clock = Clock.systemUTC();
    ConfigSource config = FixedConfig.of(CONFIG);
    SesHealthSource source =
        new SesHealthSource() {
          @Override
          public AccountStatus account(AccountConfig a) {
            return new AccountStatus("HEALTHY", true, true);
          }

          @Override
          public Quota quota(AccountConfig a) {
            return new Quota(50_000, 14, 1_200);
          }

          @Override
          public Reputation reputation(AccountConfig a, Instant from, Instant to) {
            return new Reputation(new MetricPoint(0.004, now), new MetricPoint(0.0001, now));
          }

          @Override
          public List<SendPoint> sendStatistics(AccountConfig a) {
            return List.of(
                new SendPoint(now, 1_000, 4, 0, 0),
                new SendPoint(now.minusSeconds(900), 200, 1, 0, 0));
          }
        };
    Monitor monitor =
        new Monitor(
            config,
            source,
            () ->
                new Notifier(
                    new NotifierTest.InMemoryAlertState(), new NotifierTest.RecordingPublisher()),
            new MetricsSink(new PrintStream(OutputStream.nullOutputStream())),
            clock);
    return new MonitorHandler(monitor, clock);
  }

  private MonitorOverheadBench() {}
}
