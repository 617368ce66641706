package dev.sesops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventsStaleHoursConfigTest {
  private static SesOpsConfig parse(String monitoring) {
    return ConfigParser.parse(
        "{\"accounts\": {\"p\": {\"region\": \"us-east-1\"}}, \"monitoring\": " + monitoring + "}");
  }

  @Test
  void eventsStaleHours_defaultsToSix_andTakesAWholeNumberOfHours() {
    assertThat(parse("{}").monitoring().eventsStaleHours()).isEqualTo(6);
    assertThat(parse("{\"events_stale_hours\": 12}").monitoring().eventsStaleHours()).isEqualTo(12);
    assertThat(MonitoringConfig.defaults().eventsStaleHours()).isEqualTo(6);
  }

  @Test
  void eventsStaleHours_outOfRangeOrFractionalOrNotANumber_isRejectedWithItsPath() {
    assertThatThrownBy(() -> parse("{\"events_stale_hours\": 0}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("monitoring.events_stale_hours");
    assertThatThrownBy(() -> parse("{\"events_stale_hours\": 1.5}"))
        .hasMessageContaining("monitoring.events_stale_hours: must be a whole number");
    assertThatThrownBy(() -> parse("{\"events_stale_hours\": 200}"))
        .hasMessageContaining("monitoring.events_stale_hours");
    assertThatThrownBy(() -> parse("{\"events_stale_hours\": \"six\"}"))
        .hasMessageContaining("monitoring.events_stale_hours: expected a number");
  }
}
