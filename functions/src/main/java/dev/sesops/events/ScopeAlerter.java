package dev.sesops.events;

import dev.sesops.alert.AlertPublisher;
import dev.sesops.alert.AlertState;
import dev.sesops.alert.AlertStateEntry;
import dev.sesops.config.ScopeLevels;
import dev.sesops.core.Alert;
import dev.sesops.core.Level;
import dev.sesops.core.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-scope rate alerts through the monitor's alert path: the same topic, the same state table and
 * conditional claim (key {@code ALERT#account} / {@code events#CHECK#SCOPE}), alerts on level
 * changes, recovery to OK included, and a reminder every {@code renotify_hours} while CRITICAL. A
 * healthy scope never seen in trouble writes nothing.
 */
public final class ScopeAlerter {
  private static final Logger LOG = LoggerFactory.getLogger(ScopeAlerter.class);

  private final AlertState state;
  private final AlertPublisher publisher;

  public ScopeAlerter(AlertState state, AlertPublisher publisher) {
    this.state = state;
    this.publisher = publisher;
  }

  /** An alert sent (messageId) or not (error). */
  record Sent(
      String account,
      String scope,
      String check,
      String severity,
      String subject,
      String messageId,
      String error) {}

  static String stateKey(String check, Scope scope) {
    return "events#" + check + "#" + scope.key();
  }

  /** One scope's verdicts; {@code known} is what {@link #load} returned for the account. */
  List<Sent> notify(
      String account,
      Scope scope,
      List<RateEvaluator.WindowRate> rates,
      Map<String, AlertStateEntry> known,
      int renotifyHours,
      Instant now) {
    return notify(account, scope, rates, Map.of(), known, renotifyHours, now);
  }

  /**
   * As above; {@code moved} lists, per check, the parent scopes this scope's breach explains (they
   * do not alert).
   */
  List<Sent> notify(
      String account,
      Scope scope,
      List<RateEvaluator.WindowRate> rates,
      Map<String, List<String>> moved,
      Map<String, AlertStateEntry> known,
      int renotifyHours,
      Instant now) {
    List<Sent> sent = new ArrayList<>();
    for (RateEvaluator.WindowRate r : rates) {
      if (r.level() == Level.UNKNOWN) {
        continue;
      }
      String key = stateKey(r.check(), scope);
      Optional<AlertStateEntry> prev = Optional.ofNullable(known.get(key));
      String level = r.level().name();
      AlertStateEntry next;
      Alert alert;
      if (prev.isEmpty()) {
        if (r.level() == Level.OK) {
          continue;
        }
        next = new AlertStateEntry(level, now, now, 1, display(r));
        alert = alert(account, scope, r, null, false, moved.getOrDefault(r.check(), List.of()));
      } else if (!level.equals(prev.get().level())) {
        next = new AlertStateEntry(level, now, now, prev.get().version() + 1, display(r));
        alert =
            alert(
                account,
                scope,
                r,
                prev.get().level(),
                false,
                moved.getOrDefault(r.check(), List.of()));
      } else if (r.level() == Level.CRITICAL && !remindAt(prev.get(), renotifyHours).isAfter(now)) {
        next =
            new AlertStateEntry(
                level, prev.get().since(), now, prev.get().version() + 1, display(r));
        alert = alert(account, scope, r, null, true, moved.getOrDefault(r.check(), List.of()));
      } else {
        continue;
      }
      try {
        if (!state.compareAndSet(account, key, prev.orElse(null), next)) {
          LOG.info(
              "account {}: {} changed by an overlapping batch; leaving the alert to it",
              account,
              key);
          continue;
        }
        known.put(key, next);
        try {
          String id = publisher.publish(alert);
          sent.add(
              new Sent(
                  account, scope.key(), r.check(), alert.severity(), alert.subject(), id, null));
        } catch (RuntimeException e) {
          // give the claim back so the next batch alerts again
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
          if (state.compareAndSet(account, key, next, back)) {
            known.put(key, back);
          }
          LOG.error("account {}: alert for {} not published: {}", account, key, e.getMessage());
          sent.add(
              new Sent(
                  account,
                  scope.key(),
                  r.check(),
                  alert.severity(),
                  alert.subject(),
                  null,
                  e.getMessage()));
        }
      } catch (RuntimeException e) {
        LOG.error("account {}: alert state for {} failed: {}", account, key, e.getMessage());
        sent.add(new Sent(account, scope.key(), r.check(), level, null, null, e.getMessage()));
      }
    }
    return sent;
  }

  Map<String, AlertStateEntry> load(String account) {
    return new java.util.HashMap<>(state.all(account));
  }

  private static Instant remindAt(AlertStateEntry p, int hours) {
    Instant last = p.lastNotified() == null ? p.since() : p.lastNotified();
    return last.plus(Duration.ofHours(hours));
  }

  static String display(RateEvaluator.WindowRate r) {
    return pct(r.rate())
        + " ("
        + r.events()
        + "/"
        + r.sends()
        + " "
        + unit(r)
        + ", "
        + r.window().key()
        + ")";
  }

  static String unit(RateEvaluator.WindowRate r) {
    return r.denominator() == Counts.Denominator.DELIVERY_ATTEMPTS ? "delivery attempts" : "sends";
  }

  static String what(String check) {
    return check.equals(ScopeLevels.BOUNCE_RATE) ? "hard bounce rate" : "complaint rate";
  }

  /**
   * e.g. {@code [CRITICAL] production configuration-set:news hard bounce rate 12.00% (36/300 sends,
   * 1h)}.
   */
  static Alert alert(
      String account, Scope scope, RateEvaluator.WindowRate r, String was, boolean reminder) {
    return alert(account, scope, r, was, reminder, List.of());
  }

  static Alert alert(
      String account,
      Scope scope,
      RateEvaluator.WindowRate r,
      String was,
      boolean reminder,
      List<String> moved) {
    String subject;
    if (r.level() == Level.OK) {
      subject =
          "[OK] "
              + account
              + " "
              + scope.key()
              + " "
              + what(r.check())
              + " recovered: "
              + display(r);
    } else {
      subject =
          "["
              + r.level()
              + "] "
              + account
              + " "
              + scope.key()
              + (reminder ? " still " : " ")
              + what(r.check())
              + " "
              + display(r);
    }
    StringBuilder b = new StringBuilder();
    b.append("ses-ops events: ")
        .append(what(r.check()))
        .append(" of ")
        .append(scope.key())
        .append(" in account ")
        .append(account)
        .append("\n\n");
    b.append("Level:      ").append(r.level());
    if (was != null) {
      b.append(" (was ").append(was).append(')');
    }
    b.append('\n');
    b.append("Rate:       ")
        .append(pct(r.rate()))
        .append(" over the last ")
        .append(r.window().key())
        .append('\n');
    b.append("Counts:     ")
        .append(r.events())
        .append(r.check().equals(ScopeLevels.BOUNCE_RATE) ? " hard bounces" : " complaints")
        .append(" of ")
        .append(r.sends())
        .append(' ')
        .append(unit(r))
        .append('\n');
    b.append("Levels:     warning ")
        .append(pct(r.rule().warning()))
        .append(", critical ")
        .append(pct(r.rule().critical()))
        .append(" (at least ")
        .append(r.rule().minSends())
        .append(" sends and ")
        .append(r.rule().minEvents())
        .append(" events)\n");
    b.append("Divided by: ")
        .append(
            r.denominator() == Counts.Denominator.DELIVERY_ATTEMPTS
                ? "delivery attempts (deliveries + bounces: this scope has no Send events, e.g. identity notifications)"
                : "sends")
        .append('\n');
    b.append("Source:     SES sending events (EventBridge or SNS), 5-minute buckets\n");
    if (!moved.isEmpty()) {
      b.append("\nRoot cause: ")
          .append(scope.key())
          .append(
              r.level() == Level.OK
                  ? " also moved, and no longer moves:\n"
                  : " explains these scopes' rates too; they do not alert on their own:\n");
      for (String m : moved) {
        b.append("  - ").append(m).append('\n');
      }
    }
    b.append('\n');
    b.append("What to do next:\n");
    if (r.level() == Level.OK) {
      b.append("Nothing: the rate is back below its warning level.\n");
    } else if (r.check().equals(ScopeLevels.BOUNCE_RATE)) {
      b.append("Stop or pause the sending behind ")
          .append(scope.key())
          .append(" (ses-ops top ")
          .append(account)
          .append(
              " shows the worst scopes), remove the addresses that bounce, and check the list's source.\n");
    } else {
      b.append("Check that the recipients of ")
          .append(scope.key())
          .append(
              " opted in, add one-click unsubscribe, and stop the campaign that draws complaints.\n");
    }
    return new Alert(
        account, r.check(), r.level().name(), subject, b.toString(), scope.alertAttribute());
  }

  static String pct(double p) {
    return String.format(Locale.ROOT, "%.2f%%", p);
  }
}
