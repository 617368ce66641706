package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.testing.Dnsmasq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SPF evaluator through dnsjava against a real dnsmasq: a good chain, a chain over 10 lookups,
 * void lookups, +all, a timeout.
 */
class SpfEvaluatorIT {
  private static Dnsmasq dnsmasq;
  private static SpfEvaluator spf;

  @BeforeAll
  static void startDns() {
    Dnsmasq.Records r =
        Dnsmasq.records()
            .local("test")
            .txt("good.test", "v=spf1 include:_spf.provider.test a mx -all")
            .txt("_spf.provider.test", "v=spf1 ip4:192.0.2.0/24 include:_v6.provider.test ~all")
            .txt("_v6.provider.test", "v=spf1 ip6:2001:db8::/32 ~all")
            .mx("good.test", "mx.good.test", 10)
            .txt(
                "voids.test",
                "v=spf1 a:nx1.voids.test a:nx2.voids.test include:nx3.voids.test -all")
            .txt("open.test", "v=spf1 include:_spf.good.test +all")
            .txt("_spf.good.test", "v=spf1 ip4:192.0.2.1 -all")
            .txt("deep.test", "v=spf1 include:l1.deep.test -all")
            .slow("slow.test");
    r.a("good.test", "192.0.2.10");
    r.a("mx.good.test", "192.0.2.11");
    // a chain 12 deep: l1 includes l2 ... l12
    for (int i = 1; i <= 12; i++) {
      r.txt("l" + i + ".deep.test", "v=spf1 include:l" + (i + 1) + ".deep.test -all");
    }
    r.txt("l13.deep.test", "v=spf1 -all");
    dnsmasq = r.start();
    spf = new SpfEvaluator(DnsJavaLookup.fromServers(dnsmasq.hostAndPort()));
  }

  @AfterAll
  static void stopDns() {
    if (dnsmasq != null) {
      dnsmasq.close();
    }
  }

  @Test
  void evaluate_passesAGoodChain_andCountsItsLookups() {
    SpfEvaluator.Result r = spf.evaluate("p", "good.test", Severity.LOW);
    assertThat(r.findings()).as(dnsmasq.log()).isEmpty();
    assertThat(r.outcome()).isEqualTo(SpfEvaluator.Outcome.PASS);
    assertThat(r.lookups()).isEqualTo(4); // include, include (nested), a, mx
    assertThat(r.voidLookups()).isZero();
  }

  @Test
  void evaluate_failsAChainDeeperThanTenLookups() {
    SpfEvaluator.Result r = spf.evaluate("p", "deep.test", Severity.LOW);
    assertThat(r.findings()).extracting(Finding::id).containsExactly("dns.spf_too_many_lookups");
    assertThat(r.findings().get(0).evidence().get("chain"))
        .startsWith("deep.test -> include:l1.deep.test -> include:l2.deep.test")
        .endsWith("include:l10.deep.test");
  }

  @Test
  void evaluate_countsNxdomainAsVoid() {
    SpfEvaluator.Result r = spf.evaluate("p", "voids.test", Severity.LOW);
    assertThat(r.voidLookups()).isEqualTo(3);
    assertThat(r.findings())
        .extracting(Finding::id)
        .containsExactlyInAnyOrder("dns.spf_too_many_void_lookups", "dns.spf_include_missing");
  }

  @Test
  void evaluate_flagsPlusAll() {
    assertThat(spf.evaluate("p", "open.test", Severity.LOW).findings())
        .extracting(Finding::id)
        .containsExactly("dns.spf_plus_all");
  }

  @Test
  void evaluate_reportsATimeout_asUnknown() {
    SpfEvaluator.Result r = spf.evaluate("p", "slow.test", Severity.LOW);
    assertThat(r.outcome()).isEqualTo(SpfEvaluator.Outcome.UNKNOWN);
    assertThat(r.findings()).extracting(Finding::id).containsExactly(DnsChecks.LOOKUP_FAILED);
    assertThat(r.findings().get(0).evidence()).containsEntry("status", "TIMEOUT");
  }

  @Test
  void evaluate_reportsAMissingRecord() {
    SpfEvaluator.Result r = spf.evaluate("p", "nothing.test", Severity.LOW);
    assertThat(r.outcome()).isEqualTo(SpfEvaluator.Outcome.MISSING);
    assertThat(r.findings()).extracting(Finding::id).containsExactly("dns.spf_missing");
  }
}
