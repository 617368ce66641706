package dev.sesops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.common.Deadline;
import dev.sesops.config.ConfigParser;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.core.Signal;
import dev.sesops.signals.InMemorySignalSource;
import dev.sesops.signals.SignalChecks;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * VDM's state comes from the monitor's one GetAccount: never a second, paced call (about 1 s per
 * account).
 */
class AccountMonitorVdmTest {
  private static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z");

  private static SesHealthSource source(String vdmEnabled) {
    return new HealthySource(NOW, vdmEnabled);
  }

  private static Signal findings(String vdmEnabled, InMemorySignalSource signals) {
    SesOpsConfig cfg =
        ConfigParser.parse(
            """
        {"accounts": {"production": {"region": "us-east-1"}}}""");
    AccountMonitor m =
        new AccountMonitor(source(vdmEnabled), Runnable::run, new SignalChecks(signals));
    AccountReport r =
        m.check(
            cfg.account("production"),
            cfg.monitoring(),
            NOW,
            Deadline.none(Clock.fixed(NOW, ZoneOffset.UTC)));
    return r.signals().stream()
        .filter(s -> s.check().equals("ses_findings"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void getAccountWithoutVdmAttributes_readsAsVdmOff_withoutAskingAgain() {
    InMemorySignalSource signals = new InMemorySignalSource();

    Signal f = findings(null, signals);

    assertThat(f.display()).isEqualTo("VDM off");
    assertThat(signals.calls)
        .as("only ListTenants: no second GetAccount, no findings")
        .isEqualTo(1);
  }

  @Test
  void getAccountWithVdmEnabled_readsTheFindings_withoutAskingForVdmAgain() {
    InMemorySignalSource signals = new InMemorySignalSource();
    signals.vdm = false; // what a second GetAccount would say: not asked, so not used

    Signal f = findings("ENABLED", signals);

    assertThat(f.display()).isNotEqualTo("VDM off");
  }
}
