package dev.sesops.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where the per-scope counters live (the state table when deployed). */
interface CounterStore {
  /**
   * Adds every tally of one batch, each at most once for {@code batchId}: an item that already holds
   * this batch is left alone, so a redelivered batch changes nothing.
   */
  ApplyResult apply(String batchId, Map<CounterKey, Tally> tallies);

  /** The buckets of one scope from {@code from} to {@code to} (bucket starts, both inclusive). */
  Map<Instant, Counts> read(String account, Scope scope, Instant from, Instant to);

  /** The scope keys ({@code configuration-set:NAME}) an account counted from {@code from} to {@code to}. */
  Set<String> scopes(String account, Instant from, Instant to);

  /**
   * What one batch's writes did.
   *
   * @param written    items updated
   * @param duplicates items that already held this batch (a redelivery)
   * @param failed     items not written (a fault: the batch must come back)
   * @param errors     one short description per failed item kind, never the data
   */
  record ApplyResult(int written, int duplicates, List<CounterKey> failed, List<String> errors) {}
}
