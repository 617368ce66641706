package dev.sesops.fleet;

import java.util.List;
import java.util.Map;

/**
 * One fleet run, aggregated: every item's account exactly once, with its level (or status) and
 * error.
 *
 * @param accountsChecked accounts that reported a result (failures included)
 * @param levels accounts per level (monitor), worst severity (audit) or status (cleanup)
 * @param failures accounts whose item failed or that could not be checked
 * @param notReached accounts the run did not reach (never started, or stopped by the deadline)
 * @param skipped discovered accounts left out (suspended, closed)
 */
record FleetSummary(
    String job,
    String runId,
    int items,
    int accountsChecked,
    Map<String, Integer> levels,
    List<Failure> failures,
    List<String> notReached,
    List<SkippedAccount> skipped,
    List<AccountLine> accounts,
    long durationMs) {

  /** An account whose run failed, and why (never a credential or a recipient). */
  public record Failure(String account, String region, String error) {}

  /** One account of the run. */
  public record AccountLine(String account, String region, String level, String error) {}

  public boolean anythingFailed() {
    return !failures.isEmpty() || !notReached.isEmpty();
  }

  /** The summary without its per-account lines: what a state machine's output can hold. */
  public FleetSummary compact() {
    return new FleetSummary(
        job,
        runId,
        items,
        accountsChecked,
        levels,
        failures.size() > 50 ? failures.subList(0, 50) : failures,
        notReached.size() > 100 ? notReached.subList(0, 100) : notReached,
        skipped,
        List.of(),
        durationMs);
  }
}
