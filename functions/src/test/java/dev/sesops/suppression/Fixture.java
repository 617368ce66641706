package dev.sesops.suppression;

import dev.sesops.aws.Pacer;
import dev.sesops.config.ConfigParser;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.core.Alert;
import dev.sesops.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires SuppressionCleanup to in-memory fakes, with virtual time: pacing and polling waits move the
 * clock.
 */
final class Fixture {
  static final Instant NOW = Instant.parse("2025-06-01T03:00:00Z");

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryTrailStore store = new InMemoryTrailStore();
  final Map<String, InMemorySuppressionList> lists = new HashMap<>();
  final Map<String, PacedSuppressionList> paced = new HashMap<>();
  final List<Alert> alerts = new ArrayList<>();
  long sleptNanos;
  CleanupOptions options =
      new CleanupOptions(
          1000, 10_000, 20, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ZERO);
  String config;

  Fixture(String policyJson) {
    this.config =
        """
        {"accounts": {
           "production": {"region": "us-east-1", "role_arn": "arn:aws:iam::111122223333:role/ses-ops"},
           "staging": {"region": "eu-west-1"}},
         "suppression_cleanup": %s}
        """
            .formatted(policyJson);
  }

  InMemorySuppressionList list(String account) {
    return lists.computeIfAbsent(
        account, a -> new InMemorySuppressionList(store::lines, clock::instant));
  }

  final Pacer.Sleeper sleeper =
      n -> {
        sleptNanos += n;
        clock.sleepNanos(n);
      };

  SuppressionCleanup cleanup() {
    SesOpsConfig cfg = ConfigParser.parse(config);
    Pacer.Ticker ticker = clock::nanos;
    return new SuppressionCleanup(
        () -> cfg,
        a -> {
          PacedSuppressionList p =
              new PacedSuppressionList(list(a.name()), new Pacer(1.0, 1, sleeper, ticker));
          paced.put(a.name(), p);
          return p;
        },
        store,
        alert -> {
          alerts.add(alert);
          return "msg-" + alerts.size();
        },
        clock,
        sleeper,
        options);
  }

  static Instant daysAgo(long days) {
    return NOW.minus(Duration.ofDays(days));
  }
}
