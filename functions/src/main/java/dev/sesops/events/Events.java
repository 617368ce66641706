package dev.sesops.events;

import dev.sesops.alert.DynamoDbAlertState;
import dev.sesops.alert.SnsAlertPublisher;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Lazy;
import dev.sesops.common.Settings;
import dev.sesops.config.ConfigSource;
import dev.sesops.protection.ProtectionHook;
import dev.sesops.signals.AwsStatusConsumer;
import dev.sesops.signals.ItemAlerter;
import java.time.Clock;
import java.util.List;

/**
 * Wires the events function from the environment: config source, the state table, the alert topic.
 */
public final class Events {
  private Events() {}

  /** The processor with the SES sending-event counter and the status-event consumer. */
  public static EventsProcessor create(Settings settings, AccountClients clients, Clock clock) {
    return create(settings, clients, clock, clients.configSource(settings));
  }

  /** As {@link #create(Settings, AccountClients, Clock)}, with the config from {@code config}. */
  public static EventsProcessor create(
      Settings settings, AccountClients clients, Clock clock, ConfigSource config) {
    CounterStore store = new DynamoDbCounterStore(clients.dynamoDb(), settings.requireStateTable());
    SendingEventCounter counter =
        new SendingEventCounter(
            config,
            store,
            Lazy.of(
                () ->
                    new ScopeAlerter(
                        new DynamoDbAlertState(clients.dynamoDb(), settings.requireStateTable()),
                        new SnsAlertPublisher(clients.sns(), settings.requireAlertTopicArn()))),
            ProtectionHook.create(settings, clients, clock));
    return new EventsProcessor(List.of(counter), List.of(), clock)
        .withConsumer(
            new AwsStatusConsumer(
                config,
                Lazy.of(
                    () ->
                        new ItemAlerter(
                            new DynamoDbAlertState(
                                clients.dynamoDb(), settings.requireStateTable()),
                            new SnsAlertPublisher(
                                clients.sns(), settings.requireAlertTopicArn())))));
  }

  /** The read side (API, CLI, monitor): the worst scopes of an account. */
  public static Sources sources(Settings settings, AccountClients clients) {
    return new Sources(new DynamoDbCounterStore(clients.dynamoDb(), settings.requireStateTable()));
  }
}
