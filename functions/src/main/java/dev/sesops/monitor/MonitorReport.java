package dev.sesops.monitor;

import dev.sesops.core.Level;
import dev.sesops.events.Sources;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of one monitor run: per account every signal, the alerts sent and the errors, and
 * (from the events function's counters) the five worst scopes per account over the last hour.
 */
public record MonitorReport(
    String runId,
    Instant startedAt,
    long durationMs,
    boolean alertsEnabled,
    Map<String, Integer> summary,
    List<AccountReport> accounts,
    List<String> notReached,
    Map<String, List<Sources.Row>> worstScopes) {

  /** Without the events function's worst scopes (none counted, or no state table). */
  public MonitorReport(
      String runId,
      Instant startedAt,
      long durationMs,
      boolean alertsEnabled,
      Map<String, Integer> summary,
      List<AccountReport> accounts,
      List<String> notReached) {
    this(runId, startedAt, durationMs, alertsEnabled, summary, accounts, notReached, null);
  }

  /** The worst level over all accounts; an account not reached is UNKNOWN. */
  public Level worst() {
    Level w = notReached.isEmpty() ? Level.OK : Level.UNKNOWN;
    for (AccountReport a : accounts) {
      w = Level.worst(w, a.level());
    }
    return w;
  }
}
