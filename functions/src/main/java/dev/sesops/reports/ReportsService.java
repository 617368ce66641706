package dev.sesops.reports;

import dev.sesops.audit.DnsAnswer;
import dev.sesops.audit.DnsLookup;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.SesOpsConfig;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the objects an S3 event names and takes each report through: parse, dedupe, classify,
 * aggregate, store, alert; then decides each touched domain's readiness verdict over {@link
 * #VERDICT_DAYS} days. A rejected object or document is logged with its key and reason, counted,
 * and never stops the others; a storage or DNS failure propagates (the invocation is retried, then
 * dead-lettered).
 */
public final class ReportsService {
  static final int VERDICT_DAYS = 30;
  private static final Logger LOG = LoggerFactory.getLogger(ReportsService.class);

  /** One object to read. */
  record StoredObject(String bucket, String key) {}

  private final ConfigSource config;
  private final ObjectSource objects;
  private final ReportParser parser;
  private final ReportLimits limits;
  private final SourceClassifier classifier;
  private final ReportStore store;
  private final DmarcAlerter alerter;
  private final DnsLookup dns;
  private final Clock clock;
  private final Aggregator aggregator = new Aggregator();
  private final Readiness readiness = new Readiness();

  public ReportsService(
      ConfigSource config,
      ObjectSource objects,
      ReportLimits limits,
      SourceClassifier classifier,
      ReportStore store,
      DmarcAlerter alerter,
      DnsLookup dns,
      Clock clock) {
    this.config = config;
    this.objects = objects;
    this.parser = new ReportParser(limits);
    this.limits = limits;
    this.classifier = classifier;
    this.store = store;
    this.alerter = alerter;
    this.dns = dns;
    this.clock = clock;
  }

  /** The same service reading its objects from {@code other} (local files). */
  ReportsService withObjects(ObjectSource other) {
    return new ReportsService(config, other, limits, classifier, store, alerter, dns, clock);
  }

  IngestResult ingest(List<StoredObject> list) {
    long started = System.nanoTime();
    SesOpsConfig cfg = config.load();
    SourceClassifier.Run run = classifier.run(cfg.dmarc(), cfg.accounts());
    List<ParsedObject.Rejection> rejected = new ArrayList<>();
    List<String> alerts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, Set<LocalDate>> touched = new LinkedHashMap<>();
    Map<String, String> sesAccount = new LinkedHashMap<>();
    int reports = 0;
    int tls = 0;
    int duplicates = 0;
    long records = 0;
    for (StoredObject o : list) {
      byte[] bytes = objects.read(o.bucket(), o.key(), limits.maxObjectBytes());
      ParsedObject parsed = parser.parse(o.key(), bytes);
      for (ParsedObject.Rejection r : parsed.rejected()) {
        LOG.warn("report rejected: key={} reason={}", r.key(), r.reason());
        rejected.add(r);
      }
      for (AggregateReport report : parsed.dmarc()) {
        if (!seen.add("dmarc\n" + report.org() + "\n" + report.reportId())) {
          duplicates++;
          continue;
        }
        List<Aggregate> aggs = aggregator.aggregate(report, run);
        if (!store.store(report, aggs)) {
          duplicates++;
          continue;
        }
        reports++;
        records += report.records().size();
        String domain = report.policy().domain();
        touched
            .computeIfAbsent(domain, k -> new LinkedHashSet<>())
            .add(LocalDate.ofInstant(report.begin(), ZoneOffset.UTC));
        Map<String, Long> unknown = new LinkedHashMap<>();
        for (Aggregate a : aggs) {
          if (a.sourceClass().equals(SourceClass.SES.label()) && a.account() != null) {
            sesAccount.putIfAbsent(domain, a.account());
          }
          if (a.sourceClass().equals(SourceClass.UNKNOWN.label())) {
            unknown.putAll(a.sources());
          }
        }
        alerts.addAll(
            alerter.unknownSenders(
                domain,
                Optional.ofNullable(sesAccount.get(domain)).orElse(run.account(domain)),
                unknown,
                cfg.dmarc()));
      }
      for (TlsReport report : parsed.tls()) {
        if (!seen.add("tls\n" + report.org() + "\n" + report.reportId())
            || !store.storeTls(report)) {
          duplicates++;
          continue;
        }
        tls++;
        String domain = report.policies().isEmpty() ? null : report.policies().get(0).domain();
        alerts.addAll(alerter.tlsFailures(report, run.account(domain)));
      }
    }
    List<Verdict> verdicts = new ArrayList<>();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    for (Map.Entry<String, Set<LocalDate>> e : touched.entrySet()) {
      String domain = e.getKey();
      String account = Optional.ofNullable(sesAccount.get(domain)).orElse(run.account(domain));
      for (LocalDate day : e.getValue()) {
        Optional<DaySummary> ses =
            store.summaries(domain, day, day).stream()
                .filter(s -> s.sourceClass().equals(SourceClass.SES.label()))
                .findFirst();
        alerts.addAll(alerter.sesFailures(domain, day, ses, account, cfg.dmarc()));
      }
      verdicts.add(verdict(domain, VERDICT_DAYS, today, cfg));
    }
    IngestResult result =
        new IngestResult(
            list.size(),
            reports,
            tls,
            duplicates,
            records,
            List.copyOf(rejected),
            List.copyOf(alerts),
            List.copyOf(verdicts));
    LOG.info(
        "reports ingested: objects={} reports={} tls_reports={} duplicates={} records={} rejected={} alerts={} duration_ms={}",
        list.size(),
        reports,
        tls,
        duplicates,
        records,
        rejected.size(),
        alerts.size(),
        (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  Verdict verdict(String domain, int days, LocalDate today, SesOpsConfig cfg) {
    List<DaySummary> summaries = store.summaries(domain, today.minusDays(days), today);
    return readiness.decide(
        domain,
        days,
        summaries,
        store.policy(domain),
        currentRecord(domain),
        cfg.dmarc().rua(),
        cfg.dmarc().minMessages());
  }

  /** The domain's DMARC record now, if DNS answers with one. */
  private Optional<String> currentRecord(String domain) {
    DnsAnswer a = dns.lookup("_dmarc." + domain, DnsLookup.Type.TXT);
    return a.records().stream()
        .filter(t -> t.toLowerCase(java.util.Locale.ROOT).startsWith("v=dmarc1"))
        .findFirst();
  }
}
