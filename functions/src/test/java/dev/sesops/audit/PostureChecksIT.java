package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.sesops.testing.Dnsmasq;
import dev.sesops.testing.TestHttps;
import dev.sesops.testing.TestHttps.Answer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MTA-STS, TLS-RPT, BIMI and DNSSEC against a real dnsmasq and a local HTTPS server whose
 * certificate is signed by a test CA made for this run (trusted by the fetcher only, by injection):
 * absent, present and right, present and wrong, timeouts.
 */
class PostureChecksIT {
  private static final String POLICY =
      "version: STSv1\nmode: enforce\nmx: *.good.test\nmx: backup.example.net\nmax_age: 604800\n";
  private static final String LOGO =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\"><title>Good</title></svg>";
  private static final PostureChecks.DmarcPolicy REJECT =
      new PostureChecks.DmarcPolicy("reject", 100);
  private static Dnsmasq dnsmasq;
  private static TestHttps https;
  private static PostureChecks checks;

  @BeforeAll
  static void start() {
    https =
        TestHttps.start(
            "mta-sts.good.test",
            "bimi.good.test",
            "mta-sts.mismatch.test",
            "mta-sts.redirect.test",
            "mta-sts.testing.test",
            "mta-sts.slowhttp.test",
            "mta-sts.badpolicy.test",
            "bimi.badlogo.test");
    https
        .answer("mta-sts.good.test", "/.well-known/mta-sts.txt", Answer.text("text/plain", POLICY))
        .answer("bimi.good.test", "/logo.svg", Answer.text("image/svg+xml", LOGO))
        .answer(
            "mta-sts.mismatch.test",
            "/.well-known/mta-sts.txt",
            Answer.text(
                "text/plain",
                "version: STSv1\nmode: enforce\nmx: mail.elsewhere.test\nmax_age: 604800\n"))
        .answer(
            "mta-sts.redirect.test",
            "/.well-known/mta-sts.txt",
            Answer.redirect("https://mta-sts.redirect.test/other.txt"))
        .answer(
            "mta-sts.testing.test",
            "/.well-known/mta-sts.txt",
            Answer.text(
                "text/plain",
                "version: STSv1\nmode: testing\nmx: mx1.testing.test\nmax_age: 3600\n"))
        .answer("mta-sts.slowhttp.test", "/.well-known/mta-sts.txt", Answer.slow(3000))
        .answer(
            "mta-sts.badpolicy.test",
            "/.well-known/mta-sts.txt",
            Answer.text("text/html", "<html>not a policy</html>"))
        .answer(
            "bimi.badlogo.test",
            "/big.svg",
            Answer.text(
                "image/svg+xml", "<svg baseProfile=\"tiny-ps\">" + "x".repeat(40_000) + "</svg>"))
        .answer(
            "bimi.badlogo.test",
            "/plain.svg",
            Answer.text("image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"))
        .answer(
            "bimi.badlogo.test", "/away.svg", Answer.redirect("https://bimi.good.test/logo.svg"));
    Dnsmasq.Records r = Dnsmasq.records().local("test");
    for (String d :
        List.of(
            "good",
            "mismatch",
            "redirect",
            "testing",
            "slowhttp",
            "badpolicy",
            "absent",
            "badcert")) {
      r.mx(d + ".test", "mx1." + d + ".test", 10);
      r.a("mta-sts." + d + ".test", "127.0.0.1");
      r.txt("_mta-sts." + d + ".test", "v=STSv1; id=20260101T000000");
      r.txt("_smtp._tls." + d + ".test", "v=TLSRPTv1; rua=mailto:tls-reports@" + d + ".test");
      r.line("dns-rr=" + d + ".test,43,30390D02" + "AB".repeat(32));
    }
    r.txt(
            "default._bimi.good.test",
            "v=BIMI1; l=https://bimi.good.test/logo.svg; a=https://bimi.good.test/vmc.pem")
        .a("bimi.good.test", "127.0.0.1")
        .a("bimi.badlogo.test", "127.0.0.1")
        .txt(
            "default._bimi.big.test",
            "v=BIMI1; l=https://bimi.badlogo.test/big.svg; a=https://bimi.badlogo.test/vmc.pem")
        .txt("default._bimi.plain.test", "v=BIMI1; l=https://bimi.badlogo.test/plain.svg")
        .txt(
            "default._bimi.away.test",
            "v=BIMI1; l=https://bimi.badlogo.test/away.svg; a=https://bimi.badlogo.test/vmc.pem")
        .txt("default._bimi.http.test", "v=BIMI1; l=http://bimi.good.test/logo.svg")
        .mx("nomta.test", "mx1.nomta.test", 10)
        .slow("slow.test");
    dnsmasq = r.start();
    DnsJavaLookup dns = DnsJavaLookup.fromServers(dnsmasq.hostAndPort());
    checks =
        new PostureChecks(
            dns,
            HttpsFetcher.forLocalTestServer(
                https.clientContext(), dns, https.port(), Duration.ofSeconds(1)));
  }

  @AfterAll
  static void stop() {
    if (dnsmasq != null) {
      dnsmasq.close();
    }
    if (https != null) {
      https.close();
    }
  }

  private static List<Finding> check(String domain, PostureChecks.DmarcPolicy dmarc) {
    return checks.check("p", domain, dmarc);
  }

  @Test
  void check_findsNothing_whenEverythingIsPublishedRight() {
    assertThat(check("good.test", REJECT)).as(dnsmasq.log()).isEmpty();
    assertThat(https.requests())
        .contains("mta-sts.good.test/.well-known/mta-sts.txt", "bimi.good.test/logo.svg");
  }

  @Test
  void check_reportsEverythingAbsent() {
    assertThat(check("nothing.test", REJECT))
        .extracting(Finding::id, Finding::severity)
        .containsExactlyInAnyOrder(
            tuple("dns.bimi_missing", Severity.INFO), tuple("dns.dnssec_unsigned", Severity.INFO));
    // with MX records, MTA-STS and TLS-RPT matter too
    assertThat(check("nomta.test", REJECT))
        .extracting(Finding::id)
        .containsExactlyInAnyOrder(
            "dns.mta_sts_missing",
            "dns.tls_rpt_missing",
            "dns.bimi_missing",
            "dns.dnssec_unsigned");
  }

  @Test
  void check_flagsMxHostsOutsideAnEnforcedPolicy() {
    assertThat(check("mismatch.test", REJECT))
        .filteredOn(f -> f.id().startsWith("dns.mta_sts"))
        .extracting(Finding::id, Finding::severity)
        .containsExactly(tuple("dns.mta_sts_mx_mismatch", Severity.HIGH));
  }

  @Test
  void check_neverFollowsAPolicyRedirect() {
    List<Finding> f =
        check("redirect.test", REJECT).stream()
            .filter(x -> x.id().startsWith("dns.mta_sts"))
            .toList();
    assertThat(f).extracting(Finding::id).containsExactly("dns.mta_sts_policy_unavailable");
    assertThat(f.get(0).evidence().get("error")).contains("redirect not followed");
    assertThat(https.requests()).doesNotContain("mta-sts.redirect.test/other.txt");
  }

  @Test
  void check_reportsTestingMode_andAShortMaxAge() {
    assertThat(check("testing.test", REJECT))
        .filteredOn(f -> f.id().startsWith("dns.mta_sts"))
        .extracting(Finding::id)
        .containsExactlyInAnyOrder("dns.mta_sts_not_enforced", "dns.mta_sts_max_age_short");
  }

  @Test
  void check_reportsAPolicyThatIsNotOne() {
    List<Finding> f =
        check("badpolicy.test", REJECT).stream()
            .filter(x -> x.id().startsWith("dns.mta_sts"))
            .toList();
    assertThat(f).extracting(Finding::id).containsExactly("dns.mta_sts_policy_invalid");
    assertThat(f.get(0).evidence().get("problems"))
        .contains("text/plain")
        .contains("version missing");
  }

  @Test
  void check_reportsAnHttpsTimeout_andAnUntrustedCertificate() {
    List<Finding> slow =
        check("slowhttp.test", REJECT).stream()
            .filter(x -> x.id().startsWith("dns.mta_sts"))
            .toList();
    assertThat(slow).extracting(Finding::id).containsExactly("dns.mta_sts_policy_unavailable");
    assertThat(slow.get(0).evidence().get("error")).contains("no answer within");
    // mta-sts.badcert.test is not a name on the server's certificate
    List<Finding> cert =
        check("badcert.test", REJECT).stream()
            .filter(x -> x.id().startsWith("dns.mta_sts"))
            .toList();
    assertThat(cert).extracting(Finding::id).containsExactly("dns.mta_sts_policy_unavailable");
    assertThat(cert.get(0).evidence().get("error")).startsWith("TLS failed");
  }

  @Test
  void check_bimi_needsDmarcEnforcement_aCertificate_andAnSvgTinyPsLogo() {
    assertThat(check("good.test", new PostureChecks.DmarcPolicy("none", 100)))
        .extracting(Finding::id)
        .containsExactly("dns.bimi_dmarc_not_enforced");
    assertThat(check("good.test", new PostureChecks.DmarcPolicy("quarantine", 50)))
        .extracting(Finding::id)
        .containsExactly("dns.bimi_dmarc_not_enforced");
    assertThat(check("plain.test", REJECT))
        .extracting(Finding::id)
        .contains("dns.bimi_no_certificate", "dns.bimi_logo_invalid");
    List<Finding> big =
        check("big.test", REJECT).stream().filter(x -> x.id().startsWith("dns.bimi")).toList();
    assertThat(big).extracting(Finding::id).containsExactly("dns.bimi_logo_unavailable");
    assertThat(big.get(0).evidence().get("error")).contains("over 32768 bytes");
    List<Finding> away =
        check("away.test", REJECT).stream().filter(x -> x.id().startsWith("dns.bimi")).toList();
    assertThat(away.get(0).evidence().get("error"))
        .contains("redirect off badlogo.test not followed");
    assertThat(check("http.test", REJECT)).extracting(Finding::id).contains("dns.bimi_invalid");
  }

  @Test
  void check_reportsADnsTimeout_asCouldNotRun() {
    List<Finding> f = check("slow.test", REJECT);
    assertThat(f).extracting(Finding::id).containsOnly(DnsChecks.LOOKUP_FAILED);
    assertThat(f).isNotEmpty();
  }
}
