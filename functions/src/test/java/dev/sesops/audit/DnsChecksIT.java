package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.sesops.audit.DnsLookup.Type;
import dev.sesops.testing.Dnsmasq;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DNS checks through dnsjava against a real dnsmasq on loopback, serving good and broken
 * records.
 */
class DnsChecksIT {
  private static final String REGION = "us-east-1";
  private static final String FEEDBACK = "feedback-smtp." + REGION + ".amazonses.com";
  private static Dnsmasq dnsmasq;
  private static DnsJavaLookup lookup;

  @BeforeAll
  static void startDns() {
    dnsmasq =
        Dnsmasq.records()
            // every other name under .test is NXDOMAIN
            .local("test")
            .local("example.net")
            .txt("amazonses.com", "v=spf1 ip4:199.255.192.0/22 -all")
            .txt("good.test", "v=spf1 include:amazonses.com -all")
            .txt("xn--bcher-kva.test", "v=spf1 -all")
            // good.test: everything right
            .cname("g1._domainkey.good.test", "g1.dkim.amazonses.com")
            .cname("g2._domainkey.good.test", "g2.dkim.amazonses.com")
            .cname("g3._domainkey.good.test", "g3.dkim.amazonses.com")
            .txt("_amazonses.good.test", "verif-token")
            .txt("_dmarc.good.test", "v=DMARC1; p=reject; rua=mailto:dmarc-reports@good.test")
            .mx("mail.good.test", FEEDBACK, 10)
            .txt("mail.good.test", "v=spf1 include:amazonses.com ~all")
            // broken.test: one CNAME missing, one wrong, DMARC p=none, two MX, SPF without
            // amazonses
            .cname("b1._domainkey.broken.test", "b1.dkim.amazonses.com")
            .cname("b2._domainkey.broken.test", "b2.dkim.elsewhere.example")
            .txt("_dmarc.broken.test", "v=DMARC1; p=none; rua=mailto:d@broken.test")
            .mx("mail.broken.test", FEEDBACK, 10)
            .mx("mail.broken.test", "backup.broken.test", 20)
            .txt("mail.broken.test", "v=spf1 include:_spf.example.net ~all")
            // bad-dmarc.test: a DMARC record with syntax errors
            .txt("_dmarc.bad-dmarc.test", "v=DMARC1; p=rejekt; pct=abc")
            // the IDN bücher.test, served in its ASCII form
            .txt(
                "_dmarc.xn--bcher-kva.test",
                "v=DMARC1; p=quarantine; rua=mailto:d@xn--bcher-kva.test")
            // reports.test: aggregate reports to two other domains, one of which authorised them
            .txt(
                "_dmarc.reports.test",
                "v=DMARC1; p=reject; rua=mailto:a@vendor.example.net; ruf=mailto:b@nobody.example.net")
            .txt("reports.test._report._dmarc.vendor.example.net", "v=DMARC1")
            .txt("reports.test", "v=spf1 -all")
            // a subdomain of a domain under a two-label public suffix
            .txt(
                "_dmarc.example.co.uk",
                "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.co.uk")
            .txt("eu.shop.example.co.uk", "v=spf1 -all")
            .local("co.uk")
            .slow("slow.test")
            .start();
    lookup = DnsJavaLookup.fromServers(dnsmasq.hostAndPort());
  }

  @AfterAll
  static void stopDns() {
    if (dnsmasq != null) {
      dnsmasq.close();
    }
  }

  @Test
  void lookup_tellsFoundNoDataNxdomainAndTimeoutApart() {
    assertThat(lookup.lookup("g1._domainkey.good.test", Type.CNAME))
        .isEqualTo(DnsAnswer.found(List.of("g1.dkim.amazonses.com")));
    assertThat(lookup.lookup("mail.broken.test", Type.MX).records())
        .containsExactlyInAnyOrder("10 " + FEEDBACK, "20 backup.broken.test");
    assertThat(lookup.lookup("_dmarc.good.test", Type.TXT).records())
        .containsExactly("v=DMARC1; p=reject; rua=mailto:dmarc-reports@good.test");
    assertThat(lookup.lookup("nothing-here.good.test", Type.TXT).status())
        .isEqualTo(DnsAnswer.Status.NX_DOMAIN);
    assertThat(lookup.lookup("_dmarc.good.test", Type.MX).status())
        .isIn(DnsAnswer.Status.NO_DATA, DnsAnswer.Status.NX_DOMAIN);
    DnsAnswer slow = lookup.lookup("_dmarc.slow.test", Type.TXT);
    assertThat(slow.status()).isEqualTo(DnsAnswer.Status.TIMEOUT);
    assertThat(slow.failed()).isTrue();
  }

  @Test
  void check_findsNothing_forTheGoodDomain() {
    assertThat(
            new DnsChecks(lookup)
                .check("p", REGION, "good.test", attrs("good.test", "g1", "g2", "g3")))
        .isEmpty();
  }

  @Test
  void check_findsEveryBrokenRecord_ofTheBrokenDomain() {
    List<Finding> f =
        new DnsChecks(lookup)
            .check("p", REGION, "broken.test", attrs("broken.test", "b1", "b2", "b3"));
    assertThat(f)
        .extracting(Finding::id, Finding::resource)
        .containsExactlyInAnyOrder(
            tuple("dns.dkim_cname_wrong", "b2._domainkey.broken.test"),
            tuple("dns.dkim_cname_missing", "b3._domainkey.broken.test"),
            tuple("dns.verification_txt_missing", "_amazonses.broken.test"),
            tuple("dns.dmarc_policy_none", "_dmarc.broken.test"),
            tuple("dns.mail_from_mx_multiple", "mail.broken.test"),
            tuple("dns.mail_from_spf_no_amazonses", "mail.broken.test"),
            tuple("dns.spf_include_missing", "mail.broken.test"),
            tuple("dns.spf_missing", "broken.test"));
  }

  @Test
  void check_reportsDmarcSyntaxErrors_asAFinding() {
    List<Finding> f =
        new DnsChecks(lookup).check("p", REGION, "bad-dmarc.test", noMailFrom("bad-dmarc.test"));
    assertThat(f)
        .extracting(Finding::id)
        .containsExactly("dns.dmarc_invalid", "dns.dmarc_no_reports", "dns.spf_missing");
    assertThat(f.get(0).evidence().get("problems"))
        .contains("p must be none, quarantine or reject");
  }

  @Test
  void check_findsReportsToAnUnauthorisedDomain() {
    List<Finding> f =
        new DnsChecks(lookup).check("p", REGION, "reports.test", noMailFrom("reports.test"));
    assertThat(f).extracting(Finding::id).containsExactly("dns.dmarc_report_unauthorised");
    assertThat(f.get(0).evidence())
        .containsEntry("report_domain", "nobody.example.net")
        .containsEntry("answer", "NX_DOMAIN");
  }

  @Test
  void check_inheritsTheOrganisationalDomainsRecord_underATwoLabelSuffix() {
    assertThat(
            new DnsChecks(lookup)
                .check("p", REGION, "eu.shop.example.co.uk", noMailFrom("eu.shop.example.co.uk")))
        .isEmpty();
    assertThat(dnsmasq.log())
        .contains("query[TXT] _dmarc.example.co.uk")
        .doesNotContain("query[TXT] _dmarc.co.uk ");
  }

  @Test
  void check_reportsATimeout_asCouldNotRun_neverAsAPass() {
    List<Finding> f =
        new DnsChecks(lookup).check("p", REGION, "slow.test", noMailFrom("slow.test"));
    assertThat(f)
        .extracting(Finding::id, Finding::resource, Finding::severity)
        .containsExactly(
            tuple("dns.lookup_failed", "_dmarc.slow.test", Severity.MEDIUM),
            tuple("dns.lookup_failed", "slow.test", Severity.MEDIUM));
    assertThat(f.get(0).evidence()).containsEntry("status", "TIMEOUT");
  }

  @Test
  void check_looksUpAnIdnDomainInItsAsciiForm() {
    String ascii = Resources.domainOf("bücher.test");
    assertThat(ascii).isEqualTo("xn--bcher-kva.test");
    assertThat(new DnsChecks(lookup).check("p", REGION, ascii, noMailFrom("bücher.test")))
        .isEmpty();
  }

  private static IdentityAttributes attrs(String domain, String... tokens) {
    return new IdentityAttributes(
        domain,
        "Success",
        "verif-token",
        true,
        "Success",
        List.of(tokens),
        "mail." + domain,
        "Success",
        "b",
        "c",
        false);
  }

  private static IdentityAttributes noMailFrom(String domain) {
    return new IdentityAttributes(
        domain, "Success", null, false, "NotStarted", List.of(), null, null, "b", "c", false);
  }
}
