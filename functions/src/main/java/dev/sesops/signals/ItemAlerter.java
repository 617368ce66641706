package dev.sesops.signals;

import dev.sesops.alert.AlertPublisher;
import dev.sesops.alert.AlertState;
import dev.sesops.alert.AlertStateEntry;
import dev.sesops.core.Alert;
import dev.sesops.core.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts on item verdicts through the monitor's alert path (the same topic, the same state table,
 * the same conditional claim): on a level change, recovery to OK included, and every {@code
 * renotify_hours} while CRITICAL. An item never seen in trouble writes nothing, so a thousand
 * healthy tenants cost no write. A failed publish gives the claim back.
 */
public final class ItemAlerter {
  private static final Logger LOG = LoggerFactory.getLogger(ItemAlerter.class);

  private final AlertState state;
  private final AlertPublisher publisher;

  public ItemAlerter(AlertState state, AlertPublisher publisher) {
    this.state = state;
    this.publisher = publisher;
  }

  /** One alert sent (messageId) or not (error). */
  public record Sent(
      String key,
      String check,
      String scope,
      String severity,
      String subject,
      String messageId,
      String error) {}

  public Map<String, AlertStateEntry> load(String account) {
    return new java.util.HashMap<>(state.all(account));
  }

  /**
   * @param known what {@link #load} returned (updated in place as claims succeed)
   */
  public List<Sent> apply(
      String account,
      String region,
      List<Verdict> verdicts,
      Map<String, AlertStateEntry> known,
      int renotifyHours,
      Instant now) {
    List<Sent> sent = new ArrayList<>();
    for (Verdict v : verdicts) {
      if (v.level() == Level.UNKNOWN) {
        continue;
      }
      Optional<AlertStateEntry> prev = Optional.ofNullable(known.get(v.key()));
      String level = v.level().name();
      AlertStateEntry next;
      Alert alert;
      if (prev.isEmpty() || "UNSENT".equals(prev.get().level())) {
        if (v.level() == Level.OK) {
          continue;
        }
        next =
            new AlertStateEntry(
                level, now, now, prev.map(p -> p.version() + 1).orElse(1L), v.display());
        alert = alert(account, region, v, null, false, now);
      } else if (!level.equals(prev.get().level())) {
        next = new AlertStateEntry(level, now, now, prev.get().version() + 1, v.display());
        alert = alert(account, region, v, prev.get(), false, now);
      } else if (v.level() == Level.CRITICAL && !remindAt(prev.get(), renotifyHours).isAfter(now)) {
        next =
            new AlertStateEntry(
                level, prev.get().since(), now, prev.get().version() + 1, v.display());
        alert = alert(account, region, v, prev.get(), true, now);
      } else {
        continue;
      }
      try {
        if (!state.compareAndSet(account, v.key(), prev.orElse(null), next)) {
          LOG.info(
              "account {}: {} changed by an overlapping run or event; leaving the alert to it",
              account,
              v.key());
          continue;
        }
        known.put(v.key(), next);
        try {
          String id = publisher.publish(alert);
          sent.add(
              new Sent(v.key(), v.check(), v.scope(), alert.severity(), alert.subject(), id, null));
        } catch (RuntimeException e) {
          AlertStateEntry back =
              prev.map(
                      p ->
                          new AlertStateEntry(
                              p.level(),
                              p.since(),
                              p.lastNotified(),
                              next.version() + 1,
                              p.detail()))
                  .orElse(new AlertStateEntry("UNSENT", now, null, next.version() + 1, null));
          if (state.compareAndSet(account, v.key(), next, back)) {
            known.put(v.key(), back);
          }
          LOG.error("account {}: alert for {} not published: {}", account, v.key(), e.getMessage());
          sent.add(
              new Sent(
                  v.key(),
                  v.check(),
                  v.scope(),
                  alert.severity(),
                  alert.subject(),
                  null,
                  e.getMessage()));
        }
      } catch (RuntimeException e) {
        LOG.error("account {}: alert state for {} failed: {}", account, v.key(), e.getMessage());
        sent.add(new Sent(v.key(), v.check(), v.scope(), level, null, null, e.getMessage()));
      }
    }
    return sent;
  }

  private static Instant remindAt(AlertStateEntry p, int hours) {
    Instant last = p.lastNotified() == null ? p.since() : p.lastNotified();
    return last.plus(Duration.ofHours(hours));
  }

  static Alert alert(
      String account,
      String region,
      Verdict v,
      AlertStateEntry prev,
      boolean reminder,
      Instant now) {
    String subject =
        v.level() == Level.OK
            ? "[OK] " + account + ": " + v.resolved()
            : "[" + v.level() + "] " + account + ": " + (reminder ? "still " : "") + v.headline();
    StringBuilder b = new StringBuilder();
    b.append("ses-ops: ").append(v.check()).append(" for account ").append(account);
    if (region != null) {
      b.append(" (").append(region).append(')');
    }
    b.append("\n\n");
    b.append("Level:      ").append(v.level());
    if (prev != null && !reminder) {
      b.append(" (was ").append(prev.level()).append(')');
    }
    b.append('\n');
    if (v.scope() != null) {
      b.append("Scope:      ").append(v.scope()).append('\n');
    }
    b.append("Value:      ").append(v.display()).append('\n');
    b.append("Source:     ").append(v.source()).append('\n');
    b.append("When:       ").append(now).append('\n');
    if (reminder && prev != null) {
      b.append("Since:      ")
          .append(prev.since())
          .append(" (")
          .append(Duration.between(prev.since(), now).toHours())
          .append(" h)\n");
    }
    b.append('\n').append(v.details()).append('\n');
    return new Alert(account, v.check(), v.level().name(), subject, b.toString(), v.scope());
  }
}
