package dev.sesops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.common.Cidr;
import org.junit.jupiter.api.Test;

class DmarcConfigTest {
  private static final String ACCOUNTS =
      "\"accounts\": {\"production\": {\"region\": \"us-east-1\"}}";

  @Test
  void knownSenders_withRangesAndSpfInclude_areRead() {
    SesOpsConfig c =
        ConfigParser.parse(
            "{"
                + ACCOUNTS
                + ", \"dmarc\": {\"known_senders\": ["
                + "{\"name\": \"Zendesk\", \"spf_include\": \"Mail.Zendesk.com\"},"
                + "{\"name\": \"CRM\", \"ip_ranges\": [\"203.0.113.0/25\", \"2001:db8::/32\"]}],"
                + "\"ses_failure_percent\": 1.5, \"rua\": \"mailto:dmarc@reports.example.com\"}}");

    assertThat(c.dmarc().knownSenders()).hasSize(2);
    assertThat(c.dmarc().knownSenders().get(0).spfInclude()).isEqualTo("mail.zendesk.com");
    assertThat(c.dmarc().knownSenders().get(1).ipRanges())
        .containsExactly(Cidr.parse("203.0.113.0/25").get(), Cidr.parse("2001:db8::/32").get());
    assertThat(c.dmarc().sesFailurePercent()).isEqualTo(1.5);
    assertThat(c.dmarc().minMessages()).isEqualTo(100);
  }

  @Test
  void noDmarcBlock_meansTheDefaults() {
    assertThat(ConfigParser.parse("{" + ACCOUNTS + "}").dmarc()).isEqualTo(DmarcConfig.defaults());
  }

  @Test
  void badKnownSenders_areRejectedNamingEachJsonPath() {
    assertThatThrownBy(
            () ->
                ConfigParser.parse(
                    "{"
                        + ACCOUNTS
                        + ", \"dmarc\": {\"known_senders\": ["
                        + "{\"name\": \"A\", \"ip_ranges\": [\"203.0.113.0/33\", \"mail.example.com\"]},"
                        + "{\"name\": \"B\"}, \"x\", {\"ip_ranges\": [\"192.0.2.1\"]}], \"ses_failure_percent\": 300, \"rua\": \"dmarc@x\"}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("dmarc.known_senders[0].ip_ranges[0]: not an IPv4 or IPv6 range")
        .hasMessageContaining("dmarc.known_senders[0].ip_ranges[1]")
        .hasMessageContaining("dmarc.known_senders[1]: needs ip_ranges or spf_include")
        .hasMessageContaining("dmarc.known_senders[2]: expected an object")
        .hasMessageContaining("dmarc.known_senders[3].name")
        .hasMessageContaining("dmarc.ses_failure_percent: expected a number from 0 to 100")
        .hasMessageContaining("dmarc.rua: expected a mailto: URI");
  }

  @Test
  void cidr_containsOnlyAddressesInsideTheNetwork() {
    Cidr v4 = Cidr.parse("198.51.100.0/24").orElseThrow();
    Cidr v6 = Cidr.parse("2001:db8:5e5::/48").orElseThrow();

    assertThat(v4.contains("198.51.100.255")).isTrue();
    assertThat(v4.contains("198.51.101.0")).isFalse();
    assertThat(v4.contains("2001:db8:5e5::1")).isFalse();
    assertThat(v6.contains("2001:db8:5e5:ffff::25")).isTrue();
    assertThat(v6.contains("2001:db8:5e6::1")).isFalse();
    assertThat(Cidr.parse("example.com")).isEmpty();
    assertThat(Cidr.parse("10.0.0.0/40")).isEmpty();
  }
}
