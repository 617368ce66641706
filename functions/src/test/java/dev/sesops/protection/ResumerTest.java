package dev.sesops.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.config.AccountConfig;
import dev.sesops.core.Scope;
import dev.sesops.core.Window;
import dev.sesops.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T06:30:00Z"));
  private final InMemoryActionStore store = new InMemoryActionStore();
  private final InMemoryActionTrail trail = new InMemoryActionTrail();
  private final FakeScopeControl ses = new FakeScopeControl();
  private final RecordingAlerts alerts = new RecordingAlerts();
  private final Protector protector = new Protector(store, trail, ses, alerts, clock);
  private final Resumer resumer = new Resumer(store, trail, ses, alerts, clock);
  private final AccountConfig shop = ProtectorTest.shop("{\"mode\": \"enforce\"}");

  @Test
  void resume_restoresExactlyTheStateBefore_logsIt_andTellsIt() {
    Scope acme = Scope.tenant("acme");
    ScopeState before =
        ScopeState.tenant(
            "arn:aws:ses:us-east-1:111122223333:tenant/acme/t-1", "REINSTATED", "ENABLED", null);
    ses.states.put(acme, before);
    protector.protect(shop, List.of(ProtectorTest.tenant("acme", Window.H1, 300, 36, 0)), "run-1");
    assertThat(ses.states.get(acme).customerManagedStatus()).isEqualTo("DISABLED");
    clock.advance(Duration.ofMinutes(30));

    ActionRecord done = resumer.resume(shop, acme, "cli");

    assertThat(ses.states.get(acme)).isEqualTo(before);
    assertThat(ses.changes).containsExactly("pause tenant:acme", "restore tenant:acme");
    assertThat(done.status()).isEqualTo("done");
    assertThat(done.action()).isEqualTo("resume");
    assertThat(resumer.actions(shop, 10))
        .extracting(ActionRecord::action, ActionRecord::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("resume", "done"),
            org.assertj.core.groups.Tuple.tuple("pause", "done"));
    assertThat(alerts.subjects()).last().isEqualTo("[OK] shop: resumed tenant acme");

    // resumed: it can be paused again by a later breach, and resuming twice is refused
    assertThatThrownBy(() -> resumer.resume(shop, acme, "cli"))
        .isInstanceOf(ResumeRefusedException.class)
        .hasMessageContaining("it is sending now, there is nothing to resume");
    protector.protect(shop, List.of(ProtectorTest.tenant("acme", Window.H1, 300, 36, 0)), "run-2");
    assertThat(ses.changes).last().isEqualTo("pause tenant:acme");
  }

  @Test
  void resume_refuses_aTenantAwsPaused_andSaysWhatToDoInstead() {
    ses.states.put(
        Scope.tenant("acme"),
        ScopeState.tenant("arn:t", "ENABLED", "DISABLED", "REPUTATION_FINDING"));
    assertThatThrownBy(() -> resumer.resume(shop, Scope.tenant("acme"), "cli"))
        .isInstanceOf(ResumeRefusedException.class)
        .hasMessage(
            "ses-ops did not pause tenant acme in shop (no active pause in its action log), so it will not resume it:"
                + " AWS paused it (AWS-managed status DISABLED, cause REPUTATION_FINDING). ses-ops cannot lift an AWS pause:"
                + " fix the cause, then ask AWS to reinstate it (SES console, Reputation, or AWS Support); its customer-managed status is ENABLED.");
    assertThat(ses.changes).isEmpty();
    assertThat(store.log).isEmpty();
  }

  @Test
  void resume_refuses_aConfigurationSetPausedOutsideSesOps_withTheAwsCliCommand() {
    ses.states.put(Scope.configurationSet("marketing"), ScopeState.sending(false));
    assertThatThrownBy(() -> resumer.resume(shop, Scope.configurationSet("marketing"), "cli"))
        .isInstanceOf(ResumeRefusedException.class)
        .hasMessageEndingWith(
            "someone paused it outside ses-ops. Resume it the way it was paused, or with the AWS CLI:"
                + " aws sesv2 put-configuration-set-sending-options --configuration-set-name marketing --sending-enabled --region us-east-1");
  }

  @Test
  void aFailedRestore_isLoggedNotDone_andLeavesThePauseResumable() {
    protector.protect(shop, List.of(ProtectorTest.cs("marketing", Window.H1, 300, 36, 0)), "run-1");
    clock.advance(Duration.ofMinutes(5));
    ses.failChangesWith = "THROTTLED";
    assertThatThrownBy(() -> resumer.resume(shop, Scope.configurationSet("marketing"), "cli"))
        .isInstanceOf(ScopeControlException.class);
    assertThat(resumer.actions(shop, 10).get(0).status()).isEqualTo("not_done");
    assertThat(alerts.subjects())
        .last()
        .isEqualTo("[CRITICAL] shop: could not resume configuration set marketing");

    ses.failChangesWith = null;
    assertThat(resumer.resume(shop, Scope.configurationSet("marketing"), "cli").status())
        .isEqualTo("done");
    assertThat(ses.states.get(Scope.configurationSet("marketing")))
        .isEqualTo(ScopeState.sending(true));
  }

  @Test
  void aDryRunsWouldPause_isNotSomethingToResume() {
    AccountConfig dry = ProtectorTest.shop("{\"mode\": \"dry_run\"}");
    protector.protect(dry, List.of(ProtectorTest.cs("marketing", Window.H1, 300, 36, 0)), "run-1");
    assertThatThrownBy(() -> resumer.resume(dry, Scope.configurationSet("marketing"), "cli"))
        .isInstanceOf(ResumeRefusedException.class)
        .hasMessageContaining("nothing to resume");
  }
}
