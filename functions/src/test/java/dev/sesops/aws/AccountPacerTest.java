package dev.sesops.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pacing per operation under one ceiling, on a fake clock: no sleeping, no network. */
class AccountPacerTest {
  private static final long SECOND = 1_000_000_000L;

  /** A clock that only the test moves, and a sleeper that records each wait without moving it. */
  private static final class Recorder {
    long now = 1_000 * SECOND;
    final List<Long> waits = new ArrayList<>();

    AccountPacer pacer(Pacing pacing) {
      return new AccountPacer(pacing, waits::add, () -> now);
    }
  }

  @Test
  void theMonitorsReadsOfDifferentOperations_goOutTogether_atTheDefaultPacing() {
    Recorder r = new Recorder();
    AccountPacer pacer = r.pacer(Pacing.defaults());

    pacer.acquire("SesV2.GetAccount");
    pacer.acquire("Ses.GetSendQuota");
    pacer.acquire("Ses.GetSendStatistics");
    pacer.acquire("SesV2.ListRecommendations");
    pacer.acquire("SesV2.ListTenants");

    assertThat(r.waits).isEmpty();
    assertThat(pacer.calls()).isEqualTo(5);
    assertThat(pacer.calls("Ses.GetSendQuota")).isEqualTo(1);
  }

  @Test
  void theSameOperation_waitsItsDocumentedSecond_whileAnotherOperationDoesNotWaitBehindIt() {
    Recorder r = new Recorder();
    AccountPacer pacer = r.pacer(Pacing.defaults());

    pacer.acquire("Ses.GetSendQuota");
    pacer.acquire("Ses.GetSendQuota"); // reserves the slot one second on; the clock has not moved
    pacer.acquire("SesV2.GetAccount"); // another operation: not queued behind the waiting one
    pacer.acquire("Ses.GetSendQuota"); // the third waits two seconds from now

    assertThat(r.waits).containsExactly(SECOND, 2 * SECOND);
  }

  @Test
  void theSameOperation_goesAgainAtOnce_afterItsIntervalHasPassed() {
    Recorder r = new Recorder();
    AccountPacer pacer = r.pacer(Pacing.defaults());

    pacer.acquire("Ses.GetIdentityDkimAttributes");
    r.now += SECOND;
    pacer.acquire("Ses.GetIdentityDkimAttributes");
    r.now += SECOND / 2;
    pacer.acquire("Ses.GetIdentityDkimAttributes");

    assertThat(r.waits).containsExactly(SECOND / 2);
  }

  @Test
  void batchGetMetricData_runsAtItsDocumented16PerSecond_inVirtualTime() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    AccountPacer pacer = new AccountPacer(Pacing.defaults(), clock::sleepNanos, clock::nanos);
    Instant start = clock.instant();

    for (int i = 0; i < 17; i++) {
      pacer.acquire("SesV2.BatchGetMetricData");
    }

    assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void anUndocumentedOperation_runsAtTheConfiguredRate_andADocumentedOneKeepsItsOwnUnlessLifted() {
    Pacing pacing = Pacing.perOperation(0.5);
    assertThat(pacing.rate("SesV2.GetAccount")).isEqualTo(0.5);
    assertThat(pacing.rate("Ses.GetSendQuota")).isEqualTo(1.0);
    assertThat(pacing.rate("SesV2.BatchGetMetricData")).isEqualTo(16.0);

    Pacing lifted = Pacing.perOperation(50);
    assertThat(lifted.rate("Ses.GetSendQuota")).isEqualTo(50);
    assertThat(lifted.accountCeiling()).isEqualTo(50);
    assertThat(Pacing.defaults().accountCeiling()).isEqualTo(20);
  }

  @Test
  void theAccountCeiling_holdsDifferentOperations_toItsCallsInAnySecond() {
    Recorder r = new Recorder();
    AccountPacer pacer = r.pacer(new Pacing(1.0, 4.0));

    for (int i = 0; i < 4; i++) {
      pacer.acquire("SesV2.Operation" + i);
    }
    assertThat(r.waits).isEmpty();
    pacer.acquire("SesV2.OneMore");
    r.now += SECOND / 4;
    pacer.acquire("SesV2.AndAnother");

    assertThat(r.waits).containsExactly(SECOND, 3 * SECOND / 4);
  }

  @Test
  void aCallWaitingForTheCeiling_stillKeepsItsOperationsIntervalFromWhenItReallyWent() {
    Recorder r = new Recorder();
    AccountPacer pacer = r.pacer(new Pacing(1.0, 2.0));
    pacer.acquire("SesV2.GetAccount");
    pacer.acquire("SesV2.ListTenants");

    pacer.acquire("Ses.GetSendQuota"); // the ceiling holds it one second
    pacer.acquire(
        "Ses.GetSendQuota"); // two seconds: the ceiling alone would let it go with the first

    assertThat(r.waits).containsExactly(SECOND, 2 * SECOND);
  }

  @Test
  void aCeilingBelowOnePerSecond_spacesEveryCall() {
    Recorder r = new Recorder();
    AccountPacer pacer = r.pacer(new Pacing(1.0, 0.5));

    pacer.acquire("SesV2.GetAccount");
    pacer.acquire("Ses.GetSendQuota");

    assertThat(r.waits).containsExactly(2 * SECOND);
  }

  @Test
  void aPacingOfZeroOrLess_isRefused() {
    assertThatThrownBy(() -> new Pacing(0, 20)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Pacing(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
