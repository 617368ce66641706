package dev.sesops.audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.sesops.aws.Priming;
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
 * The scheduled audit (EventBridge; optional {@code detail.accounts}; a fleet Map child's items in
 * {@code detail}): audits, stores reports, returns a short summary.
 */
public class AuditHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
  static {
    // SnapStart: prime SDK clients and JSON before the snapshot (a no-op without CRaC)
    Priming.register();
  }

  /** Time kept back from the Lambda deadline to store reports and send alerts. */
  static final Duration MARGIN = Duration.ofSeconds(20);

  /** EMF metric of a run: accounts whose audit failed, did not finish or whose report was lost. */
  static final String ACCOUNTS_FAILED = "AuditAccountsFailed";

  private final Auditor auditor;
  private final Clock clock;
  private final RunMetrics metrics;

  /** With the auditor its composition root built ({@code wiring.AuditFunction}). */
  protected AuditHandler(Auditor auditor, Clock clock) {
    this(auditor, clock, RunMetrics.forThisProcess());
  }

  AuditHandler(Auditor auditor, Clock clock, RunMetrics metrics) {
    this.auditor = Objects.requireNonNull(auditor, "auditor");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
    Deadline deadline = Deadline.after(clock, context.getRemainingTimeInMillis(), MARGIN);
    // a Distributed Map child: one fleet item (its own invocation, so its own deadline)
    List<FleetItem> items = FleetItems.parse(ScheduledRun.detail(event));
    if (items != null) {
      AuditReport report =
          auditor.auditSelected(
              FleetItems.selection(items), true, deadline, context.getAwsRequestId());
      emitFailures(report);
      return Json.asMap(AuditResult.of(report));
    }
    ScheduledRun run = ScheduledRun.of(event);
    AuditReport report =
        auditor.audit(
            run.accounts(),
            true,
            deadline,
            run.eventId() != null ? run.eventId() : context.getAwsRequestId());
    emitFailures(report);
    return Json.asMap(AuditResult.of(report));
  }

  /**
   * One failure per account (the report's failures name one account each). An audit that broke
   * throws instead, after the others finished: the invocation fails and the Errors alarm fires.
   */
  private void emitFailures(AuditReport report) {
    metrics.emit(
        Map.of(ACCOUNTS_FAILED, (long) report.failures().size()), clock.instant().toEpochMilli());
  }
}
