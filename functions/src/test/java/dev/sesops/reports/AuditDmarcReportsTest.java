package dev.sesops.reports;

import static dev.sesops.reports.ReportFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.sesops.audit.DmarcSection;
import dev.sesops.testing.FixedConfig;
import dev.sesops.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit's DMARC section: the reports' read model (DmarcQuery) reshaped, and the advice when no
 * reports arrived.
 */
class AuditDmarcReportsTest {
  private static final String ACCOUNTS =
      "{\"accounts\": {\"production\": {\"region\": \"us-east-1\", \"verified_domains\": [\"example.com\"]}}";
  private final Fakes.Dns dns =
      Fakes.sesDns().txt("_dmarc.quiet.example", "v=DMARC1; p=none; adkim=s");
  private final Fakes.Store store = new Fakes.Store();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));

  private AuditDmarcReports reports(String config, String receiptDomain) {
    return new AuditDmarcReports(
        new DmarcQuery(FixedConfig.of(config), store, dns, clock),
        FixedConfig.of(config),
        receiptDomain);
  }

  private void ingestGoogleReport() {
    new ReportsService(
            FixedConfig.of(ReportsServiceTest.CONFIG),
            new Fakes.Objects().put("a", load("google.xml")),
            ReportLimits.defaults(),
            new SourceClassifier(dns, new Fakes.NoDedicatedIps(), clock),
            store,
            new DmarcAlerter(new Fakes.Alerts(), new Fakes.State(), clock),
            dns,
            clock)
        .ingest(List.of(new ReportsService.StoredObject("b", "a")));
  }

  @Test
  void section_carriesTheQuerysVerdictRecordRatesAndDailyCounts() {
    ingestGoogleReport();

    DmarcSection s = reports(ReportsServiceTest.CONFIG, null).section("example.com", 30);

    assertThat(s.messages()).isEqualTo(1243);
    assertThat(s.verdict())
        .startsWith("p=none to p=quarantine: 99.8% of 1,243 messages aligned")
        .contains("1 unknown source: 192.0.2.77 (mail.spoofer.test)");
    assertThat(s.ready()).isTrue();
    assertThat(s.dnsName()).isEqualTo("_dmarc.example.com");
    assertThat(s.dnsRecord())
        .isEqualTo("v=DMARC1; p=quarantine; rua=mailto:dmarc@reports.example.com; fo=1");
    assertThat(s.passRate()).isEqualTo(1240 / 1243.0);
    // DKIM aligned: SES 1200 and Zendesk 40; SPF aligned: SES 1200 only (Zendesk's SPF is
    // zendesk.com)
    assertThat(s.dkimAlignedRate()).isEqualTo(1240 / 1243.0);
    assertThat(s.spfAlignedRate()).isEqualTo(1200 / 1243.0);
    assertThat(s.dispositions()).containsEntry("none", 1243L);
    assertThat(s.sources())
        .extracting(DmarcSection.SourceRow::sourceClass, DmarcSection.SourceRow::messages)
        .containsExactly(tuple("ses", 1200L), tuple("known", 40L), tuple("unknown", 3L));
    assertThat(s.topFailing()).containsExactly("unknown: 192.0.2.77 (mail.spoofer.test)");
    assertThat(s.daily()).containsExactly(new DmarcSection.Day("2026-12-05", 1200, 40, 3, 1240));
    assertThat(s.advice()).isNull();
    assertThat(s.error()).isNull();
  }

  @Test
  void section_withoutReports_namesTheReceiptDomainsAddress_andTheAuthorisationRecord() {
    DmarcSection s =
        reports(ReportsServiceTest.CONFIG, "Reports.Ops.test").section("quiet.example", 30);

    assertThat(s.messages()).isZero();
    assertThat(s.advice())
        .startsWith(
            "no DMARC reports received in 30 days: publish rua=mailto:dmarc@reports.ops.test in _dmarc.quiet.example")
        .contains("quiet.example._report._dmarc.reports.ops.test has the TXT record v=DMARC1");
    assertThat(s.dnsRecord())
        .isEqualTo("v=DMARC1; p=none; adkim=s; rua=mailto:dmarc@reports.ops.test");
    assertThat(s.daily()).isEmpty();
  }

  @Test
  void section_withoutReports_prefersTheConfiguredRua_andGivesGenericAdviceWithoutAny() {
    String withRua = ACCOUNTS + ", \"dmarc\": {\"rua\": \"mailto:dmarc@quiet.example\"}}";
    DmarcSection configured = reports(withRua, "reports.ops.test").section("quiet.example", 30);
    assertThat(configured.advice())
        .contains("publish rua=mailto:dmarc@quiet.example in _dmarc.quiet.example")
        .doesNotContain("_report._dmarc");
    assertThat(configured.dnsRecord()).endsWith("; rua=mailto:dmarc@quiet.example");

    DmarcSection generic = reports(ACCOUNTS + "}", null).section("quiet.example", 30);
    assertThat(generic.advice())
        .startsWith(
            "no DMARC reports received in 30 days: publish a rua= address in _dmarc.quiet.example")
        .contains("reportsReceiptDomain");
    assertThat(generic.dnsRecord()).isEqualTo("v=DMARC1; p=none; adkim=s");
  }

  @Test
  void section_withoutReports_keepsThePolicyTheDomainPublishes() {
    dns.txt(
        "_dmarc.strict.example", "v=DMARC1; p=reject; adkim=s; rua=mailto:dmarc@strict.example");

    DmarcSection s =
        reports(ReportsServiceTest.CONFIG, "reports.ops.test").section("strict.example", 30);

    assertThat(s.current()).isEqualTo("p=reject");
    assertThat(s.dnsRecord())
        .isEqualTo(
            "v=DMARC1; p=reject; adkim=s; rua=mailto:dmarc@strict.example,mailto:dmarc@reports.ops.test");
  }

  @Test
  void withRua_addsTheAddressToAnExistingList_once() {
    assertThat(
            AuditDmarcReports.withRua("v=DMARC1; p=none; rua=mailto:a@x.test", "mailto:b@y.test"))
        .isEqualTo("v=DMARC1; p=none; rua=mailto:a@x.test,mailto:b@y.test");
    assertThat(
            AuditDmarcReports.withRua("v=DMARC1; p=none; rua=mailto:b@y.test;", "mailto:b@y.test"))
        .isEqualTo("v=DMARC1; p=none; rua=mailto:b@y.test");
  }
}
