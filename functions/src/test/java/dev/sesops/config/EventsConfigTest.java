package dev.sesops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventsConfigTest {
  private static SesOpsConfig parse(String accountExtra, String monitoring) {
    return ConfigParser.parse(
        "{\"accounts\": {\"production\": {\"region\": \"us-east-1\""
            + accountExtra
            + "}}"
            + (monitoring == null ? "" : ", \"monitoring\": " + monitoring)
            + "}");
  }

  @Test
  void awsAccountId_isReadAndOptional() {
    assertThat(
            parse(", \"aws_account_id\": \"111122223333\"", null)
                .account("production")
                .awsAccountId())
        .isEqualTo("111122223333");
    assertThat(parse("", null).account("production").awsAccountId()).isNull();
  }

  @Test
  void awsAccountId_notTwelveDigits_isRejectedWithItsPath() {
    assertThatThrownBy(() -> parse(", \"aws_account_id\": \"1234\"", null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "accounts.production.aws_account_id: must be a 12-digit AWS account id");
  }

  @Test
  void scopes_defaultToPostHogsRules() {
    ScopeLevels s = parse("", null).monitoring().scopes();

    assertThat(s.rule("configuration-set:x", "bounce_rate", "1h"))
        .isEqualTo(new ScopeLevels.RateRule(5.0, 10.0, 200, 20));
    assertThat(s.rule("configuration-set:x", "bounce_rate", "24h"))
        .isEqualTo(new ScopeLevels.RateRule(2.5, 5.0, 1000, 50));
    assertThat(s.rule("configuration-set:x", "complaint_rate", "1h"))
        .isEqualTo(new ScopeLevels.RateRule(0.5, 1.0, 200, 5));
    assertThat(s.rule("configuration-set:x", "complaint_rate", "24h"))
        .isEqualTo(new ScopeLevels.RateRule(0.15, 0.3, 1000, 10));
  }

  @Test
  void scopes_overridePartlyAndPerScope() {
    ScopeLevels s =
        parse(
                "",
                """
        {"scopes": {"bounce_rate": {"1h": {"critical": 8}},
                    "overrides": {"configuration-set:transactional": {"bounce_rate": {"1h": {"warning": 1, "critical": 2, "min_sends": 50}}}}}}""")
            .monitoring()
            .scopes();

    assertThat(s.rule("configuration-set:other", "bounce_rate", "1h"))
        .isEqualTo(new ScopeLevels.RateRule(5.0, 8.0, 200, 20));
    assertThat(s.rule("configuration-set:transactional", "bounce_rate", "1h"))
        .isEqualTo(new ScopeLevels.RateRule(1, 2, 50, 20));
    assertThat(s.rule("configuration-set:transactional", "complaint_rate", "1h"))
        .isEqualTo(new ScopeLevels.RateRule(0.5, 1.0, 200, 5));
  }

  @Test
  void scopes_badValues_areRejectedWithTheirPaths() {
    assertThatThrownBy(
            () ->
                parse(
                    "",
                    """
        {"scopes": {"bounce_rate": {"2h": {}, "1h": {"warning": 20, "critical": 10, "min_sends": "x"}},
                    "open_rate": {}, "overrides": {"campaign:x": {}}}}"""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("monitoring.scopes.bounce_rate.2h: unknown window (use 1h or 24h)")
        .hasMessageContaining(
            "monitoring.scopes.bounce_rate.1h.warning: must not be above critical")
        .hasMessageContaining("monitoring.scopes.bounce_rate.1h.min_sends: expected a number")
        .hasMessageContaining("monitoring.scopes.open_rate: unknown check")
        .hasMessageContaining("monitoring.scopes.overrides: 'campaign:x' is not a scope");
  }
}
