package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-domain cells and the bulk-sender readiness rows, from findings and account signals. */
class DomainTableTest {
  private static final SendingSignals QUIET =
      new SendingSignals(
          20_000L, 4L, List.of(new SendingSignals.ContactList("news", 3)), null, null);
  private static final PostureChecks.DmarcPolicy REJECT =
      new PostureChecks.DmarcPolicy("reject", 100);

  private static Finding f(String id, Severity s, String resource) {
    return new Finding(id, s, "p", resource, id + " message", "fix", Map.of());
  }

  @Test
  void build_passesEveryRow_forAHealthyDomain() {
    DomainReport r =
        DomainTable.build(
            "example.com", Fakes.domain("example.com"), List.of(), true, REJECT, QUIET);
    assertThat(r.checks().values()).extracting(DomainReport.Cell::status).containsOnly("pass");
    assertThat(r.readiness()).extracting(DomainReport.ReadinessRow::status).containsOnly("pass");
    assertThat(r.readiness()).hasSize(7);
  }

  @Test
  void build_putsEachFindingInItsArea_andTheWorstSetsTheCell() {
    List<Finding> fs =
        List.of(
            f("dns.dmarc_policy_none", Severity.MEDIUM, "_dmarc.example.com"),
            f("dns.spf_too_many_lookups", Severity.HIGH, "mail.example.com"),
            f("dns.bimi_missing", Severity.INFO, "default._bimi.example.com"),
            f(DnsChecks.LOOKUP_FAILED, Severity.MEDIUM, "_mta-sts.example.com"),
            f("dns.dkim_cname_missing", Severity.HIGH, "aaa._domainkey.example.com"));
    DomainReport r =
        DomainTable.build(
            "example.com",
            Fakes.domain("example.com"),
            fs,
            true,
            new PostureChecks.DmarcPolicy("none", 100),
            QUIET);
    assertThat(r.checks())
        .extractingFromEntries(e -> e.getKey(), e -> e.getValue().status())
        .contains(
            tuple("DMARC", "warn"),
            tuple("MAIL FROM", "fail"),
            tuple("BIMI", "absent"),
            tuple("MTA-STS", "unknown"),
            tuple("DKIM", "fail"),
            tuple("SPF", "pass"),
            tuple("DNSSEC", "pass"));
    assertThat(r.readiness())
        .extracting(DomainReport.ReadinessRow::requirement, DomainReport.ReadinessRow::status)
        .containsExactly(
            tuple("SPF", "fail"),
            tuple("DKIM", "fail"),
            tuple("DMARC (at least p=none)", "pass"),
            tuple("Alignment (DKIM or SPF with the From domain)", "fail"),
            tuple("One-click unsubscribe (RFC 8058)", "pass"),
            tuple("Spam complaints under 0.3% (account-wide, SES feedback)", "pass"),
            tuple("Spam complaints under 0.1% (account-wide, SES feedback)", "pass"));
  }

  @Test
  void build_saysUnknown_forLowVolume_unreadSignals_andNoContactList_neverPass() {
    SendingSignals low = new SendingSignals(200L, 3L, List.of(), null, null);
    DomainReport r =
        DomainTable.build(
            "example.com", Fakes.domain("example.com"), List.of(), false, REJECT, low);
    assertThat(r.readiness())
        .filteredOn(x -> !x.requirement().matches("SPF|DKIM|DMARC.*|Alignment.*"))
        .extracting(DomainReport.ReadinessRow::status)
        .containsOnly("unknown");
    assertThat(r.readiness().get(4).why())
        .contains("the sender's job")
        .contains("List-Unsubscribe-Post");
    assertThat(r.checks().get("MTA-STS").status()).isEqualTo("n/a");
    SendingSignals unread =
        new SendingSignals(null, null, null, "AccessDenied (HTTP 403)", "AccessDenied (HTTP 403)");
    DomainReport u =
        DomainTable.build(
            "example.com", Fakes.domain("example.com"), List.of(), true, REJECT, unread);
    assertThat(u.readiness().subList(4, 7))
        .extracting(DomainReport.ReadinessRow::status)
        .containsOnly("unknown");
  }

  @Test
  void build_failsTheComplaintRows_atTheirLimits() {
    SendingSignals between = new SendingSignals(10_000L, 15L, List.of(), null, null); // 0.15%
    DomainReport r =
        DomainTable.build(
            "example.com", Fakes.domain("example.com"), List.of(), true, REJECT, between);
    assertThat(r.readiness().subList(5, 7))
        .extracting(DomainReport.ReadinessRow::status)
        .containsExactly("pass", "fail");
    SendingSignals high = new SendingSignals(10_000L, 30L, List.of(), null, null); // 0.3%
    assertThat(
            DomainTable.build(
                    "example.com", Fakes.domain("example.com"), List.of(), true, REJECT, high)
                .readiness()
                .get(5)
                .status())
        .isEqualTo("fail");
  }

  @Test
  void build_withoutMailFrom_isNotApplicable_andAlignsThroughDkim() {
    IdentityAttributes d = Fakes.domain("example.com");
    IdentityAttributes noMf =
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
    DomainReport r = DomainTable.build("example.com", noMf, List.of(), true, REJECT, QUIET);
    assertThat(r.checks().get("MAIL FROM").status()).isEqualTo("n/a");
    assertThat(r.readiness().get(3).why()).contains("Easy DKIM");
  }
}
