package dev.sesops.audit;

import dev.sesops.testing.Dnsmasq;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: the audit's per-domain DNS work (DKIM, verification TXT, DMARC with report
 * authorisation, SPF evaluation of the domain and its MAIL FROM, MTA-STS, TLS-RPT, BIMI, DNSSEC)
 * for N domains against a real dnsmasq, on the audit's own pool of {@link Auditor#DNS_THREADS}
 * threads, through dnsjava. Every domain is published fully (MX, MTA-STS TXT, an external rua): the
 * most questions a healthy domain asks. Prints the DNS questions per domain and the wall time (one
 * warm-up, then BENCH_RUNS measured, median).
 *
 * <pre>scripts/bench-audit-dns.sh [N]   (default 1000)</pre>
 */
public final class DnsScaleBenchmark {
  public static void main(String[] args) throws Exception {
    int n = args.length == 0 ? 1000 : Integer.parseInt(args[0]);
    int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "3"));
    Dnsmasq.Records r =
        Dnsmasq.records()
            .local("bench")
            .txt("amazonses.com", "v=spf1 ip4:199.255.192.0/22 -all")
            .txt("_spf.provider.bench", "v=spf1 ip4:192.0.2.0/24 -all");
    List<IdentityAttributes> domains = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String d = "d" + i + ".bench";
      List<String> tokens = List.of("a" + i, "b" + i, "c" + i);
      for (String t : tokens) {
        r.cname(t + "._domainkey." + d, t + ".dkim.amazonses.com");
      }
      r.txt("_amazonses." + d, "tok" + i)
          .txt("_dmarc." + d, "v=DMARC1; p=reject; rua=mailto:agg@reports.bench")
          .txt(d + "._report._dmarc.reports.bench", "v=DMARC1")
          .txt(d, "v=spf1 include:amazonses.com include:_spf.provider.bench -all")
          .mx(d, "mx." + d, 10)
          .txt("_mta-sts." + d, "v=STSv1; id=1")
          .txt("_smtp._tls." + d, "v=TLSRPTv1; rua=mailto:tls@" + d)
          .txt("default._bimi." + d, "v=BIMI1; l=; a=")
          .line("dns-rr=" + d + ",43,30390D02" + "AB".repeat(32))
          .mx("mail." + d, "feedback-smtp.us-east-1.amazonses.com", 10)
          .txt("mail." + d, "v=spf1 include:amazonses.com -all");
      domains.add(
          new IdentityAttributes(
              d,
              "Success",
              "tok" + i,
              true,
              "Success",
              tokens,
              "mail." + d,
              "Success",
              "b",
              "c",
              false));
    }
    try (Dnsmasq dns = r.start()) {
      AtomicLong questions = new AtomicLong();
      DnsLookup real = DnsJavaLookup.fromServers(dns.hostAndPort());
      DnsLookup counting =
          (name, type) -> {
            questions.incrementAndGet();
            return real.lookup(name, type);
          };
      DnsChecks checks = new DnsChecks(counting);
      PostureChecks posture = new PostureChecks(counting, HttpsFetcher.standard(counting));
      ExecutorService pool = Executors.newFixedThreadPool(Auditor.DNS_THREADS);
      double[] ms = new double[runs];
      long perRun = 0;
      int findings = 0;
      for (int run = -1; run < runs; run++) {
        questions.set(0);
        long t0 = System.nanoTime();
        List<Future<Integer>> fs = new ArrayList<>();
        for (IdentityAttributes a : domains) {
          fs.add(
              pool.submit(
                  () -> {
                    DnsChecks.Inspection in = checks.inspect("bench", "us-east-1", a.identity(), a);
                    return in.findings().size()
                        + posture.inspect("bench", a.identity(), in.dmarc()).findings().size();
                  }));
        }
        findings = 0;
        for (Future<Integer> f : fs) {
          findings += f.get();
        }
        double elapsed = (System.nanoTime() - t0) / 1e6;
        perRun = questions.get();
        if (run >= 0) {
          ms[run] = elapsed;
        }
      }
      pool.shutdownNow();
      Arrays.sort(ms);
      System.out.printf(
          "| domains | DNS questions | per domain | findings | runs | median | min | max |%n");
      System.out.printf(
          "| %,d | %,d | %.1f | %d | %d | %.0f ms | %.0f ms | %.0f ms |%n",
          n, perRun, (double) perRun / n, findings, runs, ms[runs / 2], ms[0], ms[runs - 1]);
    }
  }
}
