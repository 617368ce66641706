package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.audit.DnsLookup.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsChecksTest {
  private final Fakes.Dns dns = new Fakes.Dns().healthy("example.com");
  private final DnsChecks checks = new DnsChecks(dns);

  @Test
  void check_findsNothing_forACorrectlyPublishedDomain() {
    assertThat(run()).isEmpty();
    assertThat(dns.asked)
        .contains(
            "CNAME aaa._domainkey.example.com",
            "TXT _amazonses.example.com",
            "TXT _dmarc.example.com",
            "MX mail.example.com",
            "TXT mail.example.com");
  }

  @Test
  void check_flagsMissingAndWrongDkimCnames() {
    dns.answers.remove("CNAME aaa._domainkey.example.com");
    dns.put(Type.CNAME, "bbb._domainkey.example.com", "bbb.dkim.elsewhere.example");
    dns.answer(Type.CNAME, "ccc._domainkey.example.com", DnsAnswer.empty(DnsAnswer.Status.NO_DATA));
    assertThat(run())
        .extracting(Finding::id, Finding::resource)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "dns.dkim_cname_missing", "aaa._domainkey.example.com"),
            org.assertj.core.groups.Tuple.tuple(
                "dns.dkim_cname_wrong", "bbb._domainkey.example.com"),
            org.assertj.core.groups.Tuple.tuple(
                "dns.dkim_cname_missing", "ccc._domainkey.example.com"));
  }

  @Test
  void check_reportsATimeoutAsItsOwnFinding_neverAsPassOrMissing() {
    dns.answer(
        Type.CNAME,
        "aaa._domainkey.example.com",
        DnsAnswer.failed(DnsAnswer.Status.TIMEOUT, "no answer within 2 s"));
    dns.answer(
        Type.TXT,
        "_dmarc.example.com",
        DnsAnswer.failed(DnsAnswer.Status.ERROR, "resolver answered SERVFAIL"));
    List<Finding> f = run();
    assertThat(f)
        .extracting(Finding::id, Finding::resource)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dns.lookup_failed", "aaa._domainkey.example.com"),
            org.assertj.core.groups.Tuple.tuple("dns.lookup_failed", "_dmarc.example.com"));
    assertThat(f.get(0).message()).contains("timed out");
    assertThat(f.get(1).evidence()).containsEntry("status", "ERROR");
  }

  @Test
  void check_flagsMissingOrWrongVerificationTxt_lowWhenVerified() {
    dns.answers.remove("TXT _amazonses.example.com");
    assertThat(run())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.id()).isEqualTo("dns.verification_txt_missing");
              assertThat(x.severity()).isEqualTo(Severity.LOW);
            });
    dns.put(Type.TXT, "_amazonses.example.com", "other-token");
    assertThat(run()).extracting(Finding::id).containsExactly("dns.verification_txt_wrong");
  }

  @Test
  void check_flagsDmarcMissing_policyNone_strictSpfWithDefaultMailFrom_andSyntaxErrors() {
    dns.answers.remove("TXT _dmarc.example.com");
    assertThat(run())
        .extracting(Finding::id, Finding::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("dns.dmarc_missing", Severity.HIGH));

    dns.put(Type.TXT, "_dmarc.example.com", "v=DMARC1; p=none; rua=mailto:reports@example.com");
    List<Finding> none = run();
    assertThat(none).extracting(Finding::id).containsExactly("dns.dmarc_policy_none");
    assertThat(none.get(0).evidence().get("record"))
        .contains("r***@example.com")
        .doesNotContain("reports@");

    dns.put(Type.TXT, "_dmarc.example.com", "v=DMARC1; p=reject; aspf=s; rua=mailto:d@example.com");
    IdentityAttributes d = Fakes.domain("example.com");
    IdentityAttributes defaultMailFrom =
        new IdentityAttributes(
            d.identity(),
            "Success",
            "tok3n",
            true,
            "Success",
            d.dkimTokens(),
            null,
            null,
            "b",
            "c",
            false);
    assertThat(checks.check("p", "us-east-1", "example.com", defaultMailFrom))
        .extracting(Finding::id)
        .containsExactly("dns.dmarc_strict_spf_alignment");
    assertThat(run()).isEmpty(); // strict SPF is fine with a custom MAIL FROM

    dns.put(
        Type.TXT, "_dmarc.example.com", "v=DMARC1; p=rejekt; pct=abc; rua=mailto:d@example.com");
    assertThat(run())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.id()).isEqualTo("dns.dmarc_invalid");
              assertThat(x.evidence().get("problems"))
                  .contains("p must be none, quarantine or reject")
                  .contains("pct");
            });
  }

  @Test
  void check_flagsTwoDmarcRecords_andIgnoresUnrelatedTxt() {
    dns.put(Type.TXT, "_dmarc.example.com", "v=DMARC1; p=reject", "v=DMARC1; p=none");
    assertThat(run()).extracting(Finding::id).containsExactly("dns.dmarc_multiple");
    dns.put(
        Type.TXT,
        "_dmarc.example.com",
        "some-verification=1",
        "v=DMARC1; p=reject; rua=mailto:d@example.com");
    assertThat(run()).isEmpty();
  }

  @Test
  void check_fallsBackToTheOrganizationalDomainsDmarc_forSubdomains() {
    Fakes.Dns sub = new Fakes.Dns().healthy("news.example.com");
    sub.answers.remove("TXT _dmarc.news.example.com");
    sub.put(Type.TXT, "_dmarc.example.com", "v=DMARC1; p=none; rua=mailto:d@example.com");
    IdentityAttributes d = Fakes.domain("news.example.com");
    assertThat(new DnsChecks(sub).check("p", "us-east-1", "news.example.com", d))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.id()).isEqualTo("dns.dmarc_policy_none");
              assertThat(x.resource()).isEqualTo("_dmarc.example.com");
            });
  }

  @Test
  void check_usesThePublicSuffixList_forTheOrganisationalDomain_andAppliesItsSubdomainPolicy() {
    Fakes.Dns sub = new Fakes.Dns().healthy("news.example.co.uk");
    sub.answers.remove("TXT _dmarc.news.example.co.uk");
    sub.put(
        Type.TXT,
        "_dmarc.example.co.uk",
        "v=DMARC1; p=reject; sp=none; rua=mailto:d@example.co.uk");
    List<Finding> f =
        new DnsChecks(sub)
            .check("p", "us-east-1", "news.example.co.uk", Fakes.domain("news.example.co.uk"));
    assertThat(sub.asked).contains("TXT _dmarc.example.co.uk").doesNotContain("TXT _dmarc.co.uk");
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.id()).isEqualTo("dns.dmarc_policy_none");
              assertThat(x.evidence()).containsEntry("inherited_from", "example.co.uk");
            });
  }

  @Test
  void check_flagsSubdomainPolicyNone_partialPct_andNoAggregateReports() {
    dns.put(Type.TXT, "_dmarc.example.com", "v=DMARC1; p=reject; sp=none; pct=25");
    assertThat(run())
        .extracting(Finding::id, Finding::severity)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("dns.dmarc_subdomain_policy_none", Severity.MEDIUM),
            org.assertj.core.groups.Tuple.tuple("dns.dmarc_pct_partial", Severity.LOW),
            org.assertj.core.groups.Tuple.tuple("dns.dmarc_no_reports", Severity.LOW));
  }

  @Test
  void check_asksOtherDomainsForTheirReportAuthorisation() {
    dns.put(
        Type.TXT,
        "_dmarc.example.com",
        "v=DMARC1; p=reject; rua=mailto:agg@reports.vendor.net,mailto:d@mail.example.com; ruf=mailto:f@other.org!10m");
    dns.put(Type.TXT, "example.com._report._dmarc.reports.vendor.net", "v=DMARC1");
    List<Finding> f = run();
    assertThat(dns.asked)
        .contains(
            "TXT example.com._report._dmarc.reports.vendor.net",
            "TXT example.com._report._dmarc.other.org")
        .noneMatch(q -> q.contains("._report._dmarc.mail.example.com"));
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.id()).isEqualTo("dns.dmarc_report_unauthorised");
              assertThat(x.evidence())
                  .containsEntry("report_domain", "other.org")
                  .containsEntry("authorisation_record", "example.com._report._dmarc.other.org");
              assertThat(x.evidence().get("record"))
                  .doesNotContain("agg@")
                  .doesNotContain("f@other");
            });
  }

  @Test
  void check_flagsMailFromMx_missingTwoOrWrong() {
    dns.answers.remove("MX mail.example.com");
    assertThat(run()).extracting(Finding::id).containsExactly("dns.mail_from_mx_missing");
    dns.put(
        Type.MX,
        "mail.example.com",
        "10 feedback-smtp.us-east-1.amazonses.com",
        "20 mx.example.com");
    assertThat(run()).extracting(Finding::id).containsExactly("dns.mail_from_mx_multiple");
    dns.put(Type.MX, "mail.example.com", "10 feedback-smtp.eu-west-1.amazonses.com");
    assertThat(run())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.id()).isEqualTo("dns.mail_from_mx_wrong");
              assertThat(x.evidence())
                  .containsEntry("expected", "feedback-smtp.us-east-1.amazonses.com");
            });
  }

  @Test
  void check_flagsMailFromSpf_missingMultipleOrWithoutAmazonSes() {
    dns.put(Type.TXT, "mail.example.com", "not spf");
    assertThat(run()).extracting(Finding::id).containsExactly("dns.mail_from_spf_missing");
    dns.put(Type.TXT, "mail.example.com", "v=spf1 include:amazonses.com ~all", "v=spf1 -all");
    assertThat(run()).extracting(Finding::id).containsExactly("dns.mail_from_spf_multiple");
    dns.put(Type.TXT, "mail.example.com", "v=spf1 include:_spf.example.net ~all");
    // _spf.example.net has no record: the evaluator follows the include and says so too
    assertThat(run())
        .extracting(Finding::id)
        .containsExactlyInAnyOrder("dns.mail_from_spf_no_amazonses", "dns.spf_include_missing");
    dns.put(Type.TXT, "_spf.example.net", "v=spf1 ip4:192.0.2.0/24 -all");
    assertThat(run()).extracting(Finding::id).containsExactly("dns.mail_from_spf_no_amazonses");
  }

  @Test
  void check_skipsDkimCnames_whenDkimIsDisabled() {
    IdentityAttributes d = Fakes.domain("example.com");
    IdentityAttributes off =
        new IdentityAttributes(
            d.identity(),
            "Success",
            "tok3n",
            false,
            "NotStarted",
            d.dkimTokens(),
            d.mailFromDomain(),
            "Success",
            "b",
            "c",
            false);
    dns.answers.remove("CNAME aaa._domainkey.example.com");
    assertThat(checks.check("p", "us-east-1", "example.com", off)).isEmpty();
  }

  private List<Finding> run() {
    return checks.check("p", "us-east-1", "example.com", Fakes.domain("example.com"));
  }
}
