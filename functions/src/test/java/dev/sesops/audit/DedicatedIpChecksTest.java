package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.sesops.audit.DnsLookup.Type;
import dev.sesops.ses.DedicatedIp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dedicated IPs: warm-up, empty pools, and blocklist answers (listed, not listed, refused, timed
 * out).
 */
class DedicatedIpChecksTest {
  private static final List<String> ZONES = List.of("zen.spamhaus.org", "bl.example.net");

  @Test
  void check_readsListedCleanRefusedAndTimeout_apart_neverCallingUnknownClean() {
    Fakes.Dns dns =
        new Fakes.Dns()
            .put(Type.A, "1.2.0.192.zen.spamhaus.org", "127.0.0.2") // listed (SBL)
            .put(
                Type.A, "2.2.0.192.zen.spamhaus.org", "127.255.255.254") // refused: public resolver
            .answer(
                Type.A,
                "2.2.0.192.bl.example.net",
                DnsAnswer.failed(DnsAnswer.Status.TIMEOUT, "t"));
    List<DedicatedIp> ips =
        List.of(
            new DedicatedIp("192.0.2.1", "DONE", 100, "marketing"),
            new DedicatedIp("192.0.2.2", "IN_PROGRESS", 40, "marketing"));
    List<Finding> f =
        new DedicatedIpChecks(dns).check("p", ips, List.of("marketing", "spare"), ZONES);
    assertThat(f)
        .extracting(Finding::id, Finding::resource, Finding::severity)
        .containsExactlyInAnyOrder(
            tuple("dedicated_ip.pool_empty", "dedicated-ip-pool:spare", Severity.LOW),
            tuple("dedicated_ip.listed", "dedicated-ip:192.0.2.1", Severity.HIGH),
            tuple("dedicated_ip.warming", "dedicated-ip:192.0.2.2", Severity.INFO),
            tuple(
                "dedicated_ip.dnsbl_unknown",
                "dedicated-ip:192.0.2.2@zen.spamhaus.org",
                Severity.LOW),
            tuple(
                "dedicated_ip.dnsbl_unknown",
                "dedicated-ip:192.0.2.2@bl.example.net",
                Severity.LOW));
    assertThat(dns.asked).contains("A 1.2.0.192.zen.spamhaus.org", "A 1.2.0.192.bl.example.net");
  }

  @Test
  void listing_isUnknown_forEveryAnswerButNxdomainAndLoopback() {
    assertThat(DedicatedIpChecks.listing(DnsAnswer.empty(DnsAnswer.Status.NX_DOMAIN)))
        .isEqualTo(DedicatedIpChecks.Listing.NOT_LISTED);
    assertThat(DedicatedIpChecks.listing(DnsAnswer.found(List.of("127.0.0.4"))))
        .isEqualTo(DedicatedIpChecks.Listing.LISTED);
    for (DnsAnswer a :
        List.of(
            DnsAnswer.found(List.of("127.255.255.252")),
            DnsAnswer.found(List.of("127.255.255.255")),
            DnsAnswer.found(List.of("192.0.2.9")),
            DnsAnswer.empty(DnsAnswer.Status.NO_DATA),
            DnsAnswer.failed(DnsAnswer.Status.ERROR, "SERVFAIL"),
            DnsAnswer.failed(DnsAnswer.Status.TIMEOUT, "t"))) {
      assertThat(DedicatedIpChecks.listing(a))
          .as(a.toString())
          .isEqualTo(DedicatedIpChecks.Listing.UNKNOWN);
    }
  }
}
