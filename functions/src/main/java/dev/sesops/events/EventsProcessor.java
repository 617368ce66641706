package dev.sesops.events;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Deadline;
import dev.sesops.common.LambdaEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SQS batch: decodes each record, hands each to the first consumer that accepts it (one call
 * per consumer per batch), collects what must be retried, then runs the after-batch hooks. A record
 * no consumer takes, or that cannot be decoded, is rejected: counted and logged with its message
 * id, never retried, never blocking the rest.
 */
public final class EventsProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(EventsProcessor.class);

  private final List<EventConsumer> consumers;
  private final List<BatchHook> hooks;
  private final Clock clock;

  public EventsProcessor(List<EventConsumer> consumers, List<BatchHook> hooks, Clock clock) {
    this.consumers = List.copyOf(consumers);
    this.hooks = List.copyOf(hooks);
    this.clock = clock;
  }

  /** With one more hook, e.g. containment after each batch. */
  public EventsProcessor withHook(BatchHook hook) {
    List<BatchHook> h = new ArrayList<>(hooks);
    h.add(hook);
    return new EventsProcessor(consumers, h, clock);
  }

  /** With one more consumer, tried after the existing ones. */
  public EventsProcessor withConsumer(EventConsumer consumer) {
    List<EventConsumer> c = new ArrayList<>(consumers);
    c.add(consumer);
    return new EventsProcessor(c, hooks, clock);
  }

  /** Processes the {@code Records} of an SQS event, without a deadline. */
  public BatchReport process(JsonNode sqsEvent) {
    return process(sqsEvent, Deadline.none(clock));
  }

  /**
   * Processes the {@code Records} of an SQS event; what is not counted by {@code deadline} goes
   * back to SQS.
   */
  public BatchReport process(JsonNode sqsEvent, Deadline deadline) {
    return process(LambdaEvents.read(sqsEvent, SQSEvent.class), deadline);
  }

  /**
   * Processes the records of an SQS event; what is not counted by {@code deadline} goes back to
   * SQS.
   */
  public BatchReport process(SQSEvent sqsEvent, Deadline deadline) {
    long started = System.nanoTime();
    Instant now = clock.instant();
    List<SQSEvent.SQSMessage> records =
        sqsEvent == null || sqsEvent.getRecords() == null ? List.of() : sqsEvent.getRecords();
    Map<EventConsumer, List<InboundEvent>> byConsumer = new LinkedHashMap<>();
    Map<String, String> rejected = new LinkedHashMap<>();
    int total = 0;
    for (SQSEvent.SQSMessage r : records) {
      total++;
      String id = r == null ? null : r.getMessageId();
      if (id == null) {
        rejected.put("(record " + total + ")", "record without messageId");
        continue;
      }
      try {
        Envelope e = Envelope.decode(r.getBody());
        EventConsumer c = consumerFor(e);
        if (c == null) {
          rejected.put(
              id,
              e.form() == Envelope.Form.EVENTBRIDGE
                  ? "no consumer for source "
                      + safe(e.source())
                      + ", detail type "
                      + safe(e.detailType())
                  : "no consumer");
          continue;
        }
        byConsumer.computeIfAbsent(c, k -> new ArrayList<>()).add(new InboundEvent(id, e));
      } catch (RejectedInputException ex) {
        rejected.put(id, ex.getMessage());
      }
    }
    Set<String> retry = new LinkedHashSet<>();
    Map<String, Map<String, Object>> summaries = new LinkedHashMap<>();
    for (Map.Entry<EventConsumer, List<InboundEvent>> e : byConsumer.entrySet()) {
      ConsumerResult result;
      try {
        result = e.getKey().consume(e.getValue(), now, deadline);
      } catch (RuntimeException ex) {
        // a fault, not bad data: the records come back
        LOG.error(
            "consumer {} failed on {} records: {}",
            e.getKey().name(),
            e.getValue().size(),
            ex.getMessage());
        e.getValue().forEach(i -> retry.add(i.messageId()));
        summaries.put(e.getKey().name(), Map.of("error", String.valueOf(ex.getMessage())));
        continue;
      }
      retry.addAll(result.retry());
      rejected.putAll(result.rejected());
      summaries.put(e.getKey().name(), result.summary());
    }
    rejected.forEach((id, reason) -> LOG.warn("rejected SQS message {}: {}", id, reason));
    BatchReport report =
        new BatchReport(now, total, rejected.size(), List.copyOf(retry), summaries);
    for (BatchHook h : hooks) {
      try {
        h.afterBatch(report);
      } catch (RuntimeException ex) {
        LOG.error("after-batch hook {} failed: {}", h.getClass().getSimpleName(), ex.getMessage());
      }
    }
    LOG.info(
        "events batch: {} records, {} rejected, {} to retry, {} ms, {}",
        total,
        rejected.size(),
        retry.size(),
        (System.nanoTime() - started) / 1_000_000,
        summaries);
    return report;
  }

  private EventConsumer consumerFor(Envelope e) {
    for (EventConsumer c : consumers) {
      if (c.accepts(e)) {
        return c;
      }
    }
    return null;
  }

  private static String safe(String s) {
    if (s == null) {
      return "(none)";
    }
    String t = s.length() > 64 ? s.substring(0, 64) : s;
    return t.replaceAll("[^A-Za-z0-9 ._:-]", "?");
  }
}
