package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.audit.DnsLookup.Type;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SPF evaluator on RFC 7208's Appendix A examples, a real-world include chain, and broken
 * records.
 */
class SpfEvaluatorTest {

  /** RFC 7208 Appendix A.1's example.com zone, with the MX hosts and example.org it names. */
  private static Fakes.Dns rfcZone(String spf) {
    return new Fakes.Dns()
        .put(Type.TXT, "example.com", spf)
        .put(Type.A, "example.com", "192.0.2.10", "192.0.2.11")
        .put(Type.MX, "example.com", "10 mail-a.example.com", "20 mail-b.example.com")
        .put(Type.A, "example.org", "192.0.2.140")
        .put(Type.MX, "example.org", "10 mail-c.example.org");
  }

  private static SpfEvaluator.Result eval(Fakes.Dns dns, String domain) {
    return new SpfEvaluator(dns).evaluate("p", domain, Severity.LOW);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v=spf1 a -all",
        "v=spf1 a:example.org -all",
        "v=spf1 mx -all",
        "v=spf1 mx:example.org -all",
        "v=spf1 mx mx:example.org -all",
        "v=spf1 mx/30 mx:example.org/30 -all",
        "v=spf1 ip4:192.0.2.128/28 -all",
        "v=spf1 ip6:2001:db8::/32 a//64 ~all",
        "v=spf1 -all",
        "v=spf1 include:example.org -all exp=explain.example.com"
      })
  void evaluate_passes_theRfcExamples(String record) {
    Fakes.Dns dns = rfcZone(record).put(Type.TXT, "example.org", "v=spf1 ip4:192.0.2.140 -all");
    SpfEvaluator.Result r = eval(dns, "example.com");
    assertThat(r.findings()).isEmpty();
    assertThat(r.outcome()).isEqualTo(SpfEvaluator.Outcome.PASS);
    assertThat(r.record()).isEqualTo(record);
  }

  @Test
  void evaluate_countsLookupsThroughAnIncludeChain() {
    Fakes.Dns dns =
        new Fakes.Dns()
            .put(
                Type.TXT,
                "example.com",
                "v=spf1 include:_spf.google.com include:amazonses.com mx ~all")
            .put(
                Type.TXT,
                "_spf.google.com",
                "v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all")
            .put(Type.TXT, "_netblocks.google.com", "v=spf1 ip4:35.190.247.0/24 ~all")
            .put(Type.TXT, "_netblocks2.google.com", "v=spf1 ip6:2001:4860:4000::/36 ~all")
            .put(Type.TXT, "_netblocks3.google.com", "v=spf1 ip4:172.217.0.0/19 ~all")
            .put(Type.TXT, "amazonses.com", "v=spf1 ip4:199.255.192.0/22 -all")
            .put(Type.MX, "example.com", "10 mx.example.com");
    SpfEvaluator.Result r = eval(dns, "example.com");
    assertThat(r.findings()).isEmpty();
    assertThat(r.lookups()).isEqualTo(6);
  }

  @Test
  void evaluate_failsPastTenLookups_andNamesTheChain() {
    Fakes.Dns dns =
        new Fakes.Dns()
            .put(
                Type.TXT, "example.com", "v=spf1 include:a.example.net include:b.example.net -all");
    dns.put(
        Type.TXT,
        "a.example.net",
        "v=spf1 a:h1.example.net a:h2.example.net a:h3.example.net a:h4.example.net a:h5.example.net -all");
    dns.put(
        Type.TXT,
        "b.example.net",
        "v=spf1 a:h6.example.net a:h7.example.net a:h8.example.net a:h9.example.net -all");
    for (int i = 1; i <= 9; i++) {
      dns.put(Type.A, "h" + i + ".example.net", "192.0.2." + i);
    }
    SpfEvaluator.Result r = eval(dns, "example.com");
    assertThat(r.findings()).extracting(Finding::id).containsExactly("dns.spf_too_many_lookups");
    Finding f = r.findings().get(0);
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.evidence().get("chain")).isEqualTo("example.com -> include:b.example.net");
    assertThat(f.evidence().get("lookups")).isEqualTo("11+");
    assertThat(f.evidence().get("record")).startsWith("v=spf1 include:a.example.net");
    assertThat(r.outcome()).isEqualTo(SpfEvaluator.Outcome.FAIL);
  }

  @Test
  void evaluate_countsRedirectButNotExp_andIgnoresRedirectWhenAllIsThere() {
    Fakes.Dns dns =
        new Fakes.Dns()
            .put(Type.TXT, "example.com", "v=spf1 redirect=_spf.example.com exp=why.example.com")
            .put(Type.TXT, "_spf.example.com", "v=spf1 ip4:192.0.2.0/24 -all");
    assertThat(eval(dns, "example.com").lookups()).isEqualTo(1);
    dns.put(Type.TXT, "example.com", "v=spf1 -all redirect=_spf.example.com");
    assertThat(eval(dns, "example.com").lookups()).isZero();
  }

  @Test
  void evaluate_failsOnMoreThanTwoVoidLookups() {
    Fakes.Dns dns =
        new Fakes.Dns()
            .put(
                Type.TXT,
                "example.com",
                "v=spf1 a:gone1.example.com a:gone2.example.com mx:gone3.example.com -all");
    SpfEvaluator.Result r = eval(dns, "example.com");
    assertThat(r.findings())
        .extracting(Finding::id)
        .containsExactly("dns.spf_too_many_void_lookups");
    assertThat(r.voidLookups()).isEqualTo(3);
    assertThat(r.findings().get(0).evidence().get("void_names"))
        .isEqualTo("gone1.example.com,gone2.example.com,gone3.example.com");
  }

  @Test
  void evaluate_twoVoidLookupsAreStillAllowed() {
    Fakes.Dns dns =
        new Fakes.Dns()
            .put(Type.TXT, "example.com", "v=spf1 a:gone1.example.com a:gone2.example.com -all");
    assertThat(eval(dns, "example.com").findings()).isEmpty();
  }

  @Test
  void evaluate_flagsPlusAll_bareAll_inAnInclude_andNeutralAllAtTheTop() {
    assertThat(eval(new Fakes.Dns().put(Type.TXT, "x.test", "v=spf1 +all"), "x.test").findings())
        .extracting(Finding::id)
        .containsExactly("dns.spf_plus_all");
    assertThat(eval(new Fakes.Dns().put(Type.TXT, "x.test", "v=spf1 all"), "x.test").findings())
        .extracting(Finding::id)
        .containsExactly("dns.spf_plus_all");
    SpfEvaluator.Result inc =
        eval(
            new Fakes.Dns()
                .put(Type.TXT, "x.test", "v=spf1 include:open.test -all")
                .put(Type.TXT, "open.test", "v=spf1 +all"),
            "x.test");
    assertThat(inc.findings()).extracting(Finding::id).containsExactly("dns.spf_plus_all");
    assertThat(inc.findings().get(0).evidence().get("chain"))
        .isEqualTo("x.test -> include:open.test");
    assertThat(
            eval(new Fakes.Dns().put(Type.TXT, "x.test", "v=spf1 ip4:192.0.2.1 ?all"), "x.test")
                .findings())
        .extracting(Finding::id, Finding::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dns.spf_neutral_all", Severity.MEDIUM));
  }

  @Test
  void evaluate_flagsPtr() {
    SpfEvaluator.Result r = eval(rfcZone("v=spf1 ptr -all"), "example.com");
    assertThat(r.findings()).extracting(Finding::id).containsExactly("dns.spf_ptr");
    assertThat(r.lookups()).isEqualTo(1);
    assertThat(r.outcome()).isEqualTo(SpfEvaluator.Outcome.WARN);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v=spf1 ip4:192.0.2.300 -all", "v=spf1 ip4:192.0.2.0/33 -all", "v=spf1 ip6:zz::1 -all",
            "v=spf1 include -all",
        "v=spf1 foo:example.com -all", "v=spf1 a:exa mple -all", "v=spf1 mx/99 -all",
            "v=spf1 -redirect=x.test",
        "v=spf1 redirect=a.test redirect=b.test", "v=spf1 allx"
      })
  void evaluate_reportsSyntaxErrors(String record) {
    Fakes.Dns dns =
        new Fakes.Dns()
            .put(Type.TXT, "x.test", record)
            .put(Type.TXT, "a.test", "v=spf1 -all")
            .put(Type.TXT, "b.test", "v=spf1 -all");
    SpfEvaluator.Result r = eval(dns, "x.test");
    assertThat(r.findings()).extracting(Finding::id).contains("dns.spf_syntax");
    assertThat(r.findings().get(0).evidence()).containsKeys("problem", "record", "chain");
    assertThat(r.outcome()).isEqualTo(SpfEvaluator.Outcome.FAIL);
  }

  @Test
  void evaluate_reportsAnIncludeWithoutRecord_asPermerrorAndVoid() {
    SpfEvaluator.Result r =
        eval(new Fakes.Dns().put(Type.TXT, "x.test", "v=spf1 include:nothing.test -all"), "x.test");
    assertThat(r.findings()).extracting(Finding::id).containsExactly("dns.spf_include_missing");
    assertThat(r.voidLookups()).isEqualTo(1);
    SpfEvaluator.Result redirect =
        eval(new Fakes.Dns().put(Type.TXT, "x.test", "v=spf1 redirect=nothing.test"), "x.test");
    assertThat(redirect.findings())
        .extracting(Finding::id)
        .containsExactly("dns.spf_redirect_missing");
  }

  @Test
  void evaluate_reportsMultipleRecords_missing_andTimeout() {
    Fakes.Dns dns =
        new Fakes.Dns()
            .put(
                Type.TXT,
                "x.test",
                "v=spf1 -all",
                "v=spf1 include:amazonses.com -all",
                "google-site-verification=abc");
    assertThat(eval(dns, "x.test").findings())
        .extracting(Finding::id)
        .containsExactly("dns.spf_multiple");
    SpfEvaluator.Result missing =
        eval(new Fakes.Dns().put(Type.TXT, "x.test", "google-site-verification=abc"), "x.test");
    assertThat(missing.outcome()).isEqualTo(SpfEvaluator.Outcome.MISSING);
    assertThat(missing.findings())
        .extracting(Finding::id, Finding::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("dns.spf_missing", Severity.LOW));
    SpfEvaluator.Result slow =
        eval(
            new Fakes.Dns()
                .answer(Type.TXT, "x.test", DnsAnswer.failed(DnsAnswer.Status.TIMEOUT, "t")),
            "x.test");
    assertThat(slow.outcome()).isEqualTo(SpfEvaluator.Outcome.UNKNOWN);
    assertThat(slow.findings()).extracting(Finding::id).containsExactly(DnsChecks.LOOKUP_FAILED);
  }

  @Test
  void evaluate_stopsAnIncludeLoop_withinTheQueryBound() {
    Fakes.Dns dns =
        new Fakes.Dns()
            .put(Type.TXT, "x.test", "v=spf1 include:y.test -all")
            .put(Type.TXT, "y.test", "v=spf1 include:x.test -all");
    SpfEvaluator.Result r = eval(dns, "x.test");
    assertThat(r.findings()).extracting(Finding::id).containsExactly("dns.spf_too_many_lookups");
    assertThat(dns.asked.size()).isLessThanOrEqualTo(SpfEvaluator.MAX_QUERIES);
  }

  @Test
  void evaluate_countsMacrosWithoutFollowingThem() {
    SpfEvaluator.Result r =
        eval(
            new Fakes.Dns()
                .put(Type.TXT, "x.test", "v=spf1 exists:%{i}._spf.x.test include:%{d}.y.test -all"),
            "x.test");
    assertThat(r.findings()).isEmpty();
    assertThat(r.lookups()).isEqualTo(2);
  }

  @Test
  void evaluate_keepsTheEvidenceFreeOfControlCharacters() {
    SpfEvaluator.Result r =
        eval(new Fakes.Dns().put(Type.TXT, "x.test", "v=spf1 +all \u0007"), "x.test");
    assertThat(r.findings())
        .allSatisfy(f -> assertThat(f.evidence().get("record")).doesNotContain("\u0007"));
    assertThat(List.of(r.outcome())).containsExactly(SpfEvaluator.Outcome.FAIL);
  }
}
