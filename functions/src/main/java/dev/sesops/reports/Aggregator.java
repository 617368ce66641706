package dev.sesops.reports;

import dev.sesops.reports.AggregateReport.AuthResult;
import dev.sesops.reports.AggregateReport.ReportRecord;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds one report's rows up per source class (the report's day is the day its period starts, UTC).
 */
final class Aggregator {
  static final int TOP_SOURCES = 10;

  List<Aggregate> aggregate(AggregateReport report, SourceClassifier.Run run) {
    String domain = report.policy().domain();
    LocalDate day = LocalDate.ofInstant(report.begin(), ZoneOffset.UTC);
    Map<SourceClass, Acc> byClass = new EnumMap<>(SourceClass.class);
    for (ReportRecord r : report.records()) {
      Source s = run.classify(r.sourceIp(), r.headerFrom() == null ? domain : r.headerFrom());
      Acc a = byClass.computeIfAbsent(s.kind(), k -> new Acc());
      if (a.account == null) {
        a.account = s.account();
      }
      a.messages += r.count();
      a.dkim += "pass".equals(r.dkim()) ? r.count() : 0;
      a.spf += "pass".equals(r.spf()) ? r.count() : 0;
      a.dispositions.merge(r.disposition(), r.count(), Long::sum);
      a.sources.merge(s.label(), r.count(), Long::sum);
      if (r.dmarcPass()) {
        a.pass += r.count();
      } else {
        a.failing.merge(s.label(), r.count(), Long::sum);
        if (s.kind() == SourceClass.SES) {
          a.causes.merge(cause(r), r.count(), Long::sum);
        }
      }
    }
    List<Aggregate> out = new ArrayList<>();
    byClass.forEach(
        (k, a) ->
            out.add(
                new Aggregate(
                    domain,
                    day,
                    k.label(),
                    a.account,
                    report.org(),
                    report.reportId(),
                    a.messages,
                    a.pass,
                    a.dkim,
                    a.spf,
                    Map.copyOf(a.dispositions),
                    top(a.failing),
                    top(a.sources),
                    Map.copyOf(a.causes))));
    return out;
  }

  /**
   * Why SES mail failed: signed, but by another domain (Easy DKIM lost after a DNS change), or no
   * passing signature at all.
   */
  static String cause(ReportRecord r) {
    for (AuthResult d : r.dkimResults()) {
      if ("pass".equals(d.result())) {
        return "dkim-unaligned";
      }
    }
    return "dkim-failed";
  }

  private static Map<String, Long> top(Map<String, Long> m) {
    Map<String, Long> out = new LinkedHashMap<>();
    m.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_SOURCES)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static final class Acc {
    String account;
    long messages;
    long pass;
    long dkim;
    long spf;
    final Map<String, Long> dispositions = new LinkedHashMap<>();
    final Map<String, Long> failing = new LinkedHashMap<>();
    final Map<String, Long> sources = new LinkedHashMap<>();
    final Map<String, Long> causes = new LinkedHashMap<>();
  }
}
