package dev.sesops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigParserTest {

  private static final String HELPER_FILE =
      """
      {
        "accounts": {
          "production": {
            "region": "us-east-1",
            "description": "Production SES account",
            "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
            "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "verified_domains": ["yourdomain.com"],
            "verified_emails": ["noreply@yourdomain.com"]
          },
          "staging": { "region": "us-west-2", "description": "Staging" }
        },
        "monitoring": { "bounce_threshold": 5.0, "complaint_threshold": 0.1, "daily_send_limit_warning": 80.0 },
        "test_emails": { "success": "success@simulator.amazonses.com", "bounce": "bounce@simulator.amazonses.com" },
        "some_future_key": { "ignored": true }
      }
      """;

  @Test
  void parse_acceptsTheHelpersFileUnchanged_andIgnoresUnknownKeys() {
    SesOpsConfig cfg = ConfigParser.parse(HELPER_FILE);

    assertThat(cfg.accounts()).containsOnlyKeys("production", "staging");
    AccountConfig prod = cfg.account("production");
    assertThat(prod.region()).isEqualTo("us-east-1");
    assertThat(prod.credentialKind()).isEqualTo(AccountConfig.CredentialKind.STATIC_KEYS);
    assertThat(prod.verifiedDomains()).containsExactly("yourdomain.com");
    assertThat(cfg.account("staging").credentialKind())
        .isEqualTo(AccountConfig.CredentialKind.DEFAULT_CHAIN);
    assertThat(cfg.monitoring().bounceWarning()).isEqualTo(2.5);
    assertThat(cfg.monitoring().complaintWarning()).isEqualTo(0.05);
    assertThat(cfg.monitoring().renotifyHours()).isEqualTo(24);
    assertThat(cfg.suppressionCleanup().dryRun()).isTrue();
    assertThat(cfg.suppressionCleanup().olderThanDays()).containsEntry("BOUNCE", 90);
  }

  @Test
  void parse_listsEveryProblemWithItsJsonPath() {
    String doc =
        """
        {"accounts": {
           "staging": {"description": "no region"},
           "prod": {"region": 42, "role_arn": "not-an-arn"},
           "bad name!": {"region": "us-east-1"}
         },
         "monitoring": {"bounce_threshold": 150, "complaint_threshold": "high"}}
        """;

    assertThatThrownBy(() -> ConfigParser.parse(doc))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "accounts.staging.region: missing",
                        "accounts.prod.region: expected a string, got a number",
                        "accounts.prod.role_arn: not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)",
                        "accounts: account name #3 must match [A-Za-z0-9_-]{1,64}",
                        "monitoring.complaint_threshold: expected a number, got a string")
                    .anyMatch(
                        p -> p.startsWith("monitoring.bounce_threshold: 150 is out of range")));
  }

  @Test
  void parse_neverEchoesSecretValues_inProblemsOrToString() {
    String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    String doc =
        """
        {"accounts": {"legacy": {"region": "eu-west-1", "aws_secret_access_key": "%s"},
                      "other": {"region": "eu-west-1", "aws_access_key_id": "lower-case-%s", "aws_secret_access_key": "%s"}}}
        """
            .formatted(secret, secret, secret);

    assertThatThrownBy(() -> ConfigParser.parse(doc))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.getMessage())
                  .doesNotContain(secret)
                  .contains("accounts.legacy.aws_access_key_id: missing");
              assertThat(e.problems())
                  .contains(
                      "accounts.other.aws_access_key_id: not an access key id (16-128 upper-case letters and digits)");
            });

    SesOpsConfig ok = ConfigParser.parse(HELPER_FILE);
    assertThat(ok.toString()).doesNotContain(secret).doesNotContain("AKIAIOSFODNN7EXAMPLE");
    assertThat(ok.account("production").staticKeys().secretAccessKey().toString())
        .isEqualTo("****");
  }

  @Test
  void parse_reportsMalformedJsonByPosition_withoutQuotingIt() {
    assertThatThrownBy(
            () ->
                ConfigParser.parse(
                    "{\"accounts\": {\"x\": {\"aws_secret_access_key\": \"s3cr3t\"  \"region\": 1}}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not valid JSON (line 1")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void parse_rejectsMissingOrEmptyAccounts() {
    assertThatThrownBy(() -> ConfigParser.parse("{}")).hasMessageContaining("accounts: missing");
    assertThatThrownBy(() -> ConfigParser.parse("{\"accounts\": {}}"))
        .hasMessageContaining("accounts: at least one account is required");
  }

  @Test
  void parse_rejectsWarningAboveThreshold() {
    assertThatThrownBy(
            () ->
                ConfigParser.parse(
                    """
        {"accounts": {"a": {"region": "us-east-1"}}, "monitoring": {"bounce_threshold": 5, "bounce_warning": 6}}"""))
        .hasMessageContaining("monitoring.bounce_warning: must not be above bounce_threshold");
  }

  @Test
  void parse_mergesPerAccountCleanupPolicyOverTheDefault() {
    SesOpsConfig cfg =
        ConfigParser.parse(
            """
        {"accounts": {"a": {"region": "us-east-1", "suppression_cleanup": {"dry_run": false}},
                      "b": {"region": "us-east-1"}},
         "suppression_cleanup": {"reasons": {"BOUNCE": {"older_than_days": 30}, "COMPLAINT": {"older_than_days": 365}},
                                 "keep": ["CEO@YourDomain.com", "@bigcustomer.com"], "always_remove": ["@test.yourdomain.com"]}}""");

    assertThat(cfg.account("a").suppressionCleanup().dryRun()).isFalse();
    assertThat(cfg.account("a").suppressionCleanup().olderThanDays())
        .containsEntry("BOUNCE", 30)
        .containsEntry("COMPLAINT", 365);
    assertThat(cfg.account("b").suppressionCleanup().dryRun()).isTrue();
    assertThat(cfg.account("b").suppressionCleanup().keep())
        .containsExactly("CEO@yourdomain.com".toLowerCase(), "@bigcustomer.com");
  }

  @Test
  void parse_rejectsBadCleanupPolicy_withPaths() {
    assertThatThrownBy(
            () ->
                ConfigParser.parse(
                    """
        {"accounts": {"a": {"region": "us-east-1"}},
         "suppression_cleanup": {"reasons": {"BOUNCE": {"older_than_days": -1}, "SPAM": {"older_than_days": 3}},
                                 "keep": ["not a pattern"], "always_remove": ["someone@x.com"]}}"""))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "suppression_cleanup.reasons.BOUNCE.older_than_days: must be between 0 and 36500",
                        "suppression_cleanup.reasons.SPAM: unknown reason (use BOUNCE or COMPLAINT)",
                        "suppression_cleanup.keep[0]: not an email address or domain pattern (@example.com)",
                        "suppression_cleanup.always_remove[0]: expected a domain (@example.com), not an address"));
  }

  @Test
  void select_namesUnknownAccounts() {
    SesOpsConfig cfg = ConfigParser.parse(HELPER_FILE);
    assertThat(cfg.select(java.util.List.of("staging")))
        .extracting(AccountConfig::name)
        .containsExactly("staging");
    assertThatThrownBy(() -> cfg.select(java.util.List.of("staging", "nope")))
        .hasMessageContaining("detail.accounts: unknown account(s) nope");
  }

  @Test
  void asciiDomain_convertsIdnAndRejectsGarbage() {
    assertThat(ConfigParser.asciiDomain("Bücher.example")).isEqualTo("xn--bcher-kva.example");
    assertThat(ConfigParser.asciiDomain("exa mple.com")).isNull();
    assertThat(ConfigParser.normalizeAddress("a+b@Example.COM")).isEqualTo("a+b@example.com");
    assertThat(ConfigParser.normalizeAddress("no-at-sign")).isNull();
  }

  @Test
  void asciiDomain_allAscii_isCheckedAsToAsciiWouldCheckIt() {
    assertThat(ConfigParser.asciiDomain("Mail.Example.COM.")).isEqualTo("mail.example.com");
    assertThat(ConfigParser.asciiDomain("xn--bcher-kva.example"))
        .isEqualTo("xn--bcher-kva.example");
    assertThat(ConfigParser.asciiDomain("-lead.example.com")).isNull();
    assertThat(ConfigParser.asciiDomain("trail-.example.com")).isNull();
    assertThat(ConfigParser.asciiDomain("under_score.example.com")).isNull();
    assertThat(ConfigParser.asciiDomain("a..example.com")).isNull();
    assertThat(ConfigParser.asciiDomain("x".repeat(64) + ".example.com")).isNull();
    assertThat(ConfigParser.asciiDomain("x".repeat(63) + ".example.com"))
        .isEqualTo("x".repeat(63) + ".example.com");
    assertThat(ConfigParser.asciiDomain("localhost")).isNull();
  }
}
