package dev.sesops.reports;

import dev.sesops.testing.FixedConfig;
import dev.sesops.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Benchmark (not a test; run by scripts/bench-reports.sh): one 10,000-record aggregate report,
 * gzipped, parsed in a fresh JVM (the first parse, class loading included; must be under 2 s), then
 * parse + classify + aggregate warm, in records per second. No I/O: DNS answers come from memory.
 */
public final class ReportsBenchmark {
  private ReportsBenchmark() {}

  public static void main(String[] args) {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int runs = Integer.getInteger("bench.runs", 20);
    byte[] report = gzip(report(records));
    ReportParser parser = new ReportParser(ReportLimits.defaults());

    long t0 = System.nanoTime();
    ParsedObject first = parser.parse("reports/bench.xml.gz", report);
    double firstMs = (System.nanoTime() - t0) / 1e6;
    if (first.dmarc().size() != 1 || first.dmarc().get(0).records().size() != records) {
      throw new IllegalStateException("benchmark report not read: " + first.rejected());
    }

    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    Fakes.Dns dns = Fakes.sesDns();
    SourceClassifier classifier = new SourceClassifier(dns, new Fakes.NoDedicatedIps(), clock);
    var cfg = FixedConfig.of(ReportsServiceTest.CONFIG).load();
    Aggregator aggregator = new Aggregator();
    double[] parseMs = new double[runs];
    double[] fullMs = new double[runs];
    for (int i = -5; i < runs; i++) {
      long a = System.nanoTime();
      AggregateReport r = parser.parse("reports/bench.xml.gz", report).dmarc().get(0);
      long b = System.nanoTime();
      // a new run per iteration: classification memoises per IP within a run only
      List<Aggregate> aggs = aggregator.aggregate(r, classifier.run(cfg.dmarc(), cfg.accounts()));
      long c = System.nanoTime();
      if (aggs.isEmpty()) {
        throw new IllegalStateException("nothing aggregated");
      }
      if (i >= 0) {
        parseMs[i] = (b - a) / 1e6;
        fullMs[i] = (c - a) / 1e6;
      }
    }
    Arrays.sort(parseMs);
    Arrays.sort(fullMs);
    double medParse = parseMs[runs / 2];
    double medFull = fullMs[runs / 2];
    System.out.printf(
        Locale.ROOT,
        "{\"label\":\"first parse of a %d-record report (.xml.gz, fresh JVM)\",\"ms\":%.1f,\"budget_ms\":2000}%n",
        records,
        firstMs);
    System.out.printf(
        Locale.ROOT,
        "{\"label\":\"warm parse, median of %d\",\"ms\":%.1f,\"records_per_s\":%.0f}%n",
        runs,
        medParse,
        records / (medParse / 1000));
    System.out.printf(
        Locale.ROOT,
        "{\"label\":\"warm parse + classify + aggregate, median of %d\",\"ms\":%.1f,\"records_per_s\":%.0f}%n",
        runs,
        medFull,
        records / (medFull / 1000));
    if (firstMs > 2000) {
      System.err.printf(
          Locale.ROOT,
          "over budget: the first %d-record parse took %.0f ms (budget 2000 ms)%n",
          records,
          firstMs);
      System.exit(1);
    }
  }

  /**
   * A Google-shaped report: sources spread over SES (ip4 and ip6), a known sender and unknown
   * addresses.
   */
  static byte[] report(int records) {
    StringBuilder sb = new StringBuilder(records * 700);
    sb.append(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<feedback>\n  <report_metadata>\n    <org_name>google.com</org_name>\n")
        .append("    <email>noreply-dmarc-support@google.com</email>\n    <report_id>bench-")
        .append(records)
        .append("</report_id>\n")
        .append(
            "    <date_range>\n      <begin>1796428800</begin>\n      <end>1796515199</end>\n    </date_range>\n  </report_metadata>\n")
        .append(
            "  <policy_published>\n    <domain>example.com</domain>\n    <adkim>r</adkim>\n    <aspf>r</aspf>\n    <p>none</p>\n")
        .append("    <sp>none</sp>\n    <pct>100</pct>\n  </policy_published>\n");
    for (int i = 0; i < records; i++) {
      String ip =
          switch (i % 4) {
            case 0 -> "198.51.100." + (i % 250);
            case 1 -> "2001:db8:5e5::" + Integer.toHexString(i % 65000);
            case 2 -> "203.0.113." + (i % 120);
            default -> "192.0.2." + (i % 250);
          };
      boolean pass = i % 10 != 3;
      sb.append("  <record>\n    <row>\n      <source_ip>")
          .append(ip)
          .append("</source_ip>\n      <count>")
          .append(1 + i % 50)
          .append(
              "</count>\n      <policy_evaluated>\n        <disposition>none</disposition>\n        <dkim>")
          .append(pass ? "pass" : "fail")
          .append("</dkim>\n        <spf>")
          .append(pass ? "pass" : "fail")
          .append(
              "</spf>\n      </policy_evaluated>\n    </row>\n    <identifiers>\n      <header_from>example.com</header_from>\n")
          .append(
              "    </identifiers>\n    <auth_results>\n      <dkim>\n        <domain>example.com</domain>\n        <result>")
          .append(pass ? "pass" : "fail")
          .append("</result>\n        <selector>s1</selector>\n      </dkim>\n      <spf>\n")
          .append(
              "        <domain>mail.example.com</domain>\n        <result>pass</result>\n      </spf>\n    </auth_results>\n  </record>\n");
    }
    sb.append("</feedback>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
