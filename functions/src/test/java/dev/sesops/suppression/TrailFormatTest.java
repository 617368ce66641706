package dev.sesops.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.common.BadInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrailFormatTest {

  @Test
  void trailLine_isOneSnakeCaseJsonObject_andParsesBack() {
    TrailEntry e =
        new TrailEntry(
            "20250601T030000Z-abcdef12",
            "production",
            "ä+x%y@example.com",
            "COMPLAINT",
            Instant.parse("2024-01-02T03:04:05Z"),
            "msg-1",
            "fb-1");

    String line = TrailFormat.line(e);

    assertThat(line)
        .isEqualTo(
            "{\"run_id\":\"20250601T030000Z-abcdef12\",\"account\":\"production\",\"email_address\":\"ä+x%y@example.com\","
                + "\"reason\":\"COMPLAINT\",\"last_update_time\":\"2024-01-02T03:04:05Z\",\"message_id\":\"msg-1\",\"feedback_id\":\"fb-1\"}");
    assertThat(TrailFormat.parse(line, 1)).isEqualTo(e);
  }

  @Test
  void trailLine_leavesOutUnknownIds() {
    String line =
        TrailFormat.line(
            new TrailEntry("r", "production", "a@example.com", "BOUNCE", null, null, null));
    assertThat(line).doesNotContain("message_id").doesNotContain("last_update_time");
  }

  @Test
  void importLine_isTheFormatSesDocumentsForSuppressionListImports() {
    assertThat(TrailFormat.importLine("a+b@example.com", "BOUNCE"))
        .isEqualTo("{\"emailAddress\":\"a+b@example.com\",\"reason\":\"BOUNCE\"}");
  }

  @Test
  void parse_namesTheLine_andNeverEchoesTheAddress() {
    assertThatThrownBy(
            () ->
                TrailFormat.parse(
                    "{\"account\":\"p\",\"email_address\":\"not-an-address\",\"reason\":\"BOUNCE\"}",
                    42))
        .isInstanceOf(BadInputException.class)
        .hasMessage("trail line 42: email_address is not an email address");
    assertThatThrownBy(() -> TrailFormat.parse("[1,2]", 7))
        .hasMessage("trail line 7: expected a JSON object");
    assertThatThrownBy(
            () ->
                TrailFormat.parse(
                    "{\"account\":\"p\",\"email_address\":\"a@example.com\",\"reason\":\"BOUNCE\",\"last_update_time\":\"yesterday\"}",
                    3))
        .hasMessage("trail line 3: last_update_time is not an ISO-8601 instant");
  }
}
