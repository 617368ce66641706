package dev.sesops.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.core.FleetItem;
import java.util.List;

/**
 * What one Distributed Map child (or one local invocation) came to: the items it ran, and either
 * the function's output or the error it failed with.
 */
record ItemResult(List<FleetItem> items, JsonNode output, String error) {
  ItemResult {
    items = List.copyOf(items);
  }

  static ItemResult succeeded(List<FleetItem> items, JsonNode output) {
    return new ItemResult(items, output, null);
  }

  static ItemResult failed(List<FleetItem> items, String error) {
    return new ItemResult(items, null, error == null ? "failed" : error);
  }
}
