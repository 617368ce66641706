package dev.sesops.audit;

import java.util.List;
import java.util.Set;

/** A configuration set as SES v2 describes it, with its event destinations. */
record ConfigurationSetInfo(
    String name,
    Boolean reputationMetricsEnabled,
    Boolean sendingEnabled,
    List<EventDestination> destinations) {

  /**
   * One event destination: enabled or not, and the event types it receives (BOUNCE, COMPLAINT,
   * ...).
   */
  record EventDestination(String name, boolean enabled, Set<String> eventTypes) {}

  /** An enabled destination receives this event type. */
  boolean receives(String eventType) {
    return destinations.stream().anyMatch(d -> d.enabled() && d.eventTypes().contains(eventType));
  }
}
