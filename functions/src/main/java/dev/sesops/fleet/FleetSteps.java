package dev.sesops.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.alert.AlertPublisher;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.core.FleetItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The state machine's own two steps. {@code items}: plan the run and write the items for the
 * Distributed Map's ItemReader. {@code summary}: read the Map's exported results, aggregate them,
 * store the full summary, send one alert when anything failed, return the compact summary.
 */
public final class FleetSteps {
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,80}");

  private final FleetPlanner planner;
  private final FleetStore store;
  private final AlertPublisher alerts;
  private final Clock clock;

  public FleetSteps(FleetPlanner planner, FleetStore store, AlertPublisher alerts, Clock clock) {
    this.planner = planner;
    this.store = store;
    this.alerts = alerts;
    this.clock = clock;
  }

  JsonNode handle(JsonNode event) {
    String step = event.path("step").asText("");
    FleetJob job = FleetJob.of(event.path("job").asText(""));
    String runId = event.path("run_id").asText("");
    if (!RUN_ID.matcher(runId).matches()) {
      throw new BadInputException(
          "run_id", "expected the execution name (letters, digits, _.:-, at most 80)");
    }
    return switch (step) {
      case "items" -> items(job, runId);
      case "summary" -> summary(job, runId, event);
      default -> throw new BadInputException("step", "expected \"items\" or \"summary\"");
    };
  }

  private JsonNode items(FleetJob job, String runId) {
    ItemList list = planner.plan();
    String prefix = FleetStore.runPrefix(job, runId);
    store.put(prefix + "items.json", list.items());
    ObjectNode plan = Json.object();
    plan.set("skipped", Json.MAPPER.valueToTree(list.skipped()));
    if (list.discoveryError() != null) {
      plan.put("discovery_error", list.discoveryError());
    }
    plan.put("planned_at", clock.instant().toString());
    store.put(prefix + "plan.json", plan);
    ObjectNode out = Json.object();
    out.put("bucket", store.bucket());
    out.put("key", prefix + "items.json");
    out.put("results_prefix", prefix + "results");
    out.put("items", list.items().size());
    out.put("skipped", list.skipped().size());
    return out;
  }

  private JsonNode summary(FleetJob job, String runId, JsonNode event) {
    Instant started = Instant.parse(event.path("started_at").asText(clock.instant().toString()));
    String prefix = FleetStore.runPrefix(job, runId);
    List<FleetItem> items = new ArrayList<>();
    store
        .get(prefix + "items.json")
        .forEach(n -> items.add(Json.MAPPER.convertValue(n, FleetItem.class)));
    JsonNode plan = store.find(prefix + "plan.json").orElse(Json.object());
    List<SkippedAccount> skipped = new ArrayList<>();
    plan.path("skipped")
        .forEach(n -> skipped.add(Json.MAPPER.convertValue(n, SkippedAccount.class)));
    String manifestKey = event.path("map").path("ResultWriterDetails").path("Key").asText(null);
    Optional<String> manifest =
        manifestKey != null ? Optional.of(manifestKey) : store.manifestUnder(prefix + "results");
    List<ItemResult> results = manifest.map(k -> MapResults.read(store, k)).orElse(List.of());
    // the Map itself failed (tolerated failures exceeded, or aborted): what did not run is not
    // reached
    String mapError =
        event.has("map_error") ? event.path("map_error").path("Error").asText("unknown") : null;
    FleetSummary s =
        Aggregator.aggregate(
            job,
            runId,
            items,
            results,
            skipped,
            Aggregator.runFailures(plan.path("discovery_error").asText(null), mapError),
            Duration.between(started, clock.instant()).toMillis());
    store.put(prefix + "summary.json", s);
    String alertId = Aggregator.alert(s, alerts);
    ObjectNode out = (ObjectNode) Json.MAPPER.valueToTree(s.compact());
    out.remove("accounts");
    out.put("summary_key", prefix + "summary.json");
    if (alertId != null) {
      out.put("alert_message_id", alertId);
    }
    return out;
  }

  static Map<String, Object> itemsEvent(FleetJob job, String runId) {
    return Map.of("step", "items", "job", job.id(), "run_id", runId);
  }
}
