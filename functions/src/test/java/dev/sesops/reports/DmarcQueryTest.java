package dev.sesops.reports;

import static dev.sesops.reports.ReportFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.common.BadInputException;
import dev.sesops.testing.FixedConfig;
import dev.sesops.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmarcQueryTest {
  private final Fakes.Dns dns = Fakes.sesDns();
  private final Fakes.Store store = new Fakes.Store();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));

  @Test
  void domain_givesTotalsPerSourceClass_andTheVerdict_overTheDays() {
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
    DmarcQuery q = new DmarcQuery(FixedConfig.of(ReportsServiceTest.CONFIG), store, dns, clock);

    DmarcQuery.DomainDmarc d = q.domain("Example.COM.", 30);

    assertThat(d.domain()).isEqualTo("example.com");
    assertThat(d.messages()).isEqualTo(1243);
    assertThat(d.sources())
        .extracting(DmarcQuery.ClassTotals::sourceClass)
        .containsExactly("ses", "known", "unknown");
    assertThat(d.sources().get(2).failingSources())
        .containsExactly("192.0.2.77 (mail.spoofer.test)");
    assertThat(d.verdict().ready()).isTrue();
    // two days later the report is outside a 1-day window
    clock.advance(java.time.Duration.ofDays(2));
    assertThat(q.domain("example.com", 1).messages()).isZero();
  }

  @Test
  void badDomainOrDays_areRejectedNamingTheParameter() {
    DmarcQuery q = new DmarcQuery(FixedConfig.of(ReportsServiceTest.CONFIG), store, dns, clock);

    assertThatThrownBy(() -> q.domain("not a domain", 30))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("domain:");
    assertThatThrownBy(() -> q.domain("example.com", 0))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("days:");
  }
}
