package dev.sesops.wiring;

import dev.sesops.aws.AccountClients;
import dev.sesops.common.Lazy;
import dev.sesops.common.Settings;
import dev.sesops.fleet.FleetHandler;
import dev.sesops.fleet.FleetPlanner;
import dev.sesops.fleet.FleetSteps;
import dev.sesops.fleet.FleetStore;
import dev.sesops.fleet.HttpOrganizations;
import java.time.Clock;

/** The fleet state machines' steps function's composition root: the Lambda handler. */
public final class FleetFunction extends FleetHandler {
  public FleetFunction() {
    this(Settings.fromEnv(System.getenv()));
  }

  private FleetFunction(Settings settings) {
    super(steps(settings, new AccountClients(settings)));
  }

  public static FleetSteps steps(Settings settings, AccountClients clients) {
    return new FleetSteps(
        new FleetPlanner(
            Parts.config(settings, clients),
            Lazy.of(() -> HttpOrganizations.fromEnvironment(System.getenv()))),
        new FleetStore(clients.s3(), settings.requireReportBucket()),
        Parts.alerts(settings, clients),
        Clock.systemUTC());
  }
}
