package dev.sesops.events;

import dev.sesops.aws.SdkErrors;
import dev.sesops.common.NotFoundException;
import dev.sesops.ses.SesGateway;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Connects a configuration set to the account's default EventBridge bus (the only bus SES publishes
 * to), from where the member stack's rule forwards {@code aws.ses} events to the ops bus. Dry run
 * unless applied; logged before it changes anything; {@link #disconnect} undoes it.
 */
public final class EventDestinations {
  /** The event destination ses-ops creates (and removes) on a configuration set. */
  public static final String NAME = "ses-ops-events";

  /** SES's event type names. */
  static final List<String> TYPES =
      List.of("SEND", "DELIVERY", "BOUNCE", "COMPLAINT", "REJECT", "DELIVERY_DELAY");

  private static final Logger LOG = LoggerFactory.getLogger(EventDestinations.class);

  private final SesGateway ses;

  /** Over the account's gateway. */
  public EventDestinations(SesGateway ses) {
    this.ses = ses;
  }

  /** The default bus of {@code awsAccountId} in {@code region}. */
  public static String defaultBus(String region, String awsAccountId) {
    return "arn:aws:events:" + region + ":" + awsAccountId + ":event-bus/default";
  }

  /**
   * Creates the destination, or says what it would create.
   *
   * @return {@code action} (planned, created, exists), the destination's name, bus and event types
   */
  public Map<String, Object> connect(
      String account, String configurationSet, String busArn, boolean apply) {
    Map<String, Object> plan =
        Map.of(
            "configuration_set",
            configurationSet,
            "event_destination",
            NAME,
            "event_bus",
            busArn,
            "event_types",
            TYPES,
            "undo",
            "ses-ops connect-events " + account + " " + configurationSet + " --remove --apply");
    if (!apply) {
      return with(plan, "planned");
    }
    LOG.warn(
        "account {}: creating event destination {} on configuration set {} (EventBridge {})",
        account,
        NAME,
        configurationSet,
        busArn);
    SesGateway.Created created;
    try {
      created = ses.createEventBridgeDestination(configurationSet, NAME, TYPES, busArn);
    } catch (SdkException e) {
      throw new EventsException(
          "event destination not created on " + configurationSet + ": " + SdkErrors.describe(e), e);
    }
    return switch (created) {
      case CREATED -> with(plan, "created");
      case EXISTS -> with(plan, "exists");
      case NO_CONFIGURATION_SET ->
          throw new NotFoundException(
              "configuration set " + configurationSet + " does not exist in account " + account);
    };
  }

  /** Removes the destination ses-ops created, or says it would. */
  public Map<String, Object> disconnect(String account, String configurationSet, boolean apply) {
    Map<String, Object> plan =
        Map.of("configuration_set", configurationSet, "event_destination", NAME);
    if (!apply) {
      return with(plan, "planned_removal");
    }
    LOG.warn(
        "account {}: removing event destination {} from configuration set {}",
        account,
        NAME,
        configurationSet);
    try {
      return with(plan, ses.deleteEventDestination(configurationSet, NAME) ? "removed" : "absent");
    } catch (SdkException e) {
      throw new EventsException(
          "event destination not removed from " + configurationSet + ": " + SdkErrors.describe(e),
          e);
    }
  }

  private static Map<String, Object> with(Map<String, Object> plan, String action) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("action", action);
    m.putAll(new java.util.TreeMap<>(plan));
    return m;
  }
}
