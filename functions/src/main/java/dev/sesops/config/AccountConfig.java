package dev.sesops.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * One SES account as the config document describes it.
 *
 * @param suppressionCleanup the effective cleanup policy: the document's default merged with this
 *     account's own {@code suppression_cleanup} block
 * @param awsAccountId the 12-digit AWS account id ({@code aws_account_id}), which maps SES events
 *     to this account; null when not configured
 * @param protection the effective protection policy: the document's {@code protection} block merged
 *     with this account's own
 */
public record AccountConfig(
    String name,
    String region,
    String description,
    String roleArn,
    String externalId,
    @JsonIgnore StaticKeys staticKeys,
    List<String> verifiedDomains,
    List<String> verifiedEmails,
    CleanupPolicy suppressionCleanup,
    String awsAccountId,
    ProtectionPolicy protection) {

  /** Without {@code aws_account_id} (optional: it maps SES events to this account). */
  public AccountConfig(
      String name,
      String region,
      String description,
      String roleArn,
      String externalId,
      StaticKeys staticKeys,
      List<String> verifiedDomains,
      List<String> verifiedEmails,
      CleanupPolicy suppressionCleanup) {
    this(
        name,
        region,
        description,
        roleArn,
        externalId,
        staticKeys,
        verifiedDomains,
        verifiedEmails,
        suppressionCleanup,
        null);
  }

  /** Without a protection block of its own: the defaults (off). */
  public AccountConfig(
      String name,
      String region,
      String description,
      String roleArn,
      String externalId,
      StaticKeys staticKeys,
      List<String> verifiedDomains,
      List<String> verifiedEmails,
      CleanupPolicy suppressionCleanup,
      String awsAccountId) {
    this(
        name,
        region,
        description,
        roleArn,
        externalId,
        staticKeys,
        verifiedDomains,
        verifiedEmails,
        suppressionCleanup,
        awsAccountId,
        ProtectionPolicy.defaults());
  }

  /** How the account authenticates, for reports (never the credentials themselves). */
  public enum CredentialKind {
    ROLE,
    STATIC_KEYS,
    DEFAULT_CHAIN
  }

  public CredentialKind credentialKind() {
    if (roleArn != null) {
      return CredentialKind.ROLE;
    }
    return staticKeys != null ? CredentialKind.STATIC_KEYS : CredentialKind.DEFAULT_CHAIN;
  }

  @Override
  public String toString() {
    return "AccountConfig[name="
        + name
        + ", region="
        + region
        + ", credentials="
        + credentialKind()
        + "]";
  }
}
