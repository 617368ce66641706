package dev.sesops.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import dev.sesops.config.FleetItems;
import dev.sesops.core.FleetItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a Distributed Map's ResultWriter exported: {@code manifest.json} names the result
 * files ({@code ResultFiles.SUCCEEDED|FAILED|PENDING}, each {@code [{"Key", "Size"}]}); each file
 * is a JSON array of child executions with {@code Input} and {@code Output} as JSON strings, {@code
 * Status}, and for failures {@code Error} and {@code Cause}.
 */
final class MapResults {
  private MapResults() {}

  static List<ItemResult> read(FleetStore store, String manifestKey) {
    JsonNode manifest = store.get(manifestKey);
    List<ItemResult> out = new ArrayList<>();
    for (String kind : List.of("SUCCEEDED", "FAILED")) {
      for (JsonNode file : manifest.path("ResultFiles").path(kind)) {
        for (JsonNode child : store.get(file.path("Key").asText())) {
          out.add(child(child));
        }
      }
    }
    return out;
  }

  static ItemResult child(JsonNode child) {
    List<FleetItem> items = FleetItems.parse(Json.read(child.path("Input").asText("{}")));
    if (items == null) {
      items = List.of();
    }
    if ("SUCCEEDED".equals(child.path("Status").asText())) {
      return ItemResult.succeeded(items, Json.read(child.path("Output").asText("{}")));
    }
    String error = child.path("Error").asText(child.path("Status").asText("FAILED"));
    String cause = child.path("Cause").asText("");
    // a Lambda error's Cause is JSON with errorType and errorMessage; keep only those
    if (cause.startsWith("{")) {
      JsonNode c = Json.read(cause);
      cause = c.path("errorType").asText("") + ": " + c.path("errorMessage").asText("");
    }
    return ItemResult.failed(items, cause.isBlank() ? error : error + " (" + cause + ")");
  }
}
