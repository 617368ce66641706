package dev.sesops.monitor;

import dev.sesops.core.Scope;
import dev.sesops.core.Signal;
import dev.sesops.core.Window;
import dev.sesops.protection.ScopeRate;
import java.util.List;
import java.util.Map;

/**
 * The monitor's input to the protector: the account's own 24 h counts from SES send statistics.
 * Untrusted when the statistics could not be read; the protector's minimum volumes do the rest.
 */
final class ProtectionRates {
  private ProtectionRates() {}

  static List<ScopeRate> of(AccountReport report) {
    for (Signal s : report.signals()) {
      if (s.check().equals(Checks.SEND_STATS)
          && s.value() instanceof Map<?, ?> v
          && v.get("last_24_hours") instanceof Map<?, ?> day) {
        boolean read =
            report.errors().stream().noneMatch(e -> e.source().equals(Evaluator.SRC_STATS));
        return List.of(
            new ScopeRate(
                Scope.account(),
                Window.H24,
                number(day.get("delivery_attempts")),
                number(day.get("bounces")),
                number(day.get("complaints")),
                read));
      }
    }
    return List.of();
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }
}
