package dev.sesops.protection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigParser;
import dev.sesops.core.Scope;
import dev.sesops.core.Window;
import dev.sesops.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ProtectorTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T06:30:00Z"));
  private final InMemoryActionStore store = new InMemoryActionStore();
  private final InMemoryActionTrail trail = new InMemoryActionTrail();
  private final FakeScopeControl ses = new FakeScopeControl();
  private final RecordingAlerts alerts = new RecordingAlerts();
  private final Protector protector = new Protector(store, trail, ses, alerts, clock);

  static AccountConfig shop(String protection) {
    return ConfigParser.parse(
            "{\"accounts\": {\"shop\": {\"region\": \"us-east-1\", \"protection\": "
                + protection
                + "}}}")
        .account("shop");
  }

  static ScopeRate cs(String name, Window w, long sends, long bounces, long complaints) {
    return new ScopeRate(Scope.configurationSet(name), w, sends, bounces, complaints, true);
  }

  static ScopeRate tenant(String name, Window w, long sends, long bounces, long complaints) {
    return new ScopeRate(Scope.tenant(name), w, sends, bounces, complaints, true);
  }

  static ScopeRate account(Window w, long sends, long bounces, long complaints) {
    return new ScopeRate(Scope.account(), w, sends, bounces, complaints, true);
  }

  @Test
  void enforce_pausesAConfigurationSetCrossingItsActLevel_onceLoggedBeforeTheCall_andAlertsOnce() {
    AccountConfig a = shop("{\"mode\": \"enforce\"}");
    List<String> seenAtCall = new ArrayList<>();
    ses.beforeChange =
        s -> {
          seenAtCall.add(store.log.values().iterator().next().status());
          seenAtCall.add(trail.objects.values().iterator().next().get(0).status());
        };

    ProtectionResult r =
        protector.protect(
            a,
            List.of(
                cs("marketing", Window.H1, 300, 36, 0),
                cs("transactional", Window.H1, 5_000, 10, 0)),
            "run-1");

    assertThat(ses.changes).containsExactly("pause configuration-set:marketing");
    assertThat(seenAtCall).containsExactly("pending", "pending");
    assertThat(r.actions())
        .singleElement()
        .satisfies(
            rec -> {
              assertThat(rec.status()).isEqualTo("done");
              assertThat(rec.why()).isEqualTo("hard bounces 12.0% over 1 h (36 of 300 sends)");
              assertThat(rec.stateBefore()).containsEntry("sending_enabled", true);
              assertThat(rec.undo()).isEqualTo("ses-ops resume shop --configuration-set marketing");
              assertThat(rec.undoAwsCli())
                  .isEqualTo(
                      "aws sesv2 put-configuration-set-sending-options --configuration-set-name marketing --sending-enabled --region us-east-1");
            });
    assertThat(alerts.subjects())
        .containsExactly(
            "[CRITICAL] shop: paused configuration set marketing: hard bounces 12.0% over 1 h (36 of 300 sends)");
    assertThat(alerts.sent.get(0).body())
        .contains("To resume: ses-ops resume shop --configuration-set marketing");
    assertThat(alerts.sent.get(0).scope()).isEqualTo("configuration-set:marketing");
    assertThat(alerts.sent.get(0).check()).isEqualTo("protection");
    assertThat(trail.objects).containsOnlyKeys("actions/shop/2026/12/03/run-1.jsonl");
    assertThat(trail.objects.get("actions/shop/2026/12/03/run-1.jsonl"))
        .extracting(ActionRecord::status)
        .containsExactly("pending", "done");

    // the next batch still sees the 1 h rate: nothing happens twice
    ProtectionResult again =
        protector.protect(a, List.of(cs("marketing", Window.H1, 320, 38, 0)), "run-2");
    assertThat(ses.changes).hasSize(1);
    assertThat(alerts.sent).hasSize(1);
    assertThat(again.skipped())
        .extracting(Decision.Skip::reason)
        .anySatisfy(s -> assertThat(s).startsWith("already paused by ses-ops"));
  }

  @Test
  void healthyScopes_andScopesUnderTheMinimumVolume_areNotTouched() {
    AccountConfig a = shop("{\"mode\": \"enforce\"}");
    ProtectionResult r =
        protector.protect(
            a,
            List.of(
                cs("healthy", Window.H1, 10_000, 50, 1),
                cs("tiny", Window.H1, 150, 30, 0), // 20% but under 200 sends
                cs("few-bounces", Window.H24, 1_000, 49, 0) // 4.9%... and under 50 bounces
                ),
            "run-1");
    assertThat(ses.changes).isEmpty();
    assertThat(alerts.sent).isEmpty();
    assertThat(r.actions()).isEmpty();
    assertThat(r.skipped())
        .extracting(Decision.Skip::scope)
        .containsExactly("configuration-set:tiny");
    assertThat(r.skipped().get(0).reason()).contains("under the minimum volume");
  }

  @Test
  void untrustedData_isNeverActedOn() {
    AccountConfig a = shop("{\"mode\": \"enforce\", \"allow_account_pause\": true}");
    ProtectionResult r =
        protector.protect(
            a,
            List.of(
                new ScopeRate(Scope.configurationSet("marketing"), Window.H1, 300, 36, 0, false),
                new ScopeRate(Scope.account(), Window.H24, 100_000, 20_000, 0, false)),
            "run-1");
    assertThat(ses.changes).isEmpty();
    assertThat(r.skipped())
        .extracting(Decision.Skip::reason)
        .allSatisfy(s -> assertThat(s).startsWith("data not trusted"));
  }

  @Test
  void neverPause_isRespected_andItsBreachIsStillReported() {
    AccountConfig a =
        shop("{\"mode\": \"enforce\", \"never_pause\": {\"configuration_sets\": [\"marketing\"]}}");
    ProtectionResult r =
        protector.protect(a, List.of(cs("marketing", Window.H1, 300, 36, 0)), "run-1");
    assertThat(ses.changes).isEmpty();
    assertThat(r.skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).startsWith("never_pause"));
  }

  @Test
  void theAccount_isNeverPaused_unlessAllowed() {
    List<ScopeRate> rates = List.of(account(Window.H24, 10_000, 900, 0)); // 9% over 24 h
    ProtectionResult r = protector.protect(shop("{\"mode\": \"enforce\"}"), rates, "run-1");
    assertThat(ses.changes).isEmpty();
    assertThat(r.skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).contains("allow_account_pause is false"));

    protector.protect(
        shop("{\"mode\": \"enforce\", \"allow_account_pause\": true}"), rates, "run-2");
    assertThat(ses.changes).containsExactly("pause account");
    assertThat(alerts.subjects())
        .containsExactly(
            "[CRITICAL] shop: paused the account: hard bounces 9.0% over 24 h (900 of 10000 sends)");
    assertThat(alerts.sent.get(0).scope()).isNull();
  }

  @Test
  void theAccount_isNotPaused_whenAConfigurationSetExplainsItsRate() {
    AccountConfig a = shop("{\"mode\": \"enforce\", \"allow_account_pause\": true}");
    ProtectionResult r =
        protector.protect(
            a,
            List.of(
                cs("marketing", Window.H24, 2_000, 800, 0), account(Window.H24, 10_000, 850, 0)),
            "run-1");
    assertThat(ses.changes).containsExactly("pause configuration-set:marketing");
    assertThat(r.skipped())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.scope()).isEqualTo("account");
              assertThat(s.reason()).startsWith("explained by configuration set marketing");
            });
  }

  @Test
  void theAccount_isNotPaused_byTheMonitor_whileASesOpsPauseInItsWindowContainsIt() {
    AccountConfig a = shop("{\"mode\": \"enforce\", \"allow_account_pause\": true}");
    protector.protect(a, List.of(cs("marketing", Window.H1, 300, 36, 0)), "events-1");
    clock.advance(Duration.ofMinutes(15));
    ProtectionResult r =
        protector.protect(a, List.of(account(Window.H24, 10_000, 900, 0)), "monitor-1");
    assertThat(ses.changes).containsExactly("pause configuration-set:marketing");
    assertThat(r.skipped())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.reason())
                    .startsWith("contained by the ses-ops pause of configuration set marketing"));
  }

  @Test
  void theSmallestScopeFirst_aTenantThatExplainsItsConfigurationSet_isPausedAlone() {
    AccountConfig a = shop("{\"mode\": \"enforce\"}");
    ProtectionResult r =
        protector.protect(
            a,
            List.of(
                cs("marketing", Window.H1, 2_000, 240, 0), // 12%
                tenant("acme", Window.H1, 400, 200, 0)),
            "run-1"); // 50%; without it marketing is 2.5%
    assertThat(ses.changes).containsExactly("pause tenant:acme");
    assertThat(r.skipped())
        .singleElement()
        .satisfies(
            s -> assertThat(s.reason()).isEqualTo("explained by tenant acme, which is smaller"));
  }

  @Test
  void aConfigurationSetStillBadWithoutTheTenant_isPausedToo() {
    AccountConfig a = shop("{\"mode\": \"enforce\"}");
    protector.protect(
        a,
        List.of(cs("marketing", Window.H1, 2_000, 600, 0), tenant("acme", Window.H1, 400, 200, 0)),
        "run-1"); // the other 1,600 sends still bounce at 25%
    assertThat(ses.changes)
        .containsExactly("pause tenant:acme", "pause configuration-set:marketing");
  }

  @Test
  void theFourthPauseInAnHour_isRefused_andAlertedAsSuch() {
    AccountConfig a = shop("{\"mode\": \"enforce\"}");
    ProtectionResult r =
        protector.protect(
            a,
            List.of(
                cs("a", Window.H1, 300, 40, 0), cs("b", Window.H1, 310, 40, 0),
                cs("c", Window.H1, 320, 40, 0), cs("d", Window.H1, 330, 40, 0)),
            "run-1");
    assertThat(ses.changes)
        .containsExactly(
            "pause configuration-set:a", "pause configuration-set:b", "pause configuration-set:c");
    assertThat(r.actions())
        .extracting(ActionRecord::status)
        .containsExactly("done", "done", "done", "refused");
    assertThat(alerts.subjects())
        .last()
        .isEqualTo(
            "[CRITICAL] shop: did not pause configuration set d: max 3 pauses an hour reached");

    // refused is not retried (nor alerted) at once, but an hour later with room again it is
    protector.protect(a, List.of(cs("d", Window.H1, 330, 40, 0)), "run-2");
    assertThat(ses.changes).hasSize(3);
    assertThat(alerts.sent).hasSize(4);
    clock.advance(Duration.ofMinutes(61));
    protector.protect(a, List.of(cs("d", Window.H1, 330, 40, 0)), "run-3");
    assertThat(ses.changes).last().isEqualTo("pause configuration-set:d");
  }

  @Test
  void dryRun_changesNothing_andLogsAndAlertsWouldPause() {
    AccountConfig a = shop("{\"mode\": \"dry_run\"}");
    ProtectionResult r =
        protector.protect(a, List.of(cs("marketing", Window.H1, 300, 36, 0)), "run-1");
    assertThat(ses.changes).isEmpty();
    assertThat(r.actions())
        .singleElement()
        .satisfies(
            rec -> {
              assertThat(rec.status()).isEqualTo("would_pause");
              assertThat(rec.mode()).isEqualTo("dry_run");
            });
    assertThat(store.log.values()).extracting(ActionRecord::status).containsExactly("would_pause");
    assertThat(alerts.subjects())
        .containsExactly(
            "[CRITICAL] shop: would pause configuration set marketing: hard bounces 12.0% over 1 h");
    protector.protect(a, List.of(cs("marketing", Window.H1, 300, 36, 0)), "run-2");
    assertThat(alerts.sent).hasSize(1);
  }

  @Test
  void off_readsAndChangesNothing() {
    store.failing = true; // anything touching the table would fail
    ProtectionResult r =
        protector.protect(shop("{}"), List.of(cs("marketing", Window.H1, 300, 36, 0)), "run-1");
    assertThat(r.mode()).isEqualTo("off");
    assertThat(r.errors()).isEmpty();
    assertThat(ses.changes).isEmpty();
  }

  @Test
  void aFailedSesCall_leavesTheLogSayingNotDone_andAlerts() {
    ses.failChangesWith = "SERVER_ERROR";
    ProtectionResult r =
        protector.protect(
            shop("{\"mode\": \"enforce\"}"),
            List.of(cs("marketing", Window.H1, 300, 36, 0)),
            "run-1");
    assertThat(r.actions())
        .singleElement()
        .satisfies(
            rec -> {
              assertThat(rec.status()).isEqualTo("not_done");
              assertThat(rec.detail())
                  .isEqualTo("not done: SES did not accept the change (SERVER_ERROR)");
            });
    assertThat(store.log.values()).extracting(ActionRecord::status).containsExactly("not_done");
    assertThat(alerts.subjects())
        .containsExactly(
            "[CRITICAL] shop: could not pause configuration set marketing: hard bounces 12.0% over 1 h");
  }

  @Test
  void anUnreadableStateBefore_isNeverActedOn() {
    ses.failReadsWith = "THROTTLED";
    ProtectionResult r =
        protector.protect(
            shop("{\"mode\": \"enforce\"}"),
            List.of(cs("marketing", Window.H1, 300, 36, 0)),
            "run-1");
    assertThat(ses.changes).isEmpty();
    assertThat(r.actions())
        .singleElement()
        .satisfies(rec -> assertThat(rec.status()).isEqualTo("not_done"));
  }

  @Test
  void anUnwritableActionLog_changesNothing_andAlerts() {
    trail.failing = true;
    ProtectionResult r =
        protector.protect(
            shop("{\"mode\": \"enforce\"}"),
            List.of(cs("marketing", Window.H1, 300, 36, 0)),
            "run-1");
    assertThat(ses.changes).isEmpty();
    assertThat(r.errors()).isNotEmpty();
    assertThat(alerts.subjects())
        .containsExactly(
            "[CRITICAL] shop: could not pause configuration set marketing: the action log is unavailable");
  }

  @Test
  void aScopeAlreadyNotSending_isLeftAlone_withoutUsingAPause() {
    ses.states.put(Scope.configurationSet("marketing"), ScopeState.sending(false));
    ProtectionResult r =
        protector.protect(
            shop("{\"mode\": \"enforce\", \"max_pauses_per_hour\": 1}"),
            List.of(cs("marketing", Window.H1, 300, 36, 0), cs("other", Window.H1, 400, 60, 0)),
            "run-1");
    assertThat(r.actions()).extracting(ActionRecord::status).containsExactly("skipped", "done");
    assertThat(ses.changes).containsExactly("pause configuration-set:other");
  }

  @Test
  void twoConcurrentRuns_pauseOnce() throws Exception {
    AccountConfig a = shop("{\"mode\": \"enforce\"}");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<ProtectionResult>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String id = "run-" + i;
      runs.add(
          pool.submit(
              () -> {
                start.await();
                return protector.protect(a, List.of(cs("marketing", Window.H1, 300, 36, 0)), id);
              }));
    }
    start.countDown();
    for (Future<ProtectionResult> f : runs) {
      f.get();
    }
    pool.shutdown();
    assertThat(ses.changes).containsExactly("pause configuration-set:marketing");
    assertThat(alerts.sent).hasSize(1);
  }
}
