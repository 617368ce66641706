package dev.sesops.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.sesops.aws.Priming;
import dev.sesops.common.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * SQS (fed by the ops event bus or an SNS topic) to {@link EventsProcessor}; answers the records to
 * retry as {@code batchItemFailures} (partial batch response).
 */
public class EventsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  static {
    Priming.register();
  }

  static final Duration MARGIN = Duration.ofSeconds(5);

  private final EventsProcessor processor;

  /** With the processor its composition root built ({@code wiring.EventsFunction}). */
  protected EventsHandler(EventsProcessor processor) {
    this.processor = Objects.requireNonNull(processor, "processor");
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    // stop counting early enough to answer: what is not counted by then goes back to SQS, not the
    // whole batch
    BatchReport report =
        processor.process(
            event, Deadline.after(Clock.systemUTC(), context.getRemainingTimeInMillis(), MARGIN));
    return new SQSBatchResponse(
        report.retry().stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
  }
}
