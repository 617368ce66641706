package dev.sesops.protection;

import dev.sesops.events.Counts;
import dev.sesops.events.RatesListener;
import java.util.List;

/**
 * The events function's input to the protector: a counted scope's exact 1 h and 24 h counts, as the
 * batch wrote them. Only scopes that can be paused (configuration set, tenant, the account) are
 * passed on; a scope without a volume to divide by (a tenant whose sends carry no tenant tag) is
 * not trusted.
 */
final class EventRates {
  private EventRates() {}

  static List<ScopeRate> of(RatesListener.ScopeWindows w) {
    Scope s =
        switch (w.scope().kind()) {
          case CONFIGURATION_SET -> Scope.configurationSet(w.scope().name());
          case TENANT -> Scope.tenant(w.scope().name());
          case ACCOUNT -> Scope.account();
          default -> null;
        };
    if (s == null) {
      return List.of();
    }
    return List.of(rate(s, Window.HOUR_1, w.h1()), rate(s, Window.HOURS_24, w.h24()));
  }

  private static ScopeRate rate(Scope s, Window window, Counts c) {
    return new ScopeRate(
        s,
        window,
        c.volume(),
        c.hardBounces(),
        c.complaints(),
        c.denominator() != Counts.Denominator.NONE);
  }
}
