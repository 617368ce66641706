package dev.sesops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * JSON in Lambda and when asked, plain text on a terminal, nothing when the CLI prints its own
 * messages.
 */
class LogFormatTest {

  @Test
  void resolve_explicitVariableWins_thenLambda_thenTheEntryPoint_thenTheTerminal() {
    assertThat(LogFormat.resolve(Map.of("SES_OPS_LOG_FORMAT", "json"), "off", true))
        .isEqualTo(LogFormat.JSON);
    assertThat(
            LogFormat.resolve(
                Map.of("SES_OPS_LOG_FORMAT", "Plain", "AWS_LAMBDA_FUNCTION_NAME", "f"),
                null,
                false))
        .isEqualTo(LogFormat.PLAIN);
    assertThat(LogFormat.resolve(Map.of("AWS_LAMBDA_FUNCTION_NAME", "monitor"), "off", true))
        .isEqualTo(LogFormat.JSON);
    assertThat(LogFormat.resolve(Map.of(), "off", true)).isEqualTo(LogFormat.OFF);
    assertThat(LogFormat.resolve(Map.of(), "plain", false)).isEqualTo(LogFormat.PLAIN);
    assertThat(LogFormat.resolve(Map.of(), null, true)).isEqualTo(LogFormat.PLAIN);
    assertThat(LogFormat.resolve(Map.of(), null, false)).isEqualTo(LogFormat.JSON);
    assertThat(LogFormat.resolve(Map.of("SES_OPS_LOG_FORMAT", "xml"), null, false))
        .isEqualTo(LogFormat.JSON);
  }

  @Test
  void plain_isOneLineOfText_andOff_writesNothing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    JsonLogger.Threshold t = JsonLogger.Threshold.fromEnv(Map.of());

    new JsonLogger("dev.sesops.api.SesOpsApi", t, LogFormat.PLAIN, ps)
        .info("GET {} -> {}", "/accounts", 200);
    new JsonLogger("dev.sesops.api.SesOpsApi", t, LogFormat.OFF, ps).error("never shown");

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(1);
    assertThat(text)
        .matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\S+ INFO  SesOpsApi: GET /accounts -> 200\\R")
        .doesNotContain("{");
  }
}
