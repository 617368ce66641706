package dev.sesops.monitor;

import dev.sesops.core.Level;
import dev.sesops.core.SentAlert;
import dev.sesops.core.Signal;
import dev.sesops.core.SourceError;
import java.util.List;

/**
 * What the monitor found for one account.
 *
 * @param level the worst level of its signals (UNKNOWN-only signals never make it OK)
 * @param errors signal sources that could not be read, by kind (never the service's message)
 * @param alerts the alerts sent for this account in this run
 */
public record AccountReport(
    String account,
    String region,
    Level level,
    Boolean sandbox,
    List<Signal> signals,
    List<SourceError> errors,
    List<SentAlert> alerts) {

  AccountReport withAlerts(List<SentAlert> sent) {
    return new AccountReport(account, region, level, sandbox, signals, errors, sent);
  }

  /** Where alert-state failures are reported among the sources. */
  static final String ALERT_STATE_SOURCE = "dynamodb:alert-state";

  /**
   * This report, its alerts sent without dedupe: the {@code monitoring} signal says so and why (at
   * least WARNING), and the alert state is listed among the sources that failed.
   */
  AccountReport withDedupeOff(String why) {
    java.util.List<Signal> out = new java.util.ArrayList<>();
    boolean replaced = false;
    for (Signal s : signals) {
      if (s.check().equals(Checks.MONITORING)) {
        String display =
            s.level() == Level.OK
                ? "alert dedupe off: " + why
                : s.display() + "; alert dedupe off: " + why;
        out.add(
            new Signal(
                s.check(),
                Level.worst(s.level(), Level.WARNING),
                s.value(),
                display,
                s.threshold(),
                "ses-ops",
                "The alert state cannot be used: alerts went out without dedupe and may repeat until it is back."));
        replaced = true;
      } else {
        out.add(s);
      }
    }
    if (!replaced) {
      out.add(
          new Signal(
              Checks.MONITORING,
              Level.WARNING,
              null,
              "alert dedupe off: " + why,
              null,
              "ses-ops",
              "The alert state cannot be used: alerts went out without dedupe and may repeat until it is back."));
    }
    java.util.List<SourceError> errs = new java.util.ArrayList<>(errors);
    errs.add(new SourceError(ALERT_STATE_SOURCE, "DEDUPE_OFF", why));
    return new AccountReport(
        account,
        region,
        Level.worst(level, Level.WARNING),
        sandbox,
        java.util.List.copyOf(out),
        java.util.List.copyOf(errs),
        alerts);
  }

  /** True when this account's alerts went out without dedupe. */
  boolean dedupeOff() {
    return errors.stream().anyMatch(e -> e.source().equals(ALERT_STATE_SOURCE));
  }
}
