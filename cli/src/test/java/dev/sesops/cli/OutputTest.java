package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Output formats, colour on a terminal only, NO_COLOR, and the defaults by terminal. */
class OutputTest {
  private static final String REPORT =
      "{\"account\":\"production\",\"level\":\"CRITICAL\",\"signals\":[{\"check\":\"quota\",\"level\":\"OK\"}]}";

  private static String print(Output o) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    o.print(Json.read(REPORT), new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onATerminal_tablesInColour_unlessNoColor() {
    assertThat(print(Output.of(null, false, null, true, Map.of())))
        .contains("\u001b[31mCRITICAL\u001b[0m", "\u001b[1mCHECK");
    assertThat(print(Output.of(null, false, null, true, Map.of("NO_COLOR", "1"))))
        .doesNotContain("\u001b[")
        .contains("CRITICAL");
    assertThat(print(Output.of(null, false, null, true, Map.of("TERM", "dumb"))))
        .doesNotContain("\u001b[");
  }

  @Test
  void notATerminal_jsonByDefault_neverColour() {
    Output o = Output.of(null, false, null, false, Map.of());
    assertThat(o.format()).isEqualTo(Output.Format.JSON);
    assertThat(o.explicit()).isFalse();
    assertThat(print(Output.of("table", false, null, false, Map.of()))).doesNotContain("\u001b[");
  }

  @Test
  void query_thenFormat() {
    assertThat(print(Output.of("text", false, "signals[].check", true, Map.of())))
        .isEqualTo("quota\n");
    assertThat(print(Output.of("json", false, "level", true, Map.of())))
        .isEqualTo("\"CRITICAL\"\n");
    assertThat(print(Output.of("yaml", false, "signals[0]", true, Map.of())))
        .isEqualTo("check: quota\nlevel: OK\n");
  }

  @Test
  void contradictionsAndUnknownFormats_areUsageErrors() {
    assertThatThrownBy(() -> Output.of("yaml", true, null, true, Map.of()))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> Output.of("xml", false, null, true, Map.of()))
        .hasMessage("--output must be table, json, yaml or text");
    assertThatThrownBy(() -> Output.of(null, false, "[[", true, Map.of()))
        .hasMessageStartingWith("--query is not a JMESPath expression");
  }
}
