package dev.sesops.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.sesops.ses.DedicatedIp;
import dev.sesops.ses.SesGateway;
import dev.sesops.testing.Dnsmasq;
import dev.sesops.testing.Sdk;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Dedicated IPs end to end: the real SES v2 client reads GetDedicatedIps and ListDedicatedIpPools
 * from WireMock (moto has neither; bodies as the SES v2 API reference shapes them), and each IP is
 * checked against blocklists served by a real dnsmasq: one listing it, one refusing the resolver,
 * one slow.
 */
class DedicatedIpIT {
  private static WireMockServer wiremock;
  private static Dnsmasq dnsmasq;
  private static SesV2Client sesV2;

  @BeforeAll
  static void start() {
    wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    wiremock.start();
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/dedicated-ips"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"DedicatedIps\":["
                            + "{\"Ip\":\"192.0.2.10\",\"WarmupStatus\":\"DONE\",\"WarmupPercentage\":100,\"PoolName\":\"marketing\"},"
                            + "{\"Ip\":\"192.0.2.11\",\"WarmupStatus\":\"IN_PROGRESS\",\"WarmupPercentage\":35,\"PoolName\":\"marketing\"}]}")));
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/dedicated-ip-pools"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"DedicatedIpPools\":[\"marketing\",\"transactional\"]}")));
    dnsmasq =
        Dnsmasq.records()
            .local("listed.test")
            .local("refusing.test")
            .a("10.2.0.192.listed.test", "127.0.0.2")
            .a("10.2.0.192.refusing.test", "127.255.255.254")
            .a("11.2.0.192.refusing.test", "127.255.255.254")
            .slow("slow.test")
            .start();
    sesV2 = Sdk.sesV2(URI.create(wiremock.baseUrl()));
  }

  @AfterAll
  static void stop() {
    if (sesV2 != null) {
      sesV2.close();
    }
    if (wiremock != null) {
      wiremock.stop();
    }
    if (dnsmasq != null) {
      dnsmasq.close();
    }
  }

  @Test
  void check_readsIpsAndPoolsFromSes_andTellsListedFromUnknown() {
    SdkSesAccountReader reader =
        new SdkSesAccountReader(new SesGateway(() -> null, () -> sesV2, () -> null));
    List<DedicatedIp> ips = reader.dedicatedIps();
    assertThat(ips)
        .containsExactly(
            new DedicatedIp("192.0.2.10", "DONE", 100, "marketing"),
            new DedicatedIp("192.0.2.11", "IN_PROGRESS", 35, "marketing"));
    List<String> pools = reader.dedicatedIpPools();
    assertThat(pools).containsExactly("marketing", "transactional");
    assertThat(reader.calls()).isEqualTo(2);

    List<Finding> f =
        new DedicatedIpChecks(DnsJavaLookup.fromServers(dnsmasq.hostAndPort()))
            .check("p", ips, pools, List.of("listed.test", "refusing.test", "slow.test"));
    assertThat(f)
        .extracting(Finding::id, Finding::resource)
        .containsExactlyInAnyOrder(
            tuple("dedicated_ip.pool_empty", "dedicated-ip-pool:transactional"),
            tuple("dedicated_ip.warming", "dedicated-ip:192.0.2.11"),
            tuple("dedicated_ip.listed", "dedicated-ip:192.0.2.10"),
            tuple("dedicated_ip.dnsbl_unknown", "dedicated-ip:192.0.2.10@refusing.test"),
            tuple("dedicated_ip.dnsbl_unknown", "dedicated-ip:192.0.2.11@refusing.test"),
            tuple("dedicated_ip.dnsbl_unknown", "dedicated-ip:192.0.2.10@slow.test"),
            tuple("dedicated_ip.dnsbl_unknown", "dedicated-ip:192.0.2.11@slow.test"));
    // 192.0.2.11 is not on listed.test: NXDOMAIN, no finding
    assertThat(f)
        .filteredOn(
            x ->
                x.id().equals("dedicated_ip.dnsbl_unknown")
                    && x.resource().endsWith("@refusing.test"))
        .allSatisfy(x -> assertThat(x.evidence()).containsEntry("answer", "127.255.255.254"));
  }
}
