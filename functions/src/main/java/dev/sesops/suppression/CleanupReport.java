package dev.sesops.suppression;

import java.time.Instant;
import java.util.List;

/**
 * The result of one cleanup run: per account counts, trail locations, and for dry runs what would
 * go.
 */
public record CleanupReport(
    String runId, Instant startedAt, Instant finishedAt, List<AccountCleanupResult> accounts) {

  public CleanupReport {
    accounts = List.copyOf(accounts);
  }

  public long removed() {
    return accounts.stream().mapToLong(AccountCleanupResult::removed).sum();
  }

  public long failedAccounts() {
    return accounts.stream().filter(a -> "failed".equals(a.status())).count();
  }
}
