package dev.sesops.protection;

import dev.sesops.aws.AccountClients;
import dev.sesops.common.Lazy;
import dev.sesops.common.Settings;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigSource;
import dev.sesops.events.RatesListener;
import java.time.Clock;
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

  ProtectionHook(ConfigSource config, Supplier<Protector> protector) {
    this(() -> config, protector);
  }

  private ProtectionHook(Supplier<ConfigSource> config, Supplier<Protector> protector) {
    this.config = config;
    this.protector = protector;
  }

  /**
   * Builds nothing until a batch hands it rates: a processor wired without a config source still
   * starts.
   */
  public static ProtectionHook create(Settings settings, AccountClients clients, Clock clock) {
    return new ProtectionHook(
        Lazy.of(() -> clients.configSource(settings)),
        Lazy.of(() -> Protection.protector(settings, clients, clock)));
  }

  @Override
  public void onRates(
      String account, List<RatesListener.ScopeWindows> windows, String runId, Instant now) {
    AccountConfig a = config.get().load().accounts().get(account);
    if (a == null || a.protection().mode() == ProtectionPolicy.Mode.OFF) {
      return;
    }
    List<ScopeRate> rates = new ArrayList<>();
    windows.forEach(w -> rates.addAll(EventRates.of(w)));
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
}
