package dev.sesops.infra;

import dev.sesops.permissions.SesPermissions;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The role ses-ops assumes in a member account: trusts the ops account with an external id, and
 * allows only the SES actions the functions call (plus reading the account's SES metrics).
 */
public class SesOpsMemberRoleStack extends Stack {

  public static final String DEFAULT_ROLE_NAME = "ses-ops-member";
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  private final Role role;

  public SesOpsMemberRoleStack(Construct scope, String id, StackProps props, Settings settings) {
    super(scope, id, props);
    Objects.requireNonNull(settings, "settings");
    role =
        Role.Builder.create(this, "MemberRole")
            .roleName(settings.roleName())
            .description(
                "Lets ses-ops (account " + settings.opsAccountId() + ") run SES operations here")
            // the ops account's ses-ops function roles only (their IAM path), and the external id
            // still
            .assumedBy(
                new AccountPrincipal(settings.opsAccountId())
                    .withConditions(
                        Map.of(
                            "StringEquals", Map.of("sts:ExternalId", settings.externalId()),
                            "ArnLike", Map.of("aws:PrincipalArn", functionRoles(settings)))))
            .maxSessionDuration(Duration.hours(1))
            .inlinePolicies(
                Map.of(
                    "ses-ops",
                    PolicyDocument.Builder.create()
                        .statements(memberStatements(settings.protection()))
                        .build()))
            .build();
    // the API names its caller on its session (STS SourceIdentity): allowed for the same function
    // roles only; the external id is AssumeRole's condition, the session cannot exist without it
    role.getAssumeRolePolicy()
        .addStatements(
            PolicyStatement.Builder.create()
                .sid("SesOpsCallerIdentity")
                .principals(List.of(new AccountPrincipal(settings.opsAccountId())))
                .actions(List.of("sts:SetSourceIdentity"))
                .conditions(Map.of("ArnLike", Map.of("aws:PrincipalArn", functionRoles(settings))))
                .build());
    SesGrants.suppressScopedWildcards(role);
    NagSuppressions.addResourceSuppressions(
        role,
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-IAM5",
                "SES account-level actions (GetAccount, suppression list, import jobs) and "
                    + "cloudwatch:GetMetricData do not support resource-level permissions; the actions "
                    + "are listed one by one (SesPermissions.MEMBER).")));
    forwardSesEvents(settings.opsAccountId());
    CfnOutput.Builder.create(this, "MemberRoleArn")
        .description("Put this in the ses-ops config as the account's role_arn")
        .value(role.getRoleArn())
        .build();
  }

  public Role role() {
    return role;
  }

  /** The ops account's ses-ops function roles: their IAM path. */
  private static String functionRoles(Settings settings) {
    return "arn:"
        + Aws.PARTITION
        + ":iam::"
        + settings.opsAccountId()
        + ":role"
        + SesOpsStack.FUNCTION_ROLE_PATH
        + "*";
  }

  /**
   * The SES actions of every function ({@link SesPermissions#MEMBER}, with the switches when
   * protection is on), the writes that support it on this account's own resources ({@link
   * SesGrants}), and the reputation metrics.
   */
  private static List<PolicyStatement> memberStatements(boolean protection) {
    List<PolicyStatement> out =
        new java.util.ArrayList<>(
            SesGrants.statements(
                "SesActions",
                protection ? SesPermissions.MEMBER_WITH_PROTECTION : SesPermissions.MEMBER));
    out.add(
        PolicyStatement.Builder.create()
            .sid("ReadReputationMetrics")
            // AWS/SES reputation metrics live in this account's CloudWatch.
            .actions(SesPermissions.METRICS)
            .resources(List.of("*"))
            .build());
    return out;
  }

  /**
   * A rule on this account's default bus (where SES publishes sending events, sending status and
   * advisor events) forwarding {@code aws.ses} to the ops account's {@code ses-ops-events} bus in
   * the same Region. Off with context {@code forwardSesEvents=false}; another bus with {@code
   * opsEventBusArn}.
   */
  private void forwardSesEvents(String opsAccountId) {
    Object off = getNode().tryGetContext("forwardSesEvents");
    if (off != null && "false".equalsIgnoreCase(off.toString().trim())) {
      return;
    }
    Object arn = getNode().tryGetContext("opsEventBusArn");
    String busArn =
        arn != null && !arn.toString().isBlank()
            ? arn.toString().trim()
            : "arn:"
                + Aws.PARTITION
                + ":events:"
                + Aws.REGION
                + ":"
                + opsAccountId
                + ":event-bus/"
                + EventsPipeline.BUS_NAME;
    Rule.Builder.create(this, "ForwardSesEvents")
        .description(
            "ses-ops: forward SES events to the ops account's " + EventsPipeline.BUS_NAME + " bus")
        .eventPattern(EventPattern.builder().source(List.of("aws.ses")).build())
        .targets(
            List.of(
                new software.amazon.awscdk.services.events.targets.EventBus(
                    software.amazon.awscdk.services.events.EventBus.fromEventBusArn(
                        this, "OpsEventBus", busArn))))
        .build();
  }

  /**
   * Who may assume the role, under which name it is created, and whether ses-ops may flip this
   * account's SES sending switches (context {@code protectionEnabled}; false by default).
   */
  public record Settings(
      String opsAccountId, String externalId, String roleName, boolean protection) {
    public Settings(String opsAccountId, String externalId, String roleName) {
      this(opsAccountId, externalId, roleName, false);
    }

    public Settings {
      if (opsAccountId == null || !ACCOUNT_ID.matcher(opsAccountId.trim()).matches()) {
        throw new IllegalArgumentException(
            "context opsAccountId: expected the 12-digit ses-ops account id, got '"
                + opsAccountId
                + "'");
      }
      opsAccountId = opsAccountId.trim();
      if (externalId == null || externalId.isBlank()) {
        throw new IllegalArgumentException(
            "context externalId: required for the member role stack");
      }
      externalId = externalId.trim();
      roleName = roleName == null || roleName.isBlank() ? DEFAULT_ROLE_NAME : roleName.trim();
    }
  }
}
