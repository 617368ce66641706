package dev.sesops.protection;

import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.ProtectionPolicy;
import dev.sesops.core.Scope;
import dev.sesops.core.Window;
import dev.sesops.events.Counts;
import dev.sesops.events.RatesListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After each events batch: hands every counted account's scope rates to the protector (nothing for
 * accounts whose protection is off, and nothing built until one is on).
 */
public final class ProtectionHook implements RatesListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProtectionHook.class);

  private final Supplier<ConfigSource> config;
  private final Supplier<Protector> protector;

  /**
   * @param config the config source, built on the first batch
   * @param protector built on the first batch with an account whose protection is on
   */
  public ProtectionHook(Supplier<ConfigSource> config, Supplier<Protector> protector) {
    this.config = config;
    this.protector = protector;
  }

  @Override
  public void onRates(
      String account, List<RatesListener.ScopeWindows> windows, String runId, Instant now) {
    AccountConfig a = config.get().load().accounts().get(account);
    if (a == null || a.protection().mode() == ProtectionPolicy.Mode.OFF) {
      return;
    }
    List<ScopeRate> rates = new ArrayList<>();
    windows.forEach(w -> rates.addAll(rates(w)));
    if (rates.isEmpty()) {
      return;
    }
    try {
      ProtectionResult r = protector.get().protect(a, rates, runId);
      LOG.info(
          "account {}: protection {} after batch: {} actions, {} skipped, {} errors",
          a.name(),
          r.mode(),
          r.actions().size(),
          r.skipped().size(),
          r.errors().size());
    } catch (RuntimeException ex) {
      // one account's failure never stops the others
      LOG.error(
          "account {}: protection failed after batch: {}", a.name(), ex.getClass().getSimpleName());
    }
  }

  /**
   * A counted scope's exact 1 h and 24 h counts, as the batch wrote them. Only scopes that can be
   * paused (configuration set, tenant, the account) are passed on, the account unnamed as
   * protection keys it; a scope without a volume to divide by (a tenant whose sends carry no tenant
   * tag) is not trusted.
   */
  static List<ScopeRate> rates(RatesListener.ScopeWindows w) {
    if (!w.scope().kind().pausable()) {
      return List.of();
    }
    Scope s = w.scope().unnamedAccount();
    return List.of(rate(s, Window.H1, w.h1()), rate(s, Window.H24, w.h24()));
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
