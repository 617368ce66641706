package dev.sesops.reports;

import static dev.sesops.reports.ReportFixtures.gzip;
import static dev.sesops.reports.ReportFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.core.Alert;
import dev.sesops.testing.FixedConfig;
import dev.sesops.testing.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportsServiceTest {
  static final String CONFIG =
      """
      {"accounts": {"production": {"region": "us-east-1", "verified_domains": ["example.com"]}},
       "dmarc": {"known_senders": [{"name": "Zendesk", "spf_include": "mail.zendesk.test"}],
                 "ses_failure_percent": 2.0, "min_messages": 100, "unknown_sender_min_messages": 3}}
      """;

  private final Fakes.Dns dns = Fakes.sesDns();
  private final Fakes.Store store = new Fakes.Store();
  private final Fakes.Alerts alerts = new Fakes.Alerts();
  private final Fakes.State state = new Fakes.State();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
  private final Fakes.Objects objects =
      new Fakes.Objects()
          .put("inbound/google", load("google-report.eml"))
          .put("reports/outlook.xml.gz", gzip(load("outlook.xml")))
          .put("reports/yahoo.xml.gz", gzip(load("yahoo.xml")))
          .put("reports/bis.xml", load("dmarcbis.xml"))
          .put("reports/tls.json.gz", gzip(load("google-tlsrpt.json")))
          .put("reports/junk.zip", new byte[] {'P', 'K', 3, 4, 0, 0});

  private ReportsService service() {
    return new ReportsService(
        FixedConfig.of(CONFIG),
        objects,
        ReportLimits.defaults(),
        new SourceClassifier(dns, new Fakes.NoDedicatedIps(), clock),
        store,
        new DmarcAlerter(alerts, state, clock),
        dns,
        clock);
  }

  private static List<ReportsService.StoredObject> keys(String... keys) {
    return java.util.Arrays.stream(keys)
        .map(k -> new ReportsService.StoredObject("bucket", k))
        .toList();
  }

  @Test
  void ingest_classifiesSesKnownAndUnknownSources_andAddsThemUpPerDomainDayAndClass() {
    IngestResult r =
        service()
            .ingest(
                keys(
                    "inbound/google",
                    "reports/outlook.xml.gz",
                    "reports/yahoo.xml.gz",
                    "reports/bis.xml"));

    assertThat(r.reports()).isEqualTo(4);
    assertThat(r.rejected()).isEmpty();
    List<DaySummary> day =
        store.summaries(
            "example.com", LocalDate.parse("2026-12-05"), LocalDate.parse("2026-12-05"));
    assertThat(day)
        .extracting(DaySummary::sourceClass)
        .containsExactlyInAnyOrder("ses", "known", "unknown");
    DaySummary ses =
        day.stream().filter(s -> s.sourceClass().equals("ses")).findFirst().orElseThrow();
    // google 1200 + outlook 300 + DMARCbis 25 (ip4 range) + yahoo 75 (ip6 range, through the
    // include)
    assertThat(ses.messages()).isEqualTo(1600);
    assertThat(ses.dmarcPass()).isEqualTo(1525);
    assertThat(ses.causes()).containsEntry("dkim-unaligned", 75L);
    assertThat(ses.failingSources()).containsExactly("2001:db8:5e5::25 (Amazon SES)");
    DaySummary known =
        day.stream().filter(s -> s.sourceClass().equals("known")).findFirst().orElseThrow();
    assertThat(known.messages()).isEqualTo(40);
    DaySummary unknown =
        day.stream().filter(s -> s.sourceClass().equals("unknown")).findFirst().orElseThrow();
    assertThat(unknown.failingSources()).containsExactly("192.0.2.77 (mail.spoofer.test)");
    assertThat(store.lines)
        .filteredOn(a -> a.sourceClass().equals("ses"))
        .extracting(Aggregate::account)
        .containsOnly("production");
  }

  @Test
  void sesAlignmentFailure_isOneCriticalAlert_evenWhenMoreReportsOfTheDayArrive() {
    service().ingest(keys("inbound/google", "reports/yahoo.xml.gz"));
    service().ingest(keys("reports/outlook.xml.gz"));

    List<Alert> critical =
        alerts.sent.stream().filter(a -> a.severity().equals("CRITICAL")).toList();
    assertThat(critical)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.account()).isEqualTo("production");
              assertThat(a.check()).isEqualTo("dmarc-ses-failing");
              assertThat(a.scope()).isEqualTo("from-domain:example.com");
              assertThat(a.subject()).contains("example.com").contains("dkim-unaligned");
              assertThat(a.body()).contains("5.9%").contains("of 1275 messages");
            });
  }

  @Test
  void sesMailBelowTheThreshold_raisesNoAlert() {
    service().ingest(keys("inbound/google", "reports/outlook.xml.gz", "reports/bis.xml"));

    assertThat(alerts.sent).filteredOn(a -> a.severity().equals("CRITICAL")).isEmpty();
  }

  @Test
  void unknownSenderAboveTheVolume_isAWarningNamingIt_once() {
    service().ingest(keys("inbound/google"));
    store.ids
        .clear(); // the same report again, as if from another reporter: no new name, no new alert
    service().ingest(keys("inbound/google"));

    assertThat(alerts.sent)
        .filteredOn(a -> a.check().equals("dmarc-unknown-senders"))
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.body())
                    .contains("192.0.2.77 (mail.spoofer.test)")
                    .doesNotContain("203.0.113.20"));
  }

  @Test
  void duplicateReports_areCountedOnce_withinARunAndAcrossRuns() {
    objects.put("reports/google-again.xml", load("google.xml"));
    IngestResult first = service().ingest(keys("inbound/google", "reports/google-again.xml"));
    IngestResult second = service().ingest(keys("reports/google-again.xml"));

    assertThat(first.reports()).isEqualTo(1);
    assertThat(first.duplicates()).isEqualTo(1);
    assertThat(second.reports()).isZero();
    assertThat(second.duplicates()).isEqualTo(1);
    assertThat(
            store
                .summaries(
                    "example.com", LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-07"))
                .stream()
                .mapToLong(DaySummary::messages)
                .sum())
        .isEqualTo(1243);
  }

  @Test
  void malformedObject_isRejectedWithItsKey_andTheOthersAreStillRead() {
    IngestResult r =
        service().ingest(keys("reports/junk.zip", "reports/bis.xml", "reports/tls.json.gz"));

    assertThat(r.reports()).isEqualTo(1);
    assertThat(r.tlsReports()).isEqualTo(1);
    assertThat(r.rejected())
        .singleElement()
        .satisfies(
            rej -> {
              assertThat(rej.key()).isEqualTo("reports/junk.zip");
              assertThat(rej.reason()).isNotBlank();
            });
  }

  @Test
  void tlsFailuresUnderMtaSts_areAWarningOncePerDay() {
    service().ingest(keys("reports/tls.json.gz"));
    store.ids.clear();
    service().ingest(keys("reports/tls.json.gz"));

    assertThat(alerts.sent)
        .filteredOn(a -> a.check().equals("tlsrpt-failures"))
        .singleElement()
        .satisfies(
            a -> assertThat(a.body()).contains("20 of 1000").contains("certificate-expired"));
  }

  @Test
  void verdict_staysAtNone_whileSesMailFails_andNamesTheRecordToKeep() {
    IngestResult r =
        service()
            .ingest(
                keys(
                    "inbound/google",
                    "reports/outlook.xml.gz",
                    "reports/yahoo.xml.gz",
                    "reports/bis.xml"));

    assertThat(r.verdicts())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.ready()).isFalse();
              assertThat(v.current()).isEqualTo("p=none");
              assertThat(v.summary())
                  .startsWith(
                      "stay at p=none: SES mail fails DMARC: 95.3% of 1,600 SES messages aligned");
              assertThat(v.dnsName()).isEqualTo("_dmarc.example.com");
              assertThat(v.dnsRecord())
                  .isEqualTo("v=DMARC1; p=none; rua=mailto:dmarc@reports.example.com; fo=1");
            });
  }

  @Test
  void verdict_movesToQuarantine_whenAlignedMailIsAbove98Percent_listingTheUnknownSources() {
    IngestResult r =
        service().ingest(keys("inbound/google", "reports/outlook.xml.gz", "reports/bis.xml"));

    Verdict v = r.verdicts().get(0);
    assertThat(v.ready()).isTrue();
    assertThat(v.next()).isEqualTo("p=quarantine");
    // 1565 of 1568 aligned: google 1200 + 40, outlook 300, DMARCbis 25
    assertThat(v.summary())
        .isEqualTo(
            "p=none to p=quarantine: 99.8% of 1,568 messages aligned; the 0.2% failing include"
                + " 1 unknown source: 192.0.2.77 (mail.spoofer.test)");
    assertThat(v.unknownSources()).containsExactly("192.0.2.77 (mail.spoofer.test)");
    assertThat(v.dnsRecord())
        .isEqualTo("v=DMARC1; p=quarantine; rua=mailto:dmarc@reports.example.com; fo=1");
  }

  @Test
  void sesRangesThatCannotBeResolved_failTheRun_ratherThanMisattributeMail() {
    dns.txt.remove("amazonses.com");

    assertThatThrownBy(() -> service().ingest(keys("reports/bis.xml")))
        .isInstanceOf(ReportsException.class)
        .hasMessageContaining("amazonses.com has 0 SPF records");
  }

  @Test
  void sesRanges_areCached_untilTheTtlPasses() {
    SourceClassifier c = new SourceClassifier(dns, new Fakes.NoDedicatedIps(), clock);
    var cfg = FixedConfig.of(CONFIG).load();
    c.run(cfg.dmarc(), cfg.accounts());
    c.run(cfg.dmarc(), cfg.accounts());
    long before = dns.asked.stream().filter(q -> q.equals("TXT amazonses.com")).count();
    clock.advance(SourceClassifier.TTL.plusSeconds(1));
    c.run(cfg.dmarc(), cfg.accounts());

    assertThat(before).isEqualTo(1);
    assertThat(dns.asked.stream().filter(q -> q.equals("TXT amazonses.com")).count()).isEqualTo(2);
  }
}
