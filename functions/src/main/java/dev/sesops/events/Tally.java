package dev.sesops.events;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Mutable counts of one (scope, bucket) while a batch is aggregated; written as one DynamoDB ADD. */
final class Tally {
  long sends;
  long deliveries;
  long hardBounces;
  long softBounces;
  long complaints;
  long rejects;
  long delays;
  Map<String, Long> feedback;
  /** Only on the account scope: the other scopes touched in this bucket (the scope index). */
  Set<String> scopes;

  void add(SesEvent e) {
    switch (e.kind()) {
      case SEND -> sends++;
      case DELIVERY -> deliveries++;
      case BOUNCE -> {
        if (e.hardBounce()) {
          hardBounces++;
        } else {
          softBounces++;
        }
      }
      case COMPLAINT -> {
        complaints++;
        if (e.feedbackType() != null) {
          if (feedback == null) {
            feedback = new HashMap<>(4);
          }
          feedback.merge(e.feedbackType(), 1L, Long::sum);
        }
      }
      case REJECT -> rejects++;
      case DELIVERY_DELAY -> delays++;
      default -> { }
    }
  }

  void index(String scopeKey) {
    if (scopes == null) {
      scopes = new HashSet<>();
    }
    scopes.add(scopeKey);
  }

  Counts counts() {
    return new Counts(sends, deliveries, hardBounces, softBounces, complaints, rejects, delays,
        feedback == null ? Map.of() : Map.copyOf(feedback));
  }
}
