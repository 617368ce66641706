package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The audit's outbound fetches (MTA-STS, BIMI) reach only public addresses on port 443; no
 * connection is attempted otherwise.
 */
class HttpsFetcherGuardTest {
  private final Fakes.Dns dns = new Fakes.Dns();
  private final HttpsFetcher fetcher = HttpsFetcher.standard(dns);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fd00:ec2::254",
        "::ffff:10.0.0.1",
        "224.0.0.1"
      })
  void nonPublicAddresses_areNotPublic(String address) throws Exception {
    assertThat(HttpsFetcher.isPublic(InetAddress.getByName(address))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:2800:220:1:248:1893:25c8:1946"})
  void publicAddresses_arePublic(String address) throws Exception {
    assertThat(HttpsFetcher.isPublic(InetAddress.getByName(address))).isTrue();
  }

  @Test
  void bimiLogoOnAPrivateAddress_isNotFetched() {
    dns.put(DnsLookup.Type.A, "logo.example.com", "169.254.169.254");

    HttpsFetcher.Response r =
        fetcher.get("https://logo.example.com/latest/meta-data/", "example.com", 1024, 2);

    assertThat(r.ok()).isFalse();
    assertThat(r.error())
        .isEqualTo(
            "logo.example.com resolves to a non-public address (169.254.169.254): not fetched");
  }

  @Test
  void aUrlOnAnotherPort_isNotFetched() {
    dns.put(DnsLookup.Type.A, "logo.example.com", "93.184.216.34");

    HttpsFetcher.Response r =
        fetcher.get("https://logo.example.com:8443/logo.svg", "example.com", 1024, 2);

    assertThat(r.error()).isEqualTo("port 8443 refused: only 443 is fetched");
  }

  @Test
  void loopback_isRefusedByTheProductionFetcher() {
    dns.put(DnsLookup.Type.A, "mta-sts.example.com", "127.0.0.1");

    HttpsFetcher.Response r =
        fetcher.get("https://mta-sts.example.com/.well-known/mta-sts.txt", "example.com", 1024, 0);

    assertThat(r.error()).contains("non-public address (127.0.0.1)");
  }
}
