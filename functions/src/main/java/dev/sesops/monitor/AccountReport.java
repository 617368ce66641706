package dev.sesops.monitor;

import java.util.List;

/**
 * What the monitor found for one account.
 *
 * @param level   the worst level of its signals (UNKNOWN-only signals never make it OK)
 * @param errors  signal sources that could not be read, by kind (never the service's message)
 * @param alerts  the alerts sent for this account in this run
 */
public record AccountReport(
    String account,
    String region,
    Level level,
    Boolean sandbox,
    List<Signal> signals,
    List<SourceError> errors,
    List<SentAlert> alerts) {

  /** A signal source that could not be read. */
  public record SourceError(String source, String kind, String detail) {}

  /** An alert that went out (or failed to). */
  public record SentAlert(String check, String severity, String subject, String messageId, String error) {}

  AccountReport withAlerts(List<SentAlert> sent) {
    return new AccountReport(account, region, level, sandbox, signals, errors, sent);
  }
}
