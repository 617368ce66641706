package dev.sesops.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What Settings reads of the process besides the functions' settings: Lambda or not, the local
 * timeout.
 */
class SettingsProcessTest {
  @Test
  void inLambda_whenTheRuntimeNamesTheFunction() {
    assertThat(Settings.inLambda(Map.of("AWS_LAMBDA_FUNCTION_NAME", "ses-ops-monitor"))).isTrue();
    assertThat(Settings.inLambda(Map.of())).isFalse();
  }

  @Test
  void localTimeout_defaultsToLambdasLimit_andTakesWholeSeconds() {
    assertThat(Settings.localTimeout(Map.of())).isEqualTo(Duration.ofSeconds(900));
    assertThat(Settings.localTimeout(Map.of("SES_OPS_LOCAL_TIMEOUT_SECONDS", " 60 ")))
        .isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void localTimeout_thatIsNotAPositiveNumber_namesTheVariable() {
    assertThatThrownBy(() -> Settings.localTimeout(Map.of("SES_OPS_LOCAL_TIMEOUT_SECONDS", "ten")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("SES_OPS_LOCAL_TIMEOUT_SECONDS");
    assertThatThrownBy(() -> Settings.localTimeout(Map.of("SES_OPS_LOCAL_TIMEOUT_SECONDS", "0")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("at least 1");
  }
}
