package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.common.BadInputException;
import dev.sesops.common.Deadline;
import dev.sesops.ses.AccountStatus;
import dev.sesops.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AuditorTest {
  private static final String CONFIG =
      "{\"accounts\":{"
          + "\"production\":{\"region\":\"us-east-1\",\"role_arn\":\"arn:aws:iam::111122223333:role/ses-ops\","
          + "  \"verified_domains\":[\"example.com\"],\"verified_emails\":[\"noreply@example.com\"]},"
          + "\"staging\":{\"region\":\"eu-west-1\",\"aws_access_key_id\":\"AKIAIOSFODNN7EXAMPLE\",\"aws_secret_access_key\":\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}}}";

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-04T05:06:07Z"));
  private final Map<String, Fakes.Ses> ses = new ConcurrentHashMap<>();
  private final Fakes.Dns dns = new Fakes.Dns().healthy("example.com");
  private final Fakes.Store store = new Fakes.Store();
  private final Fakes.Alerts alerts = new Fakes.Alerts();
  private final Auditor auditor =
      new Auditor(
          Fakes.source(Fakes.config(CONFIG)),
          (account, rate) -> ses.computeIfAbsent(account.name(), n -> new Fakes.Ses()),
          dns,
          store,
          alerts,
          clock,
          1.0);

  @Test
  void audit_storesOneReportPerAccount_atItsDatedKey_withSortedFindingsCountsAndScore() {
    ses("production").with(Fakes.domain("example.com"), Fakes.email("noreply@example.com"));
    ses("staging").status = new AccountStatus("HEALTHY", true, false, null, List.of("BOUNCE"));

    AuditReport r = auditor.audit(null, true, Deadline.none(clock), "evt-1234-abcd");

    assertThat(r.runId()).isEqualTo("20250304T050607Z-evt1234a");
    assertThat(r.reportKeys())
        .containsExactlyInAnyOrder(
            "audits/production/2025/03/04/20250304T050607Z-evt1234a.json",
            "audits/staging/2025/03/04/20250304T050607Z-evt1234a.json");
    AccountAudit prod = report(r, "production");
    assertThat(prod.findings()).isEmpty();
    assertThat(prod.score()).isEqualTo(100);
    assertThat(prod.complete()).isTrue();
    assertThat(prod.checks())
        .containsOnlyKeys(
            "credentials",
            "account",
            "configuration_sets",
            "identities",
            "drift",
            "default_configuration_sets",
            "dedicated_ips",
            "dns")
        .allSatisfy((k, v) -> assertThat(v).isEqualTo("ok"));
    assertThat(prod.identities()).containsEntry("domains", 1).containsEntry("email_addresses", 1);

    AccountAudit staging = report(r, "staging");
    assertThat(staging.findings())
        .extracting(Finding::id)
        .containsExactly(
            "account.sandbox", "account.suppression_incomplete", "credentials.static_keys");
    assertThat(staging.score()).isEqualTo(100 - 5 * 3);
    assertThat(staging.counts()).containsEntry(Severity.MEDIUM, 3).containsEntry(Severity.HIGH, 0);
    assertThat(store.objects.get(r.reportKeys().get(1)) + store.objects.get(r.reportKeys().get(0)))
        .doesNotContain("wJalrXUtnFEMI")
        .doesNotContain("noreply@example.com");
    assertThat(r.summary())
        .anySatisfy(
            l -> assertThat(l).startsWith("staging: score 85; 0 critical, 0 high, 3 medium"));
  }

  @Test
  void audit_attachesEachDomainsDmarcSection_andShowsAReadFailureWithoutFailingTheAudit() {
    ses("production").with(Fakes.domain("example.com"), Fakes.domain("broken.example"));
    dns.healthy("broken.example");
    List<String> asked = new CopyOnWriteArrayList<>();
    DmarcReports reports =
        (domain, days) -> {
          asked.add(domain + " " + days);
          if (domain.equals("broken.example")) {
            throw new IllegalStateException(
                "DMARC summaries of broken.example not read: ThrottlingException");
          }
          return HtmlReportTest.QUIET;
        };
    Auditor withReports =
        new Auditor(
            Fakes.source(Fakes.config(CONFIG)),
            (account, rate) -> ses.computeIfAbsent(account.name(), n -> new Fakes.Ses()),
            dns,
            store,
            alerts,
            clock,
            1.0,
            null,
            reports);

    AccountAudit prod =
        report(
            withReports.audit(List.of("production"), false, Deadline.none(clock), "dmarc"),
            "production");

    assertThat(asked).containsExactlyInAnyOrder("example.com 30", "broken.example 30");
    assertThat(prod.domains())
        .filteredOn(d -> d.domain().equals("example.com"))
        .singleElement()
        .satisfies(d -> assertThat(d.dmarc()).isEqualTo(HtmlReportTest.QUIET));
    assertThat(prod.domains())
        .filteredOn(d -> d.domain().equals("broken.example"))
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.dmarc().error())
                    .isEqualTo(
                        "DMARC reports not read: DMARC summaries of broken.example not read: ThrottlingException"));
    assertThat(prod.checks()).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo("ok"));
    // without a reader (no reports stored in the deployment) there is no section
    AccountAudit plain =
        report(
            auditor.audit(List.of("production"), false, Deadline.none(clock), "plain"),
            "production");
    assertThat(plain.domains()).allSatisfy(d -> assertThat(d.dmarc()).isNull());
  }

  @Test
  void audit_alertsANewHighFindingOnce_notOnTheSecondRun_andReportsItResolvedWhenFixed() {
    Fakes.Ses prod =
        ses("production").with(Fakes.domain("example.com"), Fakes.email("noreply@example.com"));
    dns.answers.remove("TXT _dmarc.example.com");

    AuditReport first = auditor.audit(List.of("production"), true, Deadline.none(clock), "run1");
    assertThat(alerts.sent)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.subject())
                  .isEqualTo("[HIGH] production: No DMARC record for example.com");
              assertThat(a.check()).isEqualTo("dns.dmarc_missing");
              assertThat(a.severity()).isEqualTo("HIGH");
              assertThat(a.account()).isEqualTo("production");
            });
    assertThat(first.alertsSent())
        .containsExactly("production:dns.dmarc_missing|_dmarc.example.com");

    clock.advance(Duration.ofDays(1));
    AuditReport second = auditor.audit(List.of("production"), true, Deadline.none(clock), "run2");
    assertThat(alerts.sent).hasSize(1);
    AccountAudit secondReport = report(second, "production");
    assertThat(secondReport.newFindings()).isEmpty();
    assertThat(secondReport.previousReport()).isEqualTo(first.reportKeys().get(0));

    clock.advance(Duration.ofDays(1));
    dns.put(DnsLookup.Type.TXT, "_dmarc.example.com", "v=DMARC1; p=reject");
    AuditReport third = auditor.audit(List.of("production"), true, Deadline.none(clock), "run3");
    assertThat(report(third, "production").resolved())
        .extracting(Finding::id)
        .containsExactly("dns.dmarc_missing");
    assertThat(alerts.sent).hasSize(2);
    assertThat(alerts.sent.get(1).subject()).startsWith("[RESOLVED] production: No DMARC record");
    assertThat(prod.calls()).isPositive();
  }

  @Test
  void audit_isolatesAccounts_whenOneAccountsSesFails() {
    ses("production").with(Fakes.domain("example.com"), Fakes.email("noreply@example.com"));
    Fakes.Ses staging = ses("staging");
    staging.accountFailure = Fakes.sesError("AccessDeniedException", 403);
    staging.identitiesFailure = Fakes.sesError("AccessDenied", 403);

    AuditReport r = auditor.audit(null, true, Deadline.none(clock), "x");

    assertThat(report(r, "production").findings()).isEmpty();
    AccountAudit s = report(r, "staging");
    assertThat(s.checks())
        .containsEntry("account", "failed: AccessDeniedException (HTTP 403)")
        .containsEntry("identities", "failed: AccessDenied (HTTP 403)")
        .containsEntry("drift", "not reached: needs the identity list");
    assertThat(s.complete()).isFalse();
    assertThat(s.findings())
        .filteredOn(f -> f.id().equals("audit.check_failed"))
        .extracting(Finding::resource)
        .containsExactlyInAnyOrder("account", "identities");
    assertThat(s.findings())
        .allSatisfy(f -> assertThat(f.toString()).doesNotContain("secret details"));
    assertThat(r.reportKeys()).hasSize(2);
  }

  @Test
  void audit_readsAThousandIdentitiesInBatchesOfAHundred_withFewSesCalls() {
    Fakes.Ses prod = ses("production");
    for (int i = 0; i < 1000; i++) {
      prod.with(Fakes.email("user" + i + "@example.com"));
    }
    AuditReport r = auditor.audit(List.of("production"), false, Deadline.none(clock), "scale");
    // 1 GetAccount + 1 ListConfigurationSets + 1 ListIdentities + 10 batches x 4 attribute calls
    // + 1 GetDedicatedIps + 1 ListDedicatedIpPools + 1 GetSendStatistics + 1 ListContactLists
    assertThat(report(r, "production").sesCalls()).isEqualTo(47);
  }

  @Test
  void audit_stopsBeforeTheDeadline_withAPartialReportSayingWhatItDidNotReach() {
    Fakes.Ses prod = ses("production");
    for (int i = 0; i < 450; i++) {
      prod.with(Fakes.domain("d" + i + ".example.com"));
    }
    prod.onCall = () -> clock.advance(Duration.ofSeconds(1));
    // 3 listing calls, then 4 s per batch: the deadline falls after the 2nd batch
    Deadline deadline = new Deadline(clock.instant().plusSeconds(10), clock);

    AccountAudit a =
        report(auditor.audit(List.of("production"), true, deadline, "late"), "production");

    assertThat(a.complete()).isFalse();
    assertThat(a.checks())
        .containsEntry("identities", "partial: 200 of 450 identities checked")
        .containsEntry("dns", "not reached");
    assertThat(a.notReached())
        .containsExactly(
            "identities: 250 of 450 not checked (deadline)",
            "default_configuration_sets: not checked (deadline)",
            "dedicated_ips: not checked (deadline)",
            "dns: 200 domains not checked (deadline)");
    // identities not read count as present: only the config's own entries that SES lacks are
    // missing
    assertThat(a.findings())
        .filteredOn(f -> f.id().equals("drift.missing"))
        .extracting(Finding::resource)
        .containsExactlyInAnyOrder("example.com", Resources.identity("noreply@example.com"));
    assertThat(store.objects.keySet()).filteredOn(k -> k.endsWith(".json")).hasSize(1);
    assertThat(store.objects.keySet()).filteredOn(k -> k.endsWith(".html")).hasSize(1);
  }

  @Test
  void audit_keepsAnAlertPending_whenPublishingFails_andSendsItOnTheNextRun() {
    ses("production").with(Fakes.domain("example.com"), Fakes.email("noreply@example.com"));
    dns.answers.remove("TXT _dmarc.example.com");
    alerts.fail = a -> true;
    AuditReport first = auditor.audit(List.of("production"), true, Deadline.none(clock), "a");
    assertThat(report(first, "production").pendingAlerts())
        .containsExactly("dns.dmarc_missing|_dmarc.example.com");

    alerts.fail = a -> false;
    clock.advance(Duration.ofHours(1));
    auditor.audit(List.of("production"), true, Deadline.none(clock), "b");
    assertThat(alerts.sent).extracting(a -> a.check()).containsExactly("dns.dmarc_missing");
    clock.advance(Duration.ofHours(1));
    AuditReport third = auditor.audit(List.of("production"), true, Deadline.none(clock), "c");
    assertThat(alerts.sent).hasSize(1);
    assertThat(report(third, "production").pendingAlerts()).isEmpty();
  }

  @Test
  void audit_withoutNotify_sendsNothing_andLeavesTheAlertForTheNextNotifyingRun() {
    ses("production").with(Fakes.domain("example.com"), Fakes.email("noreply@example.com"));
    dns.answers.remove("TXT _dmarc.example.com");
    auditor.audit(List.of("production"), false, Deadline.none(clock), "api");
    assertThat(alerts.sent).isEmpty();
    clock.advance(Duration.ofMinutes(5));
    auditor.audit(List.of("production"), true, Deadline.none(clock), "scheduled");
    assertThat(alerts.sent).hasSize(1);
  }

  @Test
  void audit_capsAlertsPerAccount_withOneDigestForTheRest() {
    Fakes.Ses prod = ses("production");
    for (int i = 0; i < 25; i++) {
      IdentityAttributes d = Fakes.domain("d" + i + ".example.com");
      prod.with(
          new IdentityAttributes(
              d.identity(), "Failed", null, false, null, List.of(), null, null, "b", "c", false));
    }
    auditor.audit(List.of("production"), true, Deadline.none(clock), "many");
    assertThat(alerts.sent).hasSize(AccountAuditor.MAX_ALERTS_PER_ACCOUNT);
    assertThat(alerts.sent.get(9).check()).isEqualTo("audit.digest");
    assertThat(alerts.sent.get(9).subject()).endsWith("more new audit findings");
  }

  @Test
  void audit_holdsAlertsBack_whenThePreviousReportCannotBeRead() {
    ses("production").with(Fakes.domain("example.com"), Fakes.email("noreply@example.com"));
    dns.answers.remove("TXT _dmarc.example.com");
    store.failReads = true;
    AuditReport r = auditor.audit(List.of("production"), true, Deadline.none(clock), "x");
    assertThat(alerts.sent).isEmpty();
    assertThat(report(r, "production").pendingAlerts()).hasSize(1);
  }

  @Test
  void audit_reportsAStoreFailure_andStillAuditsTheOtherAccounts() {
    store.failWrites = true;
    AuditReport r = auditor.audit(null, true, Deadline.none(clock), "x");
    assertThat(r.reportKeys()).isEmpty();
    assertThat(r.failures()).hasSize(2).allSatisfy(f -> assertThat(f).contains("not stored"));
    assertThat(r.accounts()).hasSize(2);
  }

  @Test
  void audit_rejectsUnknownAccounts_namingThem() {
    assertThatThrownBy(() -> auditor.audit(List.of("nope"), true, Deadline.none(clock)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("detail.accounts")
        .hasMessageContaining("nope");
  }

  private Fakes.Ses ses(String account) {
    return ses.computeIfAbsent(account, n -> new Fakes.Ses());
  }

  private static AccountAudit report(AuditReport r, String account) {
    return r.accounts().stream().filter(a -> a.account().equals(account)).findFirst().orElseThrow();
  }

  @Test
  void audit_reportsAnExpectedDomainWithoutADefaultConfigurationSet() {
    Fakes.Ses prod =
        ses("production").with(Fakes.domain("example.com"), Fakes.email("noreply@example.com"));
    prod.defaultSets.put("example.com", "");

    AccountAudit a =
        report(
            auditor.audit(List.of("production"), false, Deadline.none(clock), "evt-1"),
            "production");

    assertThat(a.findings())
        .extracting(Finding::id)
        .containsExactly("identity.no_default_configuration_set");
    assertThat(a.findings().get(0).resource()).isEqualTo("identity:example.com");
    assertThat(a.checks()).containsEntry("default_configuration_sets", "ok");
  }
}
