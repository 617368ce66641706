package dev.sesops.fleet;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sesops.alert.SnsAlertPublisher;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Json;
import dev.sesops.common.Lazy;
import dev.sesops.common.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Objects;

/**
 * The fleet state machines' own steps ({@code {"step": "items"|"summary", "job": ..., "run_id":
 * ...}}): the item list written to S3 for the Distributed Map, and the aggregation of its results.
 */
public final class FleetHandler implements RequestStreamHandler {
  static {
    dev.sesops.aws.Priming.register();
  }

  private final FleetSteps steps;

  public FleetHandler() {
    this(Settings.fromEnv(System.getenv()));
  }

  private FleetHandler(Settings settings) {
    this(steps(settings, new AccountClients(settings)));
  }

  FleetHandler(FleetSteps steps) {
    this.steps = Objects.requireNonNull(steps, "steps");
  }

  static FleetSteps steps(Settings settings, AccountClients clients) {
    return new FleetSteps(
        new FleetPlanner(
            clients.configSource(settings),
            Lazy.of(() -> HttpOrganizations.fromEnvironment(System.getenv()))),
        new FleetStore(clients.s3(), settings.requireReportBucket()),
        new SnsAlertPublisher(clients.sns(), settings.requireAlertTopicArn()),
        Clock.systemUTC());
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    Json.MAPPER.writeValue(output, steps.handle(Json.read(input)));
  }
}
