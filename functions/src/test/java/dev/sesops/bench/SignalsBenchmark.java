package dev.sesops.bench;

import dev.sesops.monitor.MonitorReport;
import dev.sesops.signals.SignalsFixture;
import dev.sesops.testing.SesSignalsStub;
import dev.sesops.testing.SesSignalsStub.Tenant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: SES calls per monitor run for one account with N tenants (P of them paused), VDM on
 * with 10 findings, through the real monitor (real SDK clients over HTTP) against the WireMock SES
 * v2 stub ({@link SesSignalsStub}, which counts calls per operation) and moto (SES v1, DynamoDB,
 * SNS). SES calls are paced at 500 a second here, so the wall time is the code's; the last column
 * is what SES's 1 call per second makes of the calls. No events reach the account in this setup, so
 * the pipeline check takes its stale path (ListConfigurationSets: the account has none, so no
 * alert).
 *
 * <pre>scripts/bench-signals.sh [N:P ...]   (default 100:1 1000:0 1000:3 1000:100 5000:3)</pre>
 */
public final class SignalsBenchmark {
  /**
   * SES v1 calls the monitor makes on moto, not counted by the stub: GetSendQuota,
   * GetSendStatistics.
   */
  private static final int SES_V1_CALLS = 2;

  public static void main(String[] args) throws Exception {
    List<String> cases =
        Arrays.asList(
            args.length == 0
                ? new String[] {"100:1", "1000:0", "1000:3", "1000:100", "5000:3"}
                : args);
    int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "3"));
    List<String> rows = new ArrayList<>();
    rows.add(
        String.format(
            "%-8s %-7s %-6s %-7s %-7s %-6s %-6s %-6s %-6s %-7s %-9s %s",
            "tenants",
            "paused",
            "GetAcc",
            "ListRec",
            "ListTen",
            "ListRE",
            "GetRE",
            "BatchM",
            "ListCS",
            "ses_all",
            "median_ms",
            "at_1_call_per_s"));
    for (String c : cases) {
      int n = Integer.parseInt(c.split(":")[0]);
      int paused = Integer.parseInt(c.split(":")[1]);
      try (SignalsFixture fx = new SignalsFixture()) {
        SesSignalsStub ses = fx.ses;
        for (int i = 0; i < 10; i++) {
          ses.finding(
              "arn:aws:ses:us-east-1:111122223333:identity/d" + i + ".example.com",
              "BIMI",
              "LOW",
              i == 0 ? "OPEN" : "FIXED",
              "b");
        }
        for (int i = 0; i < n; i++) {
          if (i < paused) {
            ses.tenant(
                new Tenant(
                    "t" + i,
                    "DISABLED",
                    "ENABLED",
                    null,
                    "DISABLED",
                    "Bounce rate above 10%",
                    "arn:aws:ses:::reputation-policy/standard"));
          } else {
            ses.healthyTenant("t" + i);
          }
        }
        ses.metric("Gmail", "SEND", 1000);
        ses.metric("Gmail", "DELIVERY", 990);
        fx.monitor(); // warm-up (and the first alerts)
        long[] ms = new long[runs];
        for (int r = 0; r < runs; r++) {
          ses.resetCounts();
          long t0 = System.nanoTime();
          MonitorReport report = fx.monitor();
          ms[r] = (System.nanoTime() - t0) / 1_000_000;
          if (report.accounts().get(0).errors().size() > 0) {
            throw new IllegalStateException("source errors: " + report.accounts().get(0).errors());
          }
        }
        Arrays.sort(ms);
        int total = ses.totalCalls() + SES_V1_CALLS;
        rows.add(
            String.format(
                "%-8d %-7d %-6d %-7d %-7d %-6d %-6d %-6d %-6d %-7d %-9d ~%d s",
                n,
                paused,
                ses.calls(SesSignalsStub.ACCOUNT),
                ses.calls(SesSignalsStub.RECOMMENDATIONS),
                ses.calls(SesSignalsStub.TENANTS),
                ses.calls(SesSignalsStub.ENTITIES),
                ses.calls(SesSignalsStub.ENTITY),
                ses.calls(SesSignalsStub.METRICS),
                ses.calls(SesSignalsStub.CONFIG_SETS) + ses.calls(SesSignalsStub.DESTINATIONS),
                total,
                ms[ms.length / 2],
                total));
      }
    }
    rows.forEach(System.out::println);
  }
}
