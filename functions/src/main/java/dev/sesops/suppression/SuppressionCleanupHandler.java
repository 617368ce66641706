package dev.sesops.suppression;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.aws.Priming;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import dev.sesops.common.ScheduledRun;
import dev.sesops.config.FleetItems;
import dev.sesops.core.FleetItem;
import dev.sesops.logging.RunMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The suppression cleanup function (EventBridge schedule): {@code detail.accounts} and {@code
 * detail.dry_run} narrow a run; {@code detail.action = "restore"} with {@code detail.trail} puts a
 * trail back instead; a fleet Map child's item arrives in {@code detail}.
 */
public class SuppressionCleanupHandler
    implements RequestHandler<ScheduledEvent, Map<String, Object>> {
  static {
    // SnapStart: prime SDK clients and JSON before the snapshot (a no-op without CRaC)
    Priming.register();
  }

  private static final Duration MARGIN = Duration.ofSeconds(20);

  /** EMF metric of a cleanup run: accounts whose cleanup failed. */
  static final String ACCOUNTS_FAILED = "CleanupAccountsFailed";

  private final SuppressionCleanup cleanup;
  private final Clock clock;
  private final RunMetrics metrics;

  /** With the cleanup its composition root built ({@code wiring.SuppressionCleanupFunction}). */
  protected SuppressionCleanupHandler(SuppressionCleanup cleanup, Clock clock) {
    this(cleanup, clock, RunMetrics.forThisProcess());
  }

  SuppressionCleanupHandler(SuppressionCleanup cleanup, Clock clock, RunMetrics metrics) {
    this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  private CleanupReport counted(CleanupReport report) {
    metrics.emit(Map.of(ACCOUNTS_FAILED, report.failedAccounts()), clock.instant().toEpochMilli());
    return report;
  }

  @Override
  public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
    Deadline deadline = Deadline.after(clock, context.getRemainingTimeInMillis(), MARGIN);
    // a Distributed Map child: one fleet item, with the policy's own dry_run
    List<FleetItem> items = FleetItems.parse(ScheduledRun.detail(event));
    if (items != null) {
      return Json.asMap(
          counted(
              cleanup.runSelected(
                  FleetItems.selection(items), null, deadline, context.getAwsRequestId())));
    }
    ScheduledRun run = ScheduledRun.of(event);
    JsonNode action = run.detail().path("action");
    Object result;
    if (action.isMissingNode() || action.isNull() || "cleanup".equals(action.asText())) {
      result = counted(cleanup.run(run.accounts(), run.dryRun(), deadline, run.eventId()));
    } else if ("restore".equals(action.asText())) {
      JsonNode trail = run.detail().path("trail");
      if (!trail.isTextual()) {
        throw new BadInputException(
            "detail.trail", "missing: the trail's S3 URI (s3://bucket/key) to restore");
      }
      result = cleanup.restore(trail.asText(), deadline);
    } else {
      throw new BadInputException("detail.action", "expected \"cleanup\" or \"restore\"");
    }
    return Json.asMap(result);
  }
}
