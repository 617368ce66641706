package dev.sesops.infra;

import dev.sesops.permissions.SesPermissions;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.IConstruct;

/**
 * SES grants as IAM statements: the writes IAM authorizes on a resource type ({@link
 * SesPermissions#SCOPED_WRITES}) on the account's own resources ({@code
 * arn:PARTITION:ses:*:ACCOUNT:configuration-set/*}, ...), every other action on "*" (issue 26).
 * Used for the ops-account function roles and the member role alike: in each, the account is the
 * stack's own.
 */
final class SesGrants {
  private SesGrants() {}

  /**
   * {@code actions} as statements {@code sid}, {@code sid}Scoped1, ... ({@link
   * SesPermissions#scoped}).
   */
  static List<PolicyStatement> statements(String sid, List<String> actions) {
    return SesPermissions.scoped(sid, actions).stream()
        .map(
            st ->
                PolicyStatement.Builder.create()
                    .sid(st.sid())
                    .actions(st.actions())
                    .resources(
                        st.anywhere()
                            ? List.of("*")
                            : st.paths().stream().map(SesGrants::arn).toList())
                    .build())
        .toList();
  }

  /** A resource path of this stack's account, in every Region. */
  static String arn(String path) {
    return "arn:" + Aws.PARTITION + ":ses:*:" + Aws.ACCOUNT_ID + ":" + path;
  }

  /** The cdk-nag note for the scoped statements' wildcards on {@code role}. */
  static void suppressScopedWildcards(IConstruct role) {
    NagSuppressions.addResourceSuppressions(
        role,
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-IAM5",
                List.of(
                    RegexAppliesTo.builder()
                        .regex(
                            "/^Resource::arn:<AWS::Partition>:ses:\\*:<AWS::AccountId>:"
                                + "(configuration-set|identity|reputation-entity)\\/\\*$/")
                        .build()),
                "SES writes that support resource-level permissions are limited to this account's own "
                    + "configuration sets, identities and reputation entities; which ones is data (the "
                    + "config, the scope being paused), not known at deploy time.")),
        true);
  }
}
