package dev.sesops.audit;

import dev.sesops.config.AccountConfig;
import dev.sesops.config.StaticKeys;
import dev.sesops.ses.AccountStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks on the account itself (SES v2 GetAccount) and on how ses-ops reaches it. */
final class AccountChecks {
  private AccountChecks() {}

  static List<Finding> status(String account, AccountStatus s) {
    List<Finding> out = new ArrayList<>();
    if (!Boolean.TRUE.equals(s.sendingEnabled())) {
      out.add(
          new Finding(
              "account.sending_disabled",
              Severity.CRITICAL,
              account,
              "account",
              "Sending is disabled for the account",
              "Find out why (enforcement, a manual pause), fix the cause, then re-enable sending (SES v2 PutAccountSendingAttributes).",
              Map.of("sending_enabled", String.valueOf(s.sendingEnabled()))));
    }
    String enforcement = s.enforcementStatus();
    if (!"HEALTHY".equals(enforcement)) {
      boolean shutdown = "SHUTDOWN".equals(enforcement);
      boolean probation = "PROBATION".equals(enforcement);
      out.add(
          new Finding(
              "account.enforcement_status",
              shutdown ? Severity.CRITICAL : Severity.HIGH,
              account,
              "account",
              probation
                  ? "The account is under review (PROBATION)"
                  : shutdown
                      ? "The account is shut down (SHUTDOWN)"
                      : "The account's enforcement status is unknown",
              "Read the notice in the SES console's reputation dashboard, bring bounce and complaint rates down, and answer AWS's review.",
              Map.of("enforcement_status", enforcement == null ? "absent" : clip(enforcement))));
    }
    if (!Boolean.TRUE.equals(s.productionAccessEnabled())) {
      out.add(
          new Finding(
              "account.sandbox",
              Severity.MEDIUM,
              account,
              "account",
              "The account is in the SES sandbox",
              "Request production access (SES v2 PutAccountDetails) before sending to unverified recipients.",
              Map.of("production_access_enabled", String.valueOf(s.productionAccessEnabled()))));
    }
    List<String> reasons = s.suppressedReasons() == null ? List.of() : s.suppressedReasons();
    if (!reasons.contains("BOUNCE") || !reasons.contains("COMPLAINT")) {
      out.add(
          new Finding(
              "account.suppression_incomplete",
              Severity.MEDIUM,
              account,
              "account",
              "The account-level suppression list does not suppress both bounces and complaints",
              "Enable both reasons (SES v2 PutAccountSuppressionAttributes --suppressed-reasons BOUNCE COMPLAINT).",
              Map.of("suppressed_reasons", String.join(",", reasons))));
    }
    return out;
  }

  static List<Finding> credentials(AccountConfig a) {
    if (a.credentialKind() != AccountConfig.CredentialKind.STATIC_KEYS || a.roleArn() != null) {
      return List.of();
    }
    return List.of(
        new Finding(
            "credentials.static_keys",
            Severity.MEDIUM,
            a.name(),
            "config:accounts." + a.name(),
            "The account is reached with long-lived access keys",
            "Create an IAM role in the account that trusts the ses-ops function, set role_arn (and external_id), "
                + "remove aws_access_key_id/aws_secret_access_key from the config, then deactivate the keys.",
            Map.of("access_key_id", StaticKeys.mask(a.staticKeys().accessKeyId()))));
  }

  static String clip(String s) {
    String clean = s.replaceAll("[^A-Za-z0-9_-]", "?");
    return clean.length() > 32 ? clean.substring(0, 32) : clean;
  }
}
