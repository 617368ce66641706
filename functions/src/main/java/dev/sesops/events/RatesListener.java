package dev.sesops.events;

import dev.sesops.core.Scope;
import java.time.Instant;
import java.util.List;

/**
 * Told, after each batch, the exact 1 h and 24 h counts of every scope of an account that the batch
 * counted (protection implements it to pause the smallest scope that hurts). Its failure never
 * fails the batch.
 */
@FunctionalInterface
public interface RatesListener {
  /** One scope's windows as the batch left them. */
  record ScopeWindows(Scope scope, Counts h1, Counts h24) {}

  void onRates(String account, List<ScopeWindows> rates, String runId, Instant now);
}
