package dev.sesops.signals;

import dev.sesops.alert.AlertStateEntry;
import dev.sesops.core.Level;
import dev.sesops.core.SentAlert;
import dev.sesops.core.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The monitor's per-item alerts: one per finding (by type and resource) and one per paused tenant
 * (scope {@code tenant:NAME}), through {@link ItemAlerter}, so an AWS event that saw the same thing
 * first has already claimed it. Findings or tenants stored in trouble that a complete listing no
 * longer shows are told as resolved; an incomplete listing concludes nothing about what it missed.
 */
public final class SignalAlerts {
  private final ItemAlerter alerter;

  public SignalAlerts(ItemAlerter alerter) {
    this.alerter = alerter;
  }

  /** Alerts one account's findings and tenants among {@code signals} (its monitor report's). */
  public List<SentAlert> notify(
      String account,
      String region,
      List<Signal> signals,
      Map<String, AlertStateEntry> stored,
      int renotifyHours,
      Instant now) {
    Map<String, AlertStateEntry> known = new java.util.HashMap<>(stored);
    List<Verdict> verdicts = verdicts(signals, known);
    List<SentAlert> out = new ArrayList<>();
    for (ItemAlerter.Sent s : alerter.apply(account, region, verdicts, known, renotifyHours, now)) {
      out.add(
          new SentAlert(
              s.check() + (s.scope() == null ? "" : " " + s.scope()),
              s.severity(),
              s.subject(),
              s.messageId(),
              s.error()));
    }
    return out;
  }

  static List<Verdict> verdicts(List<Signal> signals, Map<String, AlertStateEntry> known) {
    List<Verdict> out = new ArrayList<>();
    for (Signal s : signals) {
      if (s.value() instanceof SignalJudge.FindingsValue v && s.level() != Level.UNKNOWN) {
        Set<String> seen = new HashSet<>();
        for (AwsFinding f : v.all()) {
          seen.add(f.key());
          out.add(SignalJudge.finding(f, SignalJudge.SRC_FINDINGS));
        }
        if (v.complete()) {
          known.forEach(
              (k, e) -> {
                if (k.startsWith("finding#") && !seen.contains(k) && troubled(e)) {
                  out.add(SignalJudge.findingGone(k));
                }
              });
        }
      } else if (s.value() instanceof SignalJudge.TenantsValue v) {
        Set<String> seen = new HashSet<>();
        for (TenantStatus t : v.all()) {
          seen.add("tenant#" + t.name());
          out.add(SignalJudge.tenant(t, SignalJudge.SRC_TENANTS));
        }
        if (v.complete()) {
          known.forEach(
              (k, e) -> {
                if (k.startsWith("tenant#") && !seen.contains(k) && troubled(e)) {
                  out.add(SignalJudge.tenantGone(k));
                }
              });
        }
      }
    }
    return out;
  }

  private static boolean troubled(AlertStateEntry e) {
    return e.level() != null && !e.level().equals("OK") && !e.level().equals("UNSENT");
  }
}
