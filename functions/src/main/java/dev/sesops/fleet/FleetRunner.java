package dev.sesops.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.config.FleetItems;
import dev.sesops.core.FleetItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Distributed Map on this machine: the same items, the same per-item events (one item, or a
 * batch of {@code batchSize} for the monitor), at most {@code concurrency} invocations at once,
 * each failure recorded against its items and never stopping the others, then the same aggregation.
 */
final class FleetRunner {

  /** Runs one Map child: the function with an item event, returning its output or throwing. */
  interface ItemInvoker {
    JsonNode invoke(JsonNode event) throws Exception;
  }

  private final FleetJob job;
  private final ItemInvoker invoker;
  private final int concurrency;
  private final int batchSize;
  private final Clock clock;

  FleetRunner(FleetJob job, ItemInvoker invoker, int concurrency, int batchSize, Clock clock) {
    if (concurrency < 1 || concurrency > 1000) {
      throw new BadInputException("--concurrency", "must be between 1 and 1000");
    }
    if (batchSize < 1 || batchSize > 100) {
      throw new BadInputException("--batch-size", "must be between 1 and 100");
    }
    this.job = job;
    this.invoker = invoker;
    this.concurrency = concurrency;
    this.batchSize = job == FleetJob.MONITOR ? batchSize : 1;
    this.clock = clock;
  }

  /** The events the Map children get, in item order. */
  static List<JsonNode> events(FleetJob job, String runId, List<FleetItem> items, int batchSize) {
    List<JsonNode> out = new ArrayList<>();
    if (batchSize <= 1) {
      for (FleetItem i : items) {
        ObjectNode e = Json.object();
        e.set("fleet_item", Json.MAPPER.valueToTree(i));
        out.add(e);
      }
      return out;
    }
    for (int from = 0; from < items.size(); from += batchSize) {
      ObjectNode e = Json.object();
      e.set(
          "Items",
          Json.MAPPER.valueToTree(items.subList(from, Math.min(items.size(), from + batchSize))));
      e.putObject("BatchInput").put("job", job.id()).put("run_id", runId);
      out.add(e);
    }
    return out;
  }

  FleetSummary run(String runId, ItemList list) {
    Instant started = clock.instant();
    List<JsonNode> events = events(job, runId, list.items(), batchSize);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(concurrency, events.size())),
            r -> {
              Thread t = new Thread(r, "fleet-item");
              t.setDaemon(true);
              return t;
            });
    List<ItemResult> results = new ArrayList<>();
    try {
      List<Future<ItemResult>> futures = new ArrayList<>();
      for (JsonNode event : events) {
        List<FleetItem> items = FleetItems.parse(event);
        futures.add(
            pool.submit(
                () -> {
                  try {
                    return ItemResult.succeeded(items, invoker.invoke(event));
                  } catch (Exception e) {
                    // what a failed Map child records: the error type and its message (ours never
                    // hold secrets)
                    return ItemResult.failed(
                        items, e.getClass().getSimpleName() + ": " + e.getMessage());
                  }
                }));
      }
      for (Future<ItemResult> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("fleet item runner broke", e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return Aggregator.aggregate(
        job, runId, list, results, Duration.between(started, clock.instant()).toMillis());
  }
}
