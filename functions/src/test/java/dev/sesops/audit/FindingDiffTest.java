package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingDiffTest {
  private static final Map<String, String> ALL_OK =
      Map.of(
          "account",
          "ok",
          "credentials",
          "ok",
          "identities",
          "ok",
          "drift",
          "ok",
          "configuration_sets",
          "ok",
          "dns",
          "ok");

  @Test
  void diff_treatsEverythingAsNew_withoutAPreviousReport() {
    List<Finding> now =
        List.of(
            f("identity.dkim_disabled", Severity.HIGH, "a.example"),
            f("drift.unexpected", Severity.INFO, "b.example"));
    FindingDiff d = FindingDiff.of(now, ALL_OK, null);
    assertThat(d.newFindings()).hasSize(2);
    assertThat(d.toAlert()).extracting(Finding::resource).containsExactly("a.example");
    assertThat(d.resolved()).isEmpty();
  }

  @Test
  void diff_doesNotAlertAgain_forAKnownFinding_butDoesForANewResourceOfTheSameCheck() {
    Finding known = f("identity.dkim_disabled", Severity.HIGH, "a.example");
    Finding other = f("identity.dkim_disabled", Severity.HIGH, "c.example");
    FindingDiff d =
        FindingDiff.of(
            List.of(known, other), ALL_OK, previous(List.of(known), List.of(), List.of()));
    assertThat(d.newFindings()).containsExactly(other);
    assertThat(d.toAlert()).containsExactly(other);
  }

  @Test
  void diff_alertsAKnownFinding_whoseAlertIsStillPending() {
    Finding known = f("dns.dmarc_missing", Severity.HIGH, "_dmarc.a.example");
    FindingDiff d =
        FindingDiff.of(
            List.of(known), ALL_OK, previous(List.of(known), List.of(), List.of(known.key())));
    assertThat(d.newFindings()).isEmpty();
    assertThat(d.toAlert()).containsExactly(known);
  }

  @Test
  void diff_resolvesFixedFindings_onlyWhenTheirCheckRanFully() {
    Finding dkim = f("identity.dkim_disabled", Severity.HIGH, "a.example");
    Finding account = f("account.sandbox", Severity.MEDIUM, "account");
    Map<String, String> accountFailed =
        Map.of("account", "failed: AccessDenied (HTTP 403)", "identities", "ok");
    FindingDiff d =
        FindingDiff.of(
            List.of(), accountFailed, previous(List.of(dkim, account), List.of(), List.of()));
    assertThat(d.resolved()).containsExactly(dkim);
    assertThat(d.unverified()).containsExactly(account);
  }

  @Test
  void diff_doesNotResolveADnsFinding_whenItsNameDidNotAnswerThisTime() {
    Finding dmarc = f("dns.dmarc_policy_none", Severity.MEDIUM, "_dmarc.a.example");
    Finding timeout = f("dns.lookup_failed", Severity.MEDIUM, "_dmarc.a.example");
    FindingDiff d =
        FindingDiff.of(List.of(timeout), ALL_OK, previous(List.of(dmarc), List.of(), List.of()));
    assertThat(d.resolved()).isEmpty();
    assertThat(d.unverified()).containsExactly(dmarc);
  }

  @Test
  void diff_keepsCarriedOverFindingsKnown_soTheyDoNotAlertAsNewLater() {
    Finding carried = f("account.enforcement_status", Severity.HIGH, "account");
    FindingDiff d =
        FindingDiff.of(List.of(carried), ALL_OK, previous(List.of(), List.of(carried), List.of()));
    assertThat(d.newFindings()).isEmpty();
    assertThat(d.toAlert()).isEmpty();
  }

  @Test
  void diff_holdsADomainsDnsFindings_whenAnyOfItsNamesDidNotAnswer() {
    Finding policy = f("dns.mta_sts_mx_mismatch", Severity.HIGH, "mta-sts.example.com");
    Finding spf = f("dns.spf_too_many_lookups", Severity.HIGH, "example.com");
    Finding other = f("dns.bimi_missing", Severity.INFO, "default._bimi.other.example");
    Finding timeout = f(DnsChecks.LOOKUP_FAILED, Severity.MEDIUM, "_mta-sts.example.com");
    FindingDiff d =
        FindingDiff.of(
            List.of(timeout), ALL_OK, previous(List.of(policy, spf, other), List.of(), List.of()));
    assertThat(d.unverified()).containsExactlyInAnyOrder(policy, spf);
    assertThat(d.resolved()).containsExactly(other);
    assertThat(FindingDiff.dnsDomain("abc._domainkey.example.com")).isEqualTo("example.com");
    assertThat(FindingDiff.dnsDomain("example.com._report._dmarc.vendor.net"))
        .isEqualTo("example.com");
  }

  @Test
  void diff_resolvesADedicatedIpListing_onlyWhenTheListAnswered() {
    Map<String, String> ok = new java.util.HashMap<>(ALL_OK);
    ok.put("dedicated_ips", "ok");
    Finding listed = f("dedicated_ip.listed", Severity.HIGH, "dedicated-ip:192.0.2.1");
    Finding unknown =
        f("dedicated_ip.dnsbl_unknown", Severity.LOW, "dedicated-ip:192.0.2.1@zen.spamhaus.org");
    assertThat(
            FindingDiff.of(List.of(unknown), ok, previous(List.of(listed), List.of(), List.of()))
                .unverified())
        .containsExactly(listed);
    assertThat(
            FindingDiff.of(List.of(), ok, previous(List.of(listed), List.of(), List.of()))
                .resolved())
        .containsExactly(listed);
  }

  private static Finding f(String id, Severity s, String resource) {
    return new Finding(id, s, "p", resource, id + " " + resource, "fix", Map.of());
  }

  private static AccountAudit previous(
      List<Finding> findings, List<Finding> unverified, List<String> pending) {
    return new AccountAudit(
        "p",
        "us-east-1",
        "r0",
        Instant.EPOCH,
        Instant.EPOCH,
        ALL_OK,
        true,
        List.of(),
        findings,
        Score.counts(findings),
        Score.of(findings),
        List.of(),
        List.of(),
        unverified,
        pending,
        Map.of(),
        0,
        null,
        List.of(),
        List.of());
  }
}
