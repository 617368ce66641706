package dev.sesops.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sesops.config.AccountConfig;
import dev.sesops.config.ProtectionPolicy;
import dev.sesops.core.Scope;
import dev.sesops.core.Window;
import dev.sesops.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pauses are never orphaned: a pause SES accepted is recorded, settled later, or resumable from its
 * pending line.
 */
class PauseRecordingTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T06:30:00Z"));
  private final InMemoryActionStore store = new InMemoryActionStore();
  private final InMemoryActionTrail trail = new InMemoryActionTrail();
  private final FakeScopeControl ses = new FakeScopeControl();
  private final RecordingAlerts alerts = new RecordingAlerts();
  private final Protector protector =
      new Protector(store, trail, ses, alerts, clock, Duration.ZERO);
  private final Resumer resumer = new Resumer(store, trail, ses, alerts, clock);
  private final AccountConfig shop = ProtectorTest.shop("{\"mode\": \"enforce\"}");
  private final Scope marketing = Scope.configurationSet("marketing");

  private ProtectionResult breach(String runId) {
    return protector.protect(
        shop, List.of(ProtectorTest.cs("marketing", Window.H1, 300, 36, 0)), runId);
  }

  private ActionRecord line(String actionId) {
    return store.log.values().stream()
        .filter(r -> r.actionId().equals(actionId))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  @Test
  void pauseAccepted_butLogUpdateFails_alertsPausedLogNotUpdated_withTheResumeCommand() {
    ses.afterPause = s -> store.failing = true;

    ProtectionResult r = breach("run-1");

    assertThat(ses.changes).containsExactly("pause configuration-set:marketing");
    assertThat(alerts.subjects())
        .containsExactly("[CRITICAL] shop: PAUSED, log not updated: configuration set marketing");
    assertThat(alerts.sent.get(0).body())
        .contains(
            "sends nothing now",
            "To resume: ses-ops resume shop --configuration-set marketing",
            "aws sesv2 put-configuration-set-sending-options --configuration-set-name marketing --sending-enabled")
        .doesNotContain("nothing was changed");
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> assertThat(e).startsWith("configuration-set:marketing: PAUSED, log not updated"));
    assertThat(r.actions()).extracting(ActionRecord::status).containsExactly("done");
  }

  @Test
  void resume_restoresAPauseWhoseLogWasNotUpdated() {
    ses.afterPause = s -> store.failing = true;
    breach("run-1");
    store.failing = false;
    assertThat(store.locks("shop", ProtectionPolicy.Mode.ENFORCE).get(marketing).state())
        .isEqualTo(ScopeLock.PENDING);

    ActionRecord done = resumer.resume(shop, marketing, "arn:aws:iam::111122223333:user/ops");

    assertThat(done.status()).isEqualTo("done");
    assertThat(ses.changes)
        .containsExactly(
            "pause configuration-set:marketing", "restore configuration-set:marketing");
    assertThat(ses.states.get(marketing)).isEqualTo(ScopeState.sending(true));
    assertThat(store.locks("shop", ProtectionPolicy.Mode.ENFORCE).get(marketing).state())
        .isEqualTo(ScopeLock.RELEASED);
    // the pause's pending line got its outcome at resume
    assertThat(resumer.actions(shop, 10))
        .extracting(ActionRecord::action, ActionRecord::status)
        .contains(tuple("pause", "done"), tuple("resume", "done"));
  }

  @Test
  void staleClaimOfAPauseSesApplied_isSettledPaused_byTheNextRun_andNotPausedTwice() {
    ses.afterPause = s -> store.failing = true;
    breach("run-1");
    store.failing = false;
    String actionId =
        store.locks("shop", ProtectionPolicy.Mode.ENFORCE).get(marketing).record().actionId();
    clock.advance(ScopeLock.RETRY_AFTER.plusMinutes(1));

    breach("run-2");

    ScopeLock lock = store.locks("shop", ProtectionPolicy.Mode.ENFORCE).get(marketing);
    assertThat(lock.state()).isEqualTo(ScopeLock.PAUSED);
    assertThat(line(actionId).status()).isEqualTo("done");
    assertThat(line(actionId).detail()).startsWith("paused (settled by run run-2");
    assertThat(ses.changes).containsExactly("pause configuration-set:marketing");
    assertThat(alerts.subjects())
        .last()
        .isEqualTo(
            "[CRITICAL] shop: paused configuration set marketing (settled from a stale claim)");
    // and the ordinary resume path works on it
    assertThat(resumer.resume(shop, marketing, "cli").status()).isEqualTo("done");
  }

  @Test
  void staleClaimSesDidNotApply_isSettledNotDone_andTheScopeIsPausedByTheNewRun() {
    ses.beforeChange =
        s -> {
          throw new IllegalStateException(
              "the invocation timed out"); // the run dies between its claim and the SES call
        };
    assertThatThrownBy(() -> breach("run-1")).hasMessageContaining("timed out");
    ses.beforeChange = s -> {};
    assertThat(ses.changes).isEmpty();
    String actionId =
        store.locks("shop", ProtectionPolicy.Mode.ENFORCE).get(marketing).record().actionId();
    clock.advance(ScopeLock.RETRY_AFTER.plusMinutes(1));

    breach("run-2");

    assertThat(line(actionId).status()).isEqualTo("not_done");
    assertThat(line(actionId).detail()).contains("SES reads the scope as sending");
    assertThat(ses.changes).containsExactly("pause configuration-set:marketing");
    assertThat(store.locks("shop", ProtectionPolicy.Mode.ENFORCE).get(marketing).state())
        .isEqualTo(ScopeLock.PAUSED);
  }

  @Test
  void pauseCallThatFailsButWasApplied_isRecordedAsPaused() {
    ses.beforeChange =
        s -> ses.states.put(s, ScopeState.sending(false)); // applied, then the answer is lost
    ses.failChangesWith = "timeout";

    ProtectionResult r = breach("run-1");

    assertThat(r.actions())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.status()).isEqualTo("done");
              assertThat(a.detail()).contains("SES answered timeout");
            });
    assertThat(store.locks("shop", ProtectionPolicy.Mode.ENFORCE).get(marketing).state())
        .isEqualTo(ScopeLock.PAUSED);
    assertThat(alerts.subjects())
        .singleElement()
        .satisfies(
            s -> assertThat(s).startsWith("[CRITICAL] shop: paused configuration set marketing"));
  }

  @Test
  void resume_stillRefusesAScopeSesOpsNeverPaused() {
    ses.states.put(marketing, ScopeState.sending(false));

    assertThatThrownBy(() -> resumer.resume(shop, marketing, "cli"))
        .isInstanceOf(ResumeRefusedException.class)
        .hasMessageContaining("someone paused it outside ses-ops");
  }
}
