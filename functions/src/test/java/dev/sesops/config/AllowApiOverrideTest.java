package dev.sesops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AllowApiOverrideTest {
  @Test
  void allowApiOverride_defaultsToFalse_andIsReadPerAccount() {
    SesOpsConfig c =
        ConfigParser.parse(
            """
        {"accounts": {"a": {"region": "us-east-1"},
                      "b": {"region": "us-east-1", "suppression_cleanup": {"allow_api_override": true}}}}""");

    assertThat(c.account("a").suppressionCleanup().allowApiOverride()).isFalse();
    assertThat(c.account("b").suppressionCleanup().allowApiOverride()).isTrue();
    assertThat(c.account("b").suppressionCleanup().dryRun()).isTrue();
  }

  @Test
  void allowApiOverride_thatIsNotABoolean_isRejectedWithItsJsonPath() {
    assertThatThrownBy(
            () ->
                ConfigParser.parse(
                    """
        {"accounts": {"a": {"region": "us-east-1"}}, "suppression_cleanup": {"allow_api_override": "yes"}}"""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("suppression_cleanup.allow_api_override: expected true or false");
  }
}
