package dev.sesops.signals;

import dev.sesops.config.AccountConfig;
import dev.sesops.core.Level;
import dev.sesops.core.Signal;
import dev.sesops.ses.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A watch on the watcher: the {@code pipeline} check. An account that sent mail in the last 24
 * hours (the quota's SentLast24Hours) but whose SES events have not reached ses-ops for {@code
 * monitoring.events_stale_hours} (having arrived within the counters' 15 days: an account never
 * connected is not "stopped") is WARNING "events from ACCOUNT stopped arriving". Only then are its
 * configuration sets read (ListConfigurationSets, then each set's event destinations, at most
 * {@link #MAX_SETS}), so a healthy run costs one DynamoDB query and no SES call; an account with no
 * enabled EventBridge or SNS event destination is not alerted (the audit reports that).
 */
public final class Pipeline {
  static final int MAX_SETS = 20;
  private static final Pattern ROLE_ACCOUNT = Pattern.compile("^arn:aws[a-z-]*:iam::(\\d{12}):");

  private final Supplier<EventsLastSeen> lastSeen;
  private final SignalSource source;

  public Pipeline(Supplier<EventsLastSeen> lastSeen, SignalSource source) {
    this.lastSeen = lastSeen;
    this.source = source;
  }

  /**
   * The names the events function may count this account under: its config name and its AWS account
   * id.
   */
  static Set<String> names(AccountConfig a) {
    Set<String> n = new LinkedHashSet<>();
    n.add(a.name());
    String id = a.awsAccountId();
    if (id == null && a.roleArn() != null) {
      Matcher m = ROLE_ACCOUNT.matcher(a.roleArn());
      if (m.find()) {
        id = m.group(1);
      }
    }
    if (id != null) {
      // the events function counts an account the config does not map under ID-REGION (ID when it
      // has no Region)
      n.add(id + "-" + a.region());
      n.add(id);
    }
    return n;
  }

  /** The events function's counters could not be read (the state table). */
  public static final class StateUnreadable extends RuntimeException {
    StateUnreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public Signal check(AccountConfig account, Double sentLast24Hours, int staleHours, Instant now) {
    String src = "ses-ops events (state table)";
    String threshold =
        "WARNING when mail was sent in 24 h and no event arrived for " + staleHours + " h";
    if (sentLast24Hours == null) {
      return new Signal(
          SignalJudge.PIPELINE,
          Level.UNKNOWN,
          null,
          "not judged",
          threshold,
          src,
          "The daily quota could not be read, so whether the account sent mail is not known.");
    }
    Optional<Instant> last;
    try {
      last = lastSeen.get().lastEvent(names(account));
    } catch (RuntimeException e) {
      throw new StateUnreadable(e.getMessage(), e);
    }
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("sent_last_24_hours", sentLast24Hours);
    value.put("last_event", last.map(Instant::toString).orElse(null));
    value.put("stale_hours", staleHours);
    if (sentLast24Hours <= 0) {
      return new Signal(
          SignalJudge.PIPELINE,
          Level.OK,
          value,
          "no mail sent in 24 h",
          threshold,
          src,
          "The account sent no mail in the last 24 hours: no events are expected.");
    }
    Duration age = last.map(t -> Duration.between(t, now)).orElse(null);
    if (age == null) {
      // never seen in the counters' 15 days: not connected (the audit and connect-events deal with
      // that), not "stopped"
      return new Signal(
          SignalJudge.PIPELINE,
          Level.UNKNOWN,
          value,
          "no events in 15 days",
          threshold,
          src,
          "No SES event from this account has reached ses-ops in the last 15 days: its events are not connected "
              + "(see connect-events), so there is nothing that stopped.");
    }
    if (age.compareTo(Duration.ofHours(staleHours)) < 0) {
      return new Signal(
          SignalJudge.PIPELINE,
          Level.OK,
          value,
          "last event " + age.toMinutes() + " min ago",
          threshold,
          src,
          "SES events from the account reach ses-ops.");
    }
    int destinations = destinations(account);
    value.put("event_destinations", destinations);
    String when = "last " + age.toHours() + " h ago";
    if (destinations == 0) {
      return new Signal(
          SignalJudge.PIPELINE,
          Level.UNKNOWN,
          value,
          "no event destination",
          threshold,
          src,
          "No configuration set of the account publishes to EventBridge or SNS, so no events are expected (events: "
              + when
              + "); the audit reports the missing destination.");
    }
    return new Signal(
        SignalJudge.PIPELINE,
        Level.WARNING,
        value,
        "events from " + account.name() + " stopped arriving (" + when + ")",
        threshold,
        src,
        "The account sent "
            + (long) sentLast24Hours.doubleValue()
            + " emails in 24 h and has "
            + destinations
            + " event destination(s), but no SES event reached ses-ops for "
            + staleHours
            + " hours ("
            + when
            + ").");
  }

  /** Enabled EventBridge or SNS destinations, over at most {@link #MAX_SETS} configuration sets. */
  private int destinations(AccountConfig account) {
    int n = 0;
    int sets = 0;
    String token = null;
    do {
      Page<String> p = source.configurationSets(account, token);
      for (String set : p.items()) {
        if (sets++ >= MAX_SETS) {
          return Math.max(n, 1); // not all read: assume events are expected rather than stay silent
        }
        n += source.eventDestinations(account, set);
      }
      token = p.next();
    } while (token != null);
    return n;
  }

  /** What to check when events stopped arriving (the alert's next steps). */
  public static String nextSteps() {
    return "Check, in this order: the member account's EventBridge rule that forwards aws.ses events to the ops bus "
        + "(enabled, its target and role); the configuration set's event destination (enabled, EventBridge or SNS, the event "
        + "types); the ops bus's resource policy; the events queue and its dead-letter queue; the events function's errors "
        + "and throttles in CloudWatch.";
  }
}
