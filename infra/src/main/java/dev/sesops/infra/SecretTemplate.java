package dev.sesops.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first value of a newly created config secret: the repo's template file, or a small built-in
 * one.
 */
public final class SecretTemplate {

  /**
   * Monitors only the account the stack runs in (no role_arn: the function's own role) in the
   * stack's Region, with cleanup in dry-run. {@code ${AWS::Region}} is replaced at synth time.
   */
  static final String BUILT_IN =
      """
            {
              "accounts": {
                "default": {
                  "region": "${AWS::Region}",
                  "description": "The account ses-ops is deployed in; replace with your accounts",
                  "verified_domains": [],
                  "verified_emails": []
                }
              },
              "monitoring": {
                "bounce_threshold": 5.0,
                "complaint_threshold": 0.1,
                "daily_send_limit_warning": 80.0,
                "renotify_hours": 24
              },
              "suppression_cleanup": {
                "reasons": { "BOUNCE": { "older_than_days": 90 } },
                "keep": [],
                "always_remove": [],
                "max_removals_per_run": 10000,
                "dry_run": true
              },
              "test_recipients": [],
              "test_emails": { "success": "success@simulator.amazonses.com" }
            }
            """;

  private SecretTemplate() {}

  /** The content of {@code file} if it exists, else {@link #BUILT_IN}. */
  public static String load(Path file) {
    if (!Files.isRegularFile(file)) {
      return BUILT_IN;
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read secret template " + file, e);
    }
  }
}
