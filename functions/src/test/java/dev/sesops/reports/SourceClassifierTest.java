package dev.sesops.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.config.AccountConfig;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.testing.FixedConfig;
import dev.sesops.testing.MutableClock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceClassifierTest {
  private static final String CONFIG =
      """
      {"accounts": {"production": {"region": "us-east-1", "verified_domains": ["example.com"]},
                    "brand": {"region": "eu-west-1", "verified_domains": ["mail.example.com"]}},
       "dmarc": {"known_senders": [{"name": "Zendesk", "spf_include": "mail.zendesk.test"},
                                   {"name": "CRM", "ip_ranges": ["2001:db8:c0::/48"]}]}}
      """;
  private final Fakes.Dns dns = Fakes.sesDns();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
  private final SesOpsConfig cfg = FixedConfig.of(CONFIG).load();

  private SourceClassifier.Run run(DedicatedIps dedicated) {
    return new SourceClassifier(dns, dedicated, clock).run(cfg.dmarc(), cfg.accounts());
  }

  @Test
  void sesRanges_fromTheSpfChain_tieTheSourceToTheAccountWithTheLongestVerifiedDomain() {
    SourceClassifier.Run r = run(new Fakes.NoDedicatedIps());

    assertThat(r.classify("198.51.100.7", "example.com"))
        .isEqualTo(new Source("198.51.100.7", SourceClass.SES, "Amazon SES", "production"));
    assertThat(r.classify("2001:db8:5e5:1::9", "news.mail.example.com").account())
        .isEqualTo("brand");
    assertThat(r.classify("198.51.100.7", "other.test").account()).isNull();
  }

  @Test
  void dedicatedIps_areSes_forTheirOwnAccount_evenOutsideTheSpfRanges() {
    DedicatedIps dedicated =
        new DedicatedIps() {
          @Override
          public Map<String, String> byAddress(Collection<AccountConfig> accounts) {
            return Map.of("192.0.2.200", "brand");
          }
        };

    assertThat(run(dedicated).classify("192.0.2.200", "example.com"))
        .isEqualTo(new Source("192.0.2.200", SourceClass.SES, "SES dedicated IP", "brand"));
  }

  @Test
  void knownSenders_byTheirSpfIncludeOrRanges_andUnknownWithTheirPtrName() {
    SourceClassifier.Run r = run(new Fakes.NoDedicatedIps());

    assertThat(r.classify("203.0.113.20", "example.com"))
        .isEqualTo(new Source("203.0.113.20", SourceClass.KNOWN, "Zendesk", null));
    assertThat(r.classify("2001:db8:c0::1", "example.com").name()).isEqualTo("CRM");
    assertThat(r.classify("192.0.2.77", "example.com"))
        .isEqualTo(new Source("192.0.2.77", SourceClass.UNKNOWN, "mail.spoofer.test", null));
    assertThat(r.classify("192.0.2.78", "example.com").label()).isEqualTo("192.0.2.78 (no PTR)");
  }

  @Test
  void reverseNames_forIpv4AndIpv6() {
    assertThat(SourceClassifier.reverseName("192.0.2.77")).isEqualTo("77.2.0.192.in-addr.arpa");
    assertThat(SourceClassifier.reverseName("2001:db8::1"))
        .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
  }

  @Test
  void spfWithTooManyLookups_isRefused() {
    Fakes.Dns loop = new Fakes.Dns().txt("amazonses.com", "v=spf1 include:amazonses.com -all");

    assertThatThrownBy(
            () ->
                new SourceClassifier(loop, new Fakes.NoDedicatedIps(), clock)
                    .run(cfg.dmarc(), cfg.accounts()))
        .isInstanceOf(ReportsException.class)
        .hasMessageContaining("more than 10 DNS lookups");
  }
}
