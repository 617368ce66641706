package dev.sesops.protection;

import dev.sesops.config.AccountConfig;
import dev.sesops.core.Scope;

/** The exact commands that undo a pause, written into the action log and the alert. */
final class Commands {
  private Commands() {}

  /** {@code ses-ops resume shop --configuration-set marketing}. */
  static String resume(String account, Scope scope) {
    return "ses-ops resume " + account + " " + scope.cliFlag();
  }

  /**
   * The AWS CLI call that puts the switch back as it was before (enabled, unless {@code before}
   * says otherwise).
   */
  static String awsUndo(AccountConfig account, Scope scope, ScopeState before) {
    String region = " --region " + account.region();
    return switch (scope.kind()) {
      case CONFIGURATION_SET ->
          "aws sesv2 put-configuration-set-sending-options --configuration-set-name "
              + scope.name()
              + " --sending-enabled"
              + region;
      case TENANT ->
          "aws sesv2 update-reputation-entity-customer-managed-status --reputation-entity-type RESOURCE"
              + " --reputation-entity-reference "
              + (before != null && before.tenantArn() != null ? before.tenantArn() : "TENANT_ARN")
              + " --sending-status "
              + (before != null
                      && before.customerManagedStatus() != null
                      && !"DISABLED".equals(before.customerManagedStatus())
                  ? before.customerManagedStatus()
                  : "ENABLED")
              + region;
      case ACCOUNT -> "aws sesv2 put-account-sending-attributes --sending-enabled" + region;
      default -> throw new IllegalArgumentException(scope.kind().id() + " cannot be paused");
    };
  }
}
