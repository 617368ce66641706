package dev.sesops.wiring;

import dev.sesops.aws.AccountClients;
import dev.sesops.common.Lazy;
import dev.sesops.common.Settings;
import dev.sesops.config.ConfigSource;
import dev.sesops.events.DynamoDbCounterStore;
import dev.sesops.events.EventsHandler;
import dev.sesops.events.EventsProcessor;
import dev.sesops.events.ScopeAlerter;
import dev.sesops.events.SendingEventCounter;
import dev.sesops.events.Sources;
import dev.sesops.protection.ProtectionHook;
import dev.sesops.signals.AwsStatusConsumer;
import dev.sesops.signals.ItemAlerter;
import java.time.Clock;
import java.util.List;

/**
 * The events function's composition root: the Lambda handler. The counter hands each batch's rates
 * to protection through {@code events.RatesListener}, which protection implements.
 */
public final class EventsFunction extends EventsHandler {
  public EventsFunction() {
    this(Settings.fromEnv(System.getenv()));
  }

  private EventsFunction(Settings settings) {
    super(
        processor(
            settings, new AccountClients(settings, "events"), Settings.clock(System.getenv())));
  }

  /** The processor with the SES sending-event counter and the status-event consumer. */
  public static EventsProcessor processor(Settings settings, AccountClients clients, Clock clock) {
    return processor(settings, clients, clock, Parts.config(settings, clients));
  }

  /**
   * As {@link #processor(Settings, AccountClients, Clock)}, with the config from {@code config}.
   */
  public static EventsProcessor processor(
      Settings settings, AccountClients clients, Clock clock, ConfigSource config) {
    SendingEventCounter counter =
        new SendingEventCounter(
            config,
            new DynamoDbCounterStore(clients.dynamoDb(), settings.requireStateTable()),
            Lazy.of(
                () ->
                    new ScopeAlerter(
                        Parts.alertState(settings, clients), Parts.alerts(settings, clients))),
            // builds nothing until a batch hands it rates: a processor wired without a config
            // source still starts
            new ProtectionHook(
                Lazy.of(() -> Parts.config(settings, clients)),
                Lazy.of(() -> Parts.protector(settings, clients, clock))));
    return new EventsProcessor(List.of(counter), List.of(), clock)
        .withConsumer(
            new AwsStatusConsumer(
                config,
                Lazy.of(
                    () ->
                        new ItemAlerter(
                            Parts.alertState(settings, clients),
                            Parts.alerts(settings, clients)))));
  }

  /** The read side (API, CLI, monitor): the worst scopes of an account. */
  public static Sources sources(Settings settings, AccountClients clients) {
    return Parts.eventSources(settings, clients);
  }
}
