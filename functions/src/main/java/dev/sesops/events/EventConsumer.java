package dev.sesops.events;

import dev.sesops.common.Deadline;
import java.time.Instant;
import java.util.List;

/**
 * Takes the records of a batch whose envelope it accepts: SES sending events today; other
 * EventBridge detail types (sending status, advisor recommendations) get consumers of their own.
 * Each consumer sees its share of the batch once, in one call, so it can aggregate.
 */
public interface EventConsumer {
  /** A short name for logs and the batch report. */
  String name();

  /** Whether this consumer takes the record (checked in registration order; the first one wins). */
  boolean accepts(Envelope envelope);

  /** Consumes this batch's accepted records. */
  ConsumerResult consume(List<InboundEvent> events, Instant now);

  /**
   * As {@link #consume(List, Instant)}, stopping at {@code deadline}: what is not done by then goes
   * back to SQS.
   */
  default ConsumerResult consume(List<InboundEvent> events, Instant now, Deadline deadline) {
    return consume(events, now);
  }
}
