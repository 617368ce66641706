package dev.sesops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuppressionCleanupPolicyValidationTest {
  private static String doc(String defaults, String account) {
    return """
        {"accounts": {"production": {"region": "us-east-1"%s}}, "suppression_cleanup": %s}
        """
        .formatted(account == null ? "" : ", \"suppression_cleanup\": " + account, defaults);
  }

  @Test
  void policy_withANegativeAge_isRejectedWithItsPath() {
    assertThatThrownBy(
            () ->
                ConfigParser.parse(
                    doc("{\"reasons\": {\"BOUNCE\": {\"older_than_days\": -1}}}", null)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "suppression_cleanup.reasons.BOUNCE.older_than_days: must be between 0 and 36500");
  }

  @Test
  void policy_withAnUnknownReason_isRejectedWithItsPath_inAnAccountOverride() {
    assertThatThrownBy(
            () ->
                ConfigParser.parse(
                    doc("{}", "{\"reasons\": {\"SPAM\": {\"older_than_days\": 5}}}")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "accounts.production.suppression_cleanup.reasons.SPAM: unknown reason");
  }

  @Test
  void policy_withMalformedPatterns_isRejectedWithTheirPaths() {
    ConfigException e =
        (ConfigException)
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    ConfigParser.parse(
                        doc(
                            "{\"keep\": [\"@@nope\", \"ok@example.com\"], \"always_remove\": [\"someone@example.com\", \"@bad domain\"]}",
                            null)));
    assertThat(e.problems())
        .contains(
            "suppression_cleanup.keep[0]: not a domain pattern (@example.com)",
            "suppression_cleanup.always_remove[0]: expected a domain (@example.com), not an address",
            "suppression_cleanup.always_remove[1]: not a domain pattern (@example.com)");
  }

  @Test
  void policy_limits_areValidated() {
    assertThatThrownBy(() -> ConfigParser.parse(doc("{\"max_removals_per_run\": 0}", null)))
        .hasMessageContaining("suppression_cleanup.max_removals_per_run");
    assertThatThrownBy(() -> ConfigParser.parse(doc("{\"dry_run\": \"no\"}", null)))
        .hasMessageContaining("suppression_cleanup.dry_run: expected true or false");
  }

  @Test
  void policy_defaults_andAccountOverrides_merge() {
    SesOpsConfig c =
        ConfigParser.parse(
            doc(
                "{\"keep\": [\"@bigcustomer.com\"], \"dry_run\": false}",
                "{\"max_removals_per_run\": 500}"));
    CleanupPolicy p = c.account("production").suppressionCleanup();
    assertThat(p.olderThanDays()).isEqualTo(Map.of("BOUNCE", 90));
    assertThat(p.keep()).isEqualTo(List.of("@bigcustomer.com"));
    assertThat(p.maxRemovalsPerRun()).isEqualTo(500);
    assertThat(p.dryRun()).isFalse();
    assertThat(p.bulkThreshold()).isEqualTo(50);
  }
}
