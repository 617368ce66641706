package dev.sesops.wiring;

import dev.sesops.aws.AccountClients;
import dev.sesops.common.Lazy;
import dev.sesops.common.Settings;
import dev.sesops.events.Sources;
import dev.sesops.monitor.MetricsSink;
import dev.sesops.monitor.Monitor;
import dev.sesops.monitor.MonitorHandler;
import dev.sesops.monitor.Notifier;
import dev.sesops.monitor.SdkSesHealthSource;
import dev.sesops.signals.EventsLastSeen;
import dev.sesops.signals.ItemAlerter;
import dev.sesops.signals.Pipeline;
import dev.sesops.signals.SdkSignalSource;
import dev.sesops.signals.SignalAlerts;
import dev.sesops.signals.SignalChecks;
import java.time.Clock;
import java.util.function.Supplier;

/** The monitor function's composition root: the Lambda handler. */
public final class MonitorFunction extends MonitorHandler {
  public MonitorFunction() {
    this(Settings.fromEnv(System.getenv()));
  }

  public MonitorFunction(Settings settings) {
    super(
        monitor(settings, new AccountClients(settings, "monitor"), Clock.systemUTC()),
        Clock.systemUTC());
  }

  /** The monitor from the environment: config source, SDK clients, SNS and DynamoDB. */
  public static Monitor monitor(Settings settings, AccountClients clients, Clock clock) {
    // built on the first run that alerts: a report-only run needs neither the table nor the topic
    Supplier<Notifier> notifier =
        Lazy.of(
            () ->
                new Notifier(Parts.alertState(settings, clients), Parts.alerts(settings, clients)));
    Supplier<SignalAlerts> itemAlerts =
        Lazy.of(
            () ->
                new SignalAlerts(
                    new ItemAlerter(
                        Parts.alertState(settings, clients), Parts.alerts(settings, clients))));
    SdkSignalSource signalSource = new SdkSignalSource(clients);
    // the pipeline check reads the events function's counters: only where there is a state table
    Pipeline pipeline =
        settings.stateTable() == null
            ? null
            : new Pipeline(
                Lazy.of(() -> new EventsLastSeen(clients.dynamoDb(), settings.requireStateTable())),
                signalSource);
    Monitor.ScopeRanking worstScopes = null;
    if (settings.stateTable() != null) {
      // built on the first account with recent events: a run without any loads none of the events
      // code
      Supplier<Sources> sources = Lazy.of(() -> Parts.eventSources(settings, clients));
      worstScopes =
          (account, cfg, now) ->
              sources.get().worst(account, cfg.monitoring().scopes(), Monitor.WORST_SCOPES, now);
    }
    return new Monitor(
        Parts.config(settings, clients),
        new SdkSesHealthSource(clients),
        new SignalChecks(signalSource, pipeline),
        notifier,
        itemAlerts,
        MetricsSink.forThisProcess(),
        clock,
        Lazy.of(() -> Parts.protector(settings, clients, clock)),
        worstScopes);
  }
}
