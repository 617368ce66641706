package dev.sesops.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.config.FleetItems;
import dev.sesops.core.FleetItem;
import java.io.InputStream;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The sample events in events/ are what the state machines send; they parse as the contract says.
 */
class FleetEventsTest {

  private static JsonNode event(String path) throws Exception {
    try (InputStream in =
        FleetEventsTest.class.getClassLoader().getResourceAsStream("events/" + path)) {
      assertThat(in).as(path).isNotNull();
      return Json.read(in);
    }
  }

  @Test
  void mapChildEvents_carryTheirItems() throws Exception {
    assertThat(FleetItems.parse(event("monitor/fleet-batch.json")))
        .extracting(FleetItem::source)
        .containsExactly("config", "organization");
    assertThat(FleetItems.parse(event("audit/fleet-item.json")))
        .singleElement()
        .satisfies(i -> assertThat(i.account()).isEqualTo("444455556666-eu-west-1"));
    assertThat(FleetItems.parse(event("suppression-cleanup/fleet-item.json"))).hasSize(1);
    // the scheduled events stay scheduled events
    assertThat(FleetItems.parse(event("monitor/scheduled.json"))).isNull();
    assertThat(FleetItems.parse(event("audit/scheduled.json"))).isNull();
  }

  @Test
  void aMalformedStepEvent_namesTheField() throws Exception {
    FleetSteps steps = new FleetSteps(null, null, null, Clock.systemUTC());
    JsonNode bad = event("fleet/malformed.json");
    assertThatThrownBy(() -> steps.handle(bad))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("job");
    JsonNode noRun = Json.read("{\"step\": \"items\", \"job\": \"audit\", \"run_id\": \"a b\"}");
    assertThatThrownBy(() -> steps.handle(noRun)).hasMessageContaining("run_id");
    JsonNode noStep = Json.read("{\"step\": \"plan\", \"job\": \"audit\", \"run_id\": \"r1\"}");
    assertThatThrownBy(() -> steps.handle(noStep)).hasMessageContaining("step");
    assertThat(event("fleet/items.json").path("step").asText()).isEqualTo("items");
    assertThat(
            event("fleet/summary.json")
                .path("map")
                .path("ResultWriterDetails")
                .path("Key")
                .asText())
        .endsWith("manifest.json");
  }
}
