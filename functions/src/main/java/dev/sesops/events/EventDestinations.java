package dev.sesops.events;

import dev.sesops.aws.SdkErrors;
import dev.sesops.common.NotFoundException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sesv2.model.EventType;

/**
 * Connects a configuration set to the account's default EventBridge bus (the only bus SES publishes
 * to), from where the member stack's rule forwards {@code aws.ses} events to the ops bus. Dry run
 * unless applied; logged before it changes anything; {@link #disconnect} undoes it.
 */
public final class EventDestinations {
  /** The event destination ses-ops creates (and removes) on a configuration set. */
  public static final String NAME = "ses-ops-events";

  static final List<EventType> TYPES =
      List.of(
          EventType.SEND,
          EventType.DELIVERY,
          EventType.BOUNCE,
          EventType.COMPLAINT,
          EventType.REJECT,
          EventType.DELIVERY_DELAY);
  private static final Logger LOG = LoggerFactory.getLogger(EventDestinations.class);

  private final SesV2Client ses;

  public EventDestinations(SesV2Client ses) {
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
            TYPES.stream().map(EventType::toString).toList(),
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
    try {
      ses.createConfigurationSetEventDestination(
          r ->
              r.configurationSetName(configurationSet)
                  .eventDestinationName(NAME)
                  .eventDestination(
                      d ->
                          d.enabled(true)
                              .matchingEventTypes(TYPES)
                              .eventBridgeDestination(b -> b.eventBusArn(busArn))));
      return with(plan, "created");
    } catch (AlreadyExistsException e) {
      return with(plan, "exists");
    } catch (software.amazon.awssdk.services.sesv2.model.NotFoundException e) {
      throw new NotFoundException(
          "configuration set " + configurationSet + " does not exist in account " + account);
    } catch (SdkException e) {
      throw new EventsException(
          "event destination not created on " + configurationSet + ": " + SdkErrors.describe(e), e);
    }
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
      ses.deleteConfigurationSetEventDestination(
          r -> r.configurationSetName(configurationSet).eventDestinationName(NAME));
      return with(plan, "removed");
    } catch (software.amazon.awssdk.services.sesv2.model.NotFoundException e) {
      return with(plan, "absent");
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
