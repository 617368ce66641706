package dev.sesops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class JsonLoggerTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final JsonLogger log =
      new JsonLogger(
          "dev.sesops.monitor.Monitor",
          JsonLogger.Threshold.fromEnv(Map.of()),
          new PrintStream(out, true, StandardCharsets.UTF_8));

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  private JsonNode line() {
    String text = out.toString(StandardCharsets.UTF_8).strip();
    assertThat(text.lines()).hasSize(1);
    return Json.read(text);
  }

  @Test
  void writesOneJsonObjectPerLine_withEscapedMessageAndArguments() {
    log.info("account {}: \"quoted\"\nsecond line\t{}", "production", 42);

    JsonNode line = line();
    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("logger").asText()).isEqualTo("Monitor");
    assertThat(line.path("message").asText())
        .isEqualTo("account production: \"quoted\"\nsecond line\t42");
  }

  @Test
  void embedsJsonMdcValuesAsJson_andOthersAsStrings() {
    MDC.put("json.report", "{\"accounts\":[{\"account\":\"production\"}]}");
    MDC.put("request_id", "r-1");
    log.info("summary");

    JsonNode line = line();
    assertThat(line.path("report").path("accounts").get(0).path("account").asText())
        .isEqualTo("production");
    assertThat(line.path("request_id").asText()).isEqualTo("r-1");
  }

  @Test
  void errorsCarryTypeAndMessage_butNoStackTraceAtInfo() {
    log.error("failed", new IllegalStateException("boom"));

    JsonNode line = line();
    assertThat(line.path("error").asText()).isEqualTo("java.lang.IllegalStateException: boom");
    assertThat(line.has("stack")).isFalse();
  }

  @Test
  void debugIsOffByDefault_andThirdPartyLoggersStayAtWarn() {
    log.debug("hidden");
    assertThat(out.size()).isZero();
    JsonLogger sdk =
        new JsonLogger(
            "software.amazon.awssdk.request",
            JsonLogger.Threshold.fromEnv(Map.of("SES_OPS_LOG_LEVEL", "DEBUG")),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(sdk.isInfoEnabled()).isFalse();
    assertThat(sdk.isWarnEnabled()).isTrue();
  }
}
