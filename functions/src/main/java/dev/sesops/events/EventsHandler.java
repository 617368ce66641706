package dev.sesops.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.aws.Priming;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * SQS (fed by the ops event bus or an SNS topic) to {@link EventsProcessor}; answers {@code
 * batchItemFailures}.
 */
public class EventsHandler implements RequestStreamHandler {
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
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    // stop counting early enough to answer: what is not counted by then goes back to SQS, not the
    // whole batch
    BatchReport report =
        processor.process(
            Json.read(input),
            Deadline.after(Clock.systemUTC(), context.getRemainingTimeInMillis(), MARGIN));
    ObjectNode out = Json.object();
    ArrayNode failures = out.putArray("batchItemFailures");
    report.retry().forEach(id -> failures.addObject().put("itemIdentifier", id));
    output.write(Json.MAPPER.writeValueAsString(out).getBytes(StandardCharsets.UTF_8));
  }
}
