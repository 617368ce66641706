package dev.sesops.bench;

import dev.sesops.audit.AccountAudit;
import dev.sesops.audit.Auditor;
import dev.sesops.audit.Finding;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import dev.sesops.testing.Dnsmasq;
import dev.sesops.testing.ScaleAccount;
import dev.sesops.wiring.AuditFunction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Not a test: runs the real audit (real SDK clients over HTTP) against an account of N identities,
 * one domain in five, with SES on an in-process WireMock that counts the calls, the report bucket
 * on moto and DNS on a local dnsmasq that answers NXDOMAIN at once. Prints per N the SES calls, the
 * wall time of the audit (one warm-up run, then BENCH_RUNS measured) and what SES's 1 call per
 * second would add. SES calls are paced at 200 a second here, so the wall time is the code's.
 *
 * <pre>scripts/bench-audit.sh [N ...]   (default 10 100 1000)</pre>
 */
public final class AuditBenchmark {
  /** ListIdentities with MaxItems=1000, as the audit asks: one page per 1,000 identities. */
  private static final int PAGE = 1000;

  private static final int DOMAIN_EVERY = 5;

  public static void main(String[] args) {
    List<Integer> sizes =
        Arrays.stream(args.length == 0 ? new String[] {"10", "100", "1000"} : args)
            .map(Integer::parseInt)
            .toList();
    int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "5"));
    Clock clock = Clock.systemUTC();
    List<String> rows = new ArrayList<>();
    try (Dnsmasq dns = Dnsmasq.records().local("example.com").start()) {
      for (int n : sizes) {
        List<String> identities = ScaleAccount.identities(n, DOMAIN_EVERY);
        long domains = identities.stream().filter(i -> !i.contains("@")).count();
        try (ScaleAccount account =
            ScaleAccount.start(
                identities, PAGE, Map.of("SES_OPS_DNS_SERVERS", dns.hostAndPort()))) {
          Auditor auditor = AuditFunction.auditor(account.settings(), clock);
          int calls = 0;
          double[] ms = new double[runs];
          for (int run = -1; run < runs; run++) { // run -1: warm-up, not measured
            account.resetCalls();
            long t0 = System.nanoTime();
            AccountAudit a =
                auditor
                    .audit(List.of(account.name()), false, Deadline.none(clock), "bench")
                    .accounts()
                    .get(0);
            double elapsed = (System.nanoTime() - t0) / 1e6;
            calls = check(a, account.calls().size(), n);
            if (run >= 0) {
              ms[run] = elapsed;
            }
          }
          Arrays.sort(ms);
          double median = runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
          // with a burst of 1, every call after the first waits its second: the code's own time
          // mostly overlaps
          rows.add(
              String.format(
                  "| %,d | %d / %d | %d | %d | %.0f ms | %.0f ms | %.0f ms | %d s |",
                  n, domains, n - domains, calls, runs, median, ms[0], ms[runs - 1], calls - 1));
        }
      }
    }
    System.out.println(
        "| identities | domains / email addresses | SES calls | runs | median | min | max | at SES's 1 call/s, at least |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  /**
   * The audit's own count and WireMock's must agree, and the audit must have finished with every
   * DNS answer.
   */
  private static int check(AccountAudit a, int served, int n) {
    boolean lookupFailed =
        a.findings().stream().map(Finding::id).anyMatch("dns.lookup_failed"::equals);
    if (!a.complete()
        || a.sesCalls() != served
        || lookupFailed
        || a.identities().values().stream().mapToInt(Integer::intValue).sum() != n) {
      throw new IllegalStateException(
          "audit of "
              + n
              + " identities: "
              + served
              + " SES calls served; "
              + Json.write(a.checks())
              + " not reached "
              + a.notReached()
              + ", lookup failed "
              + lookupFailed);
    }
    return served;
  }
}
