package dev.sesops.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Proves {@link Dnsmasq} serves the records the audit's DNS checks read, and can make a name time
 * out.
 */
class DnsmasqIT {

  private static final String TOKEN = "abcdefghijklmnopqrstuvwxyz234567";
  private static Dnsmasq dns;

  @BeforeAll
  static void startDnsmasq() {
    dns =
        Dnsmasq.start(
            List.of(
                "cname=" + TOKEN + "._domainkey.example.com," + TOKEN + ".dkim.amazonses.com",
                "host-record=" + TOKEN + ".dkim.amazonses.com,192.0.2.10",
                "txt-record=_dmarc.example.com,\"v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com\"",
                "mx-host=mail.example.com,feedback-smtp.us-east-1.amazonses.com,10",
                "txt-record=mail.example.com,\"v=spf1 include:amazonses.com ~all\"",
                "local=/example.com/"),
            List.of("slow.example"));
  }

  @AfterAll
  static void stopDnsmasq() {
    if (dns != null) {
      dns.close();
    }
  }

  @Test
  void dkimTokenName_answersCnameToAmazonSes() throws IOException {
    Message answer =
        ask(dns.resolver(Duration.ofSeconds(2)), TOKEN + "._domainkey.example.com.", Type.CNAME);

    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getSection(Section.ANSWER))
        .filteredOn(r -> r instanceof CNAMERecord)
        .extracting(r -> ((CNAMERecord) r).getTarget().toString())
        .containsExactly(TOKEN + ".dkim.amazonses.com.");
  }

  @Test
  void dmarcName_answersTxtWithTheWholePolicy() throws IOException {
    Message answer = ask(dns.resolver(Duration.ofSeconds(2)), "_dmarc.example.com.", Type.TXT);

    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getSection(Section.ANSWER))
        .extracting(r -> String.join("", ((TXTRecord) r).getStrings()))
        .containsExactly("v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com");
  }

  @Test
  void mailFromDomain_answersMxAndSpfTxt() throws IOException {
    SimpleResolver resolver = dns.resolver(Duration.ofSeconds(2));

    Message mx = ask(resolver, "mail.example.com.", Type.MX);
    Message txt = ask(resolver, "mail.example.com.", Type.TXT);

    assertThat(mx.getSection(Section.ANSWER))
        .extracting(r -> ((MXRecord) r).getPriority() + " " + ((MXRecord) r).getTarget())
        .containsExactly("10 feedback-smtp.us-east-1.amazonses.com.");
    assertThat(txt.getSection(Section.ANSWER))
        .extracting(r -> String.join("", ((TXTRecord) r).getStrings()))
        .containsExactly("v=spf1 include:amazonses.com ~all");
  }

  @Test
  void tcpQueries_getTheSameAnswersAsUdp() throws IOException {
    SimpleResolver resolver = dns.resolver(Duration.ofSeconds(2));
    resolver.setTCP(true);

    Message answer = ask(resolver, "_dmarc.example.com.", Type.TXT);

    assertThat(answer.getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void unknownNameUnderLocalDomain_answersNxdomain() throws IOException {
    Message answer =
        ask(dns.resolver(Duration.ofSeconds(2)), "_dmarc.nothing.example.com.", Type.TXT);

    assertThat(answer.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(answer.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void nameOutsideServedDomains_isRefused() throws IOException {
    Message answer = ask(dns.resolver(Duration.ofSeconds(2)), "_dmarc.other.test.", Type.TXT);

    assertThat(answer.getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void nameUnderSlowDomain_timesOutAtTheClient() {
    SimpleResolver resolver = dns.resolver(Duration.ofMillis(800));
    long started = System.nanoTime();

    assertThatThrownBy(() -> ask(resolver, "_dmarc.slow.example.", Type.TXT))
        .isInstanceOf(IOException.class)
        .hasMessageMatching("(?is).*timed out.*");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(750));
  }

  private static Message ask(SimpleResolver resolver, String name, int type) throws IOException {
    return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, 1)));
  }
}
