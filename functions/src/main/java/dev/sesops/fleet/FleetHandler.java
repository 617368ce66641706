package dev.sesops.fleet;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sesops.aws.Priming;
import dev.sesops.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The fleet state machines' own steps ({@code {"step": "items"|"summary", "job": ..., "run_id":
 * ...}}): the item list written to S3 for the Distributed Map, and the aggregation of its results.
 */
public class FleetHandler implements RequestStreamHandler {
  static {
    Priming.register();
  }

  private final FleetSteps steps;

  /** With the steps its composition root built ({@code wiring.FleetFunction}). */
  protected FleetHandler(FleetSteps steps) {
    this.steps = Objects.requireNonNull(steps, "steps");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    Json.MAPPER.writeValue(output, steps.handle(Json.read(input)));
  }
}
