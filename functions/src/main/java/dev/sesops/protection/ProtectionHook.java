package dev.sesops.protection;

import dev.sesops.aws.AccountClients;
import dev.sesops.common.Lazy;
import dev.sesops.common.Settings;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigSource;
import dev.sesops.events.BatchHook;
import dev.sesops.events.BatchReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After each events batch: hands every touched account's scope rates to the protector (nothing for
 * accounts whose protection is off, and nothing built until one is on).
 */
public final class ProtectionHook implements BatchHook {
  private static final Logger LOG = LoggerFactory.getLogger(ProtectionHook.class);
  private static final String CONSUMER = "sending_events";

  private final Supplier<ConfigSource> config;
  private final Supplier<Protector> protector;

  ProtectionHook(ConfigSource config, Supplier<Protector> protector) {
    this(() -> config, protector);
  }

  private ProtectionHook(Supplier<ConfigSource> config, Supplier<Protector> protector) {
    this.config = config;
    this.protector = protector;
  }

  /** Builds nothing until a batch hands it rates: a processor wired without a config source still starts. */
  public static ProtectionHook create(Settings settings, AccountClients clients, Clock clock) {
    return new ProtectionHook(Lazy.of(() -> clients.configSource(settings)), Lazy.of(() -> Protection.protector(settings, clients, clock)));
  }

  @Override
  public void afterBatch(BatchReport report) {
    Map<String, Object> summary = report.consumers().get(CONSUMER);
    if (summary == null || !(summary.get(EventRates.SUMMARY_KEY) instanceof Map<?, ?> byAccount) || byAccount.isEmpty()) {
      return;
    }
    Map<String, AccountConfig> accounts = config.get().load().accounts();
    String runId = "events-" + report.at().toEpochMilli() + "-" + String.valueOf(summary.getOrDefault("batch_id", "batch"));
    for (Map.Entry<?, ?> e : byAccount.entrySet()) {
      AccountConfig a = accounts.get(String.valueOf(e.getKey()));
      if (a == null || a.protection().mode() == ProtectionPolicy.Mode.OFF || !(e.getValue() instanceof List<?> list)) {
        continue;
      }
      List<ScopeRate> rates = new ArrayList<>();
      for (Object o : list) {
        if (o instanceof ScopeRate r) {
          rates.add(r);
        }
      }
      try {
        ProtectionResult r = protector.get().protect(a, rates, runId);
        LOG.info("account {}: protection {} after batch: {} actions, {} skipped, {} errors", a.name(), r.mode(),
            r.actions().size(), r.skipped().size(), r.errors().size());
      } catch (RuntimeException ex) {
        // one account's failure never stops the others
        LOG.error("account {}: protection failed after batch: {}", a.name(), ex.getClass().getSimpleName());
      }
    }
  }
}
