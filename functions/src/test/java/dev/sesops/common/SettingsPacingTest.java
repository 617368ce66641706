package dev.sesops.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SES_OPS_SES_CALLS_PER_SECOND (per operation) and SES_OPS_SES_ACCOUNT_CALLS_PER_SECOND (the
 * ceiling).
 */
class SettingsPacingTest {
  @Test
  void unset_meansOnePerOperation_andTwentyPerAccount() {
    Settings s = Settings.fromEnv(Map.of());

    assertThat(s.sesCallsPerSecond()).isEqualTo(1.0);
    assertThat(s.sesAccountCallsPerSecond()).isEqualTo(20.0);
  }

  @Test
  void aLiftedPerOperationRate_liftsTheDefaultCeilingWithIt() {
    Settings s = Settings.fromEnv(Map.of("SES_OPS_SES_CALLS_PER_SECOND", "50"));

    assertThat(s.sesCallsPerSecond()).isEqualTo(50.0);
    assertThat(s.sesAccountCallsPerSecond()).isEqualTo(50.0);
  }

  @Test
  void anExplicitCeiling_isKept() {
    Settings s =
        Settings.fromEnv(
            Map.of(
                "SES_OPS_SES_CALLS_PER_SECOND", "2", "SES_OPS_SES_ACCOUNT_CALLS_PER_SECOND", "5"));

    assertThat(s.sesAccountCallsPerSecond()).isEqualTo(5.0);
  }

  @Test
  void aCeilingThatIsNotAPositiveNumber_namesItsVariable() {
    assertThatThrownBy(
            () -> Settings.fromEnv(Map.of("SES_OPS_SES_ACCOUNT_CALLS_PER_SECOND", "fast")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("SES_OPS_SES_ACCOUNT_CALLS_PER_SECOND");
    assertThatThrownBy(() -> Settings.fromEnv(Map.of("SES_OPS_SES_ACCOUNT_CALLS_PER_SECOND", "0")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("between 0 and 1000");
    assertThatThrownBy(() -> Settings.fromEnv(Map.of("SES_OPS_SES_CALLS_PER_SECOND", "-1")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("SES_OPS_SES_CALLS_PER_SECOND");
  }
}
