package dev.sesops.monitor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sesops.aws.Priming;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import dev.sesops.common.ScheduledRun;
import dev.sesops.config.FleetItems;
import dev.sesops.core.FleetItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** EventBridge schedule to {@link Monitor}: every account, or {@code detail.accounts}. */
public class MonitorHandler implements RequestStreamHandler {
  private static final Duration MARGIN = Duration.ofSeconds(5);

  static {
    Priming.register();
  }

  private final Monitor monitor;
  private final Clock clock;

  /** With the monitor its composition root built ({@code wiring.MonitorFunction}). */
  protected MonitorHandler(Monitor monitor, Clock clock) {
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.clock = clock;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    com.fasterxml.jackson.databind.JsonNode event = Json.read(input);
    // a Distributed Map child: one fleet item, or a batch of them
    java.util.List<FleetItem> items = FleetItems.parse(event);
    Deadline deadline = Deadline.after(clock, context.getRemainingTimeInMillis(), MARGIN);
    MonitorReport report =
        items != null
            ? monitor.runSelected(
                FleetItems.selection(items), true, deadline, context.getAwsRequestId())
            : monitor.run(
                ScheduledRun.parse(event).accounts(), true, deadline, context.getAwsRequestId());
    output.write(Json.write(report).getBytes(StandardCharsets.UTF_8));
    long failures = report.summary().get("alert_failures");
    // dedupe off is not a reason to fail: a retried invocation would send every alert again; the
    // run's
    // DedupeOff metric (MetricsSink.emitRun) raises the stack's alarm instead
    if (failures > 0) {
      // the report is written; fail the invocation so the alarm and retry see that people were not
      // told
      throw new MonitorException(
          failures + " alert(s) could not be published; see the report and logs");
    }
  }
}
