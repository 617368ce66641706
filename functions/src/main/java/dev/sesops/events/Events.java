package dev.sesops.events;

import dev.sesops.alert.DynamoDbAlertState;
import dev.sesops.alert.SnsAlertPublisher;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Lazy;
import dev.sesops.common.Settings;
import java.time.Clock;
import java.util.List;

/** Wires the events function from the environment: config source, the state table, the alert topic. */
public final class Events {
  private Events() {}

  /** The processor with the SES sending-event counter; more consumers and hooks are added with {@code with...}. */
  public static EventsProcessor create(Settings settings, AccountClients clients, Clock clock) {
    return create(settings, clients, clock, clients.configSource(settings));
  }

  /** As {@link #create(Settings, AccountClients, Clock)}, with the config from {@code config}. */
  public static EventsProcessor create(Settings settings, AccountClients clients, Clock clock, dev.sesops.config.ConfigSource config) {
    CounterStore store = new DynamoDbCounterStore(clients.dynamoDb(), settings.requireStateTable());
    SendingEventCounter counter = new SendingEventCounter(config, store,
        Lazy.of(() -> new ScopeAlerter(new DynamoDbAlertState(clients.dynamoDb(), settings.requireStateTable()),
            new SnsAlertPublisher(clients.sns(), settings.requireAlertTopicArn()))));
    return new EventsProcessor(List.of(counter), List.of(), clock)
        .withConsumer(new dev.sesops.signals.AwsStatusConsumer(config,
            Lazy.of(() -> new dev.sesops.signals.ItemAlerter(new DynamoDbAlertState(clients.dynamoDb(), settings.requireStateTable()),
                new SnsAlertPublisher(clients.sns(), settings.requireAlertTopicArn())))))
        .withHook(dev.sesops.protection.ProtectionHook.create(settings, clients, clock));
  }

  /** The read side (API, CLI, monitor): the worst scopes of an account. */
  public static Sources sources(Settings settings, AccountClients clients) {
    return new Sources(new DynamoDbCounterStore(clients.dynamoDb(), settings.requireStateTable()));
  }
}
