package dev.sesops.monitor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.sesops.aws.Priming;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import dev.sesops.common.ScheduledRun;
import dev.sesops.config.FleetItems;
import dev.sesops.core.FleetItem;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * EventBridge schedule to {@link Monitor}: every account, or {@code detail.accounts}; a fleet Map
 * child's event carries its items in {@code detail} ({@link FleetItems}). Answers the report as
 * JSON (a map: the runtime writes it as it is, in the report's snake_case names).
 */
public class MonitorHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
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
  public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
    // a Distributed Map child: one fleet item, or a batch of them
    List<FleetItem> items = FleetItems.parse(ScheduledRun.detail(event));
    Deadline deadline = Deadline.after(clock, context.getRemainingTimeInMillis(), MARGIN);
    MonitorReport report =
        items != null
            ? monitor.runSelected(
                FleetItems.selection(items), true, deadline, context.getAwsRequestId())
            : monitor.run(
                ScheduledRun.of(event).accounts(), true, deadline, context.getAwsRequestId());
    long failures = report.summary().get("alert_failures");
    // dedupe off is not a reason to fail: a retried invocation would send every alert again; the
    // run's DedupeOff metric (MetricsSink.emitRun) raises the stack's alarm instead
    if (failures > 0) {
      // fail the invocation so the alarm and retry see that people were not told (Lambda returns
      // the error, not a result, for a failed invocation)
      throw new MonitorException(
          failures + " alert(s) could not be published; see the report and logs");
    }
    return Json.asMap(report);
  }
}
