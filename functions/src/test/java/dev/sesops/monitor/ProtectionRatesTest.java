package dev.sesops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.core.Level;
import dev.sesops.core.Scope;
import dev.sesops.core.Signal;
import dev.sesops.core.SourceError;
import dev.sesops.core.Window;
import dev.sesops.protection.ScopeRate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtectionRatesTest {
  private static AccountReport report(Object statsValue, List<SourceError> errors) {
    Signal stats =
        new Signal(Checks.SEND_STATS, Level.OK, statsValue, "", null, Evaluator.SRC_STATS, "");
    return new AccountReport(
        "shop", "us-east-1", Level.OK, false, List.of(stats), errors, List.of());
  }

  @Test
  void theAccountsOwn24hCounts_fromSendStatistics_areTrusted() {
    Map<String, Object> value =
        Map.of(
            "last_24_hours",
            Map.of("delivery_attempts", 10_000L, "bounces", 900L, "complaints", 3L));
    assertThat(ProtectionRates.of(report(value, List.of())))
        .containsExactly(new ScopeRate(Scope.account(), Window.H24, 10_000, 900, 3, true));
  }

  @Test
  void unreadSendStatistics_giveNoRate_orAnUntrustedOne() {
    assertThat(ProtectionRates.of(report(null, List.of()))).isEmpty();
    Map<String, Object> value =
        Map.of(
            "last_24_hours",
            Map.of("delivery_attempts", 10_000L, "bounces", 900L, "complaints", 3L));
    assertThat(
            ProtectionRates.of(
                report(value, List.of(new SourceError(Evaluator.SRC_STATS, "THROTTLED", "x")))))
        .singleElement()
        .satisfies(r -> assertThat(r.trusted()).isFalse());
  }
}
