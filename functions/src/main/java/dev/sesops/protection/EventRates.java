package dev.sesops.protection;

import dev.sesops.events.Counts;
import java.util.List;

/**
 * The events function's input to the protector: a touched scope's 1 h and 24 h counts, as the counter
 * read them after the batch was written. Only scopes that can be paused (configuration set, tenant,
 * the account) are passed on.
 */
public final class EventRates {
  /** Where the sending-event counter puts them in its batch summary, by account. */
  public static final String SUMMARY_KEY = "protection_rates";

  private EventRates() {}

  public static List<ScopeRate> of(dev.sesops.events.Scope scope, Counts h1, Counts h24) {
    Scope s = switch (scope.kind()) {
      case CONFIGURATION_SET -> Scope.configurationSet(scope.name());
      case TENANT -> Scope.tenant(scope.name());
      case ACCOUNT -> Scope.account();
      default -> null;
    };
    if (s == null) {
      return List.of();
    }
    return List.of(
        new ScopeRate(s, Window.HOUR_1, h1.sends(), h1.hardBounces(), h1.complaints(), true),
        new ScopeRate(s, Window.HOURS_24, h24.sends(), h24.hardBounces(), h24.complaints(), true));
  }
}
