package dev.sesops.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.permissions.SesPermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class SesOpsMemberRoleStackTest {

  static SesOpsMemberRoleStack stack;
  static Template template;

  @BeforeAll
  static void synthesizeOnce() {
    App app = StackFixtures.appWithNag();
    stack =
        new SesOpsMemberRoleStack(
            app,
            "SesOpsMemberRole",
            StackFixtures.PROPS,
            new SesOpsMemberRoleStack.Settings("999988887777", "ses-ops-ext-1", null));
    template = Template.fromStack(stack);
  }

  @Test
  void memberRole_trustsOnlyTheOpsAccountsFunctionRoles_withTheExternalId() {
    // the member role, and the role EventBridge uses to forward SES events to the ops bus
    template.resourceCountIs("AWS::IAM::Role", 2);
    template.hasResourceProperties(
        "AWS::IAM::Role",
        Map.of(
            "AssumeRolePolicyDocument",
            Map.of(
                "Statement",
                List.of(
                    Match.objectLike(
                        Map.of("Principal", Map.of("Service", "events.amazonaws.com")))))));
    Capture statements = new Capture();
    template.hasResourceProperties(
        "AWS::IAM::Role",
        Map.of(
            "RoleName",
            "ses-ops-member",
            "AssumeRolePolicyDocument",
            Map.of("Statement", statements)));
    assertThat(statements.asArray()).hasSize(1);
    template.hasResourceProperties(
        "AWS::IAM::Role",
        Map.of(
            "AssumeRolePolicyDocument",
            Map.of(
                "Statement",
                List.of(
                    Map.of(
                        "Effect",
                        "Allow",
                        "Action",
                        "sts:AssumeRole",
                        "Principal",
                        Map.of(
                            "AWS",
                            Map.of(
                                "Fn::Join",
                                List.of("", Match.arrayWith(List.of(":iam::999988887777:root"))))),
                        "Condition",
                        Map.of(
                            "StringEquals", Map.of("sts:ExternalId", "ses-ops-ext-1"),
                            // only the ses-ops function roles (their IAM path), not anything in the
                            // ops account
                            "ArnLike",
                                Map.of(
                                    "aws:PrincipalArn",
                                    Map.of(
                                        "Fn::Join",
                                        List.of(
                                            "",
                                            List.of(
                                                "arn:",
                                                Map.of("Ref", "AWS::Partition"),
                                                ":iam::999988887777:role/ses-ops/*"))))))))));
  }

  @Test
  void memberRole_allowsExactlyTheSesActionsOfAllFunctions() {
    Capture actions = new Capture();
    template.hasResourceProperties(
        "AWS::IAM::Role",
        Map.of(
            "Policies",
            List.of(
                Map.of(
                    "PolicyName",
                    "ses-ops",
                    "PolicyDocument",
                    Match.objectLike(
                        Map.of(
                            "Statement",
                            Match.arrayWith(
                                List.of(
                                    Match.objectLike(
                                        Map.of(
                                            "Sid",
                                            "SesActions",
                                            "Resource",
                                            "*",
                                            "Action",
                                            actions))))))))));
    assertThat(actions.asArray()).containsExactlyInAnyOrderElementsOf(SesPermissions.API);
    assertThat(SesPermissions.API)
        .containsAll(SesPermissions.MONITOR)
        .containsAll(SesPermissions.AUDIT)
        .containsAll(SesPermissions.CLEANUP)
        .containsAll(SesPermissions.API_ONLY)
        .doesNotHaveDuplicates();
  }

  @Test
  void memberRole_mayReadTheAccountsReputationMetrics_andNothingElseBeyondSes() {
    Capture statements = new Capture();
    template.hasResourceProperties(
        "AWS::IAM::Role",
        Map.of(
            "Policies",
            List.of(
                Map.of(
                    "PolicyName",
                    "ses-ops",
                    "PolicyDocument",
                    Match.objectLike(Map.of("Statement", statements))))));
    assertThat(statements.asArray()).hasSize(2);
    assertThat(statements.asArray().get(1).toString()).contains("cloudwatch:GetMetricData");
  }

  @Test
  void settings_rejectAMissingOrMalformedOpsAccount_andAMissingExternalId() {
    assertThatThrownBy(() -> new SesOpsMemberRoleStack.Settings("12345", "x", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("opsAccountId");
    assertThatThrownBy(() -> new SesOpsMemberRoleStack.Settings(null, "x", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("opsAccountId");
    assertThatThrownBy(() -> new SesOpsMemberRoleStack.Settings("999988887777", " ", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("externalId");
  }

  @Test
  void awsSolutionsChecks_reportNoUnsuppressedErrors() {
    assertThat(StackFixtures.unsuppressedNagErrors(stack)).isEmpty();
  }

  @Test
  void memberAccount_forwardsAwsSesEventsFromItsDefaultBus_toTheOpsBus() {
    Capture arn = new Capture();
    template.hasResourceProperties(
        "AWS::Events::Rule",
        Match.objectLike(
            Map.of(
                "EventPattern", Map.of("source", List.of("aws.ses")),
                "Targets",
                    List.of(Match.objectLike(Map.of("Arn", arn, "RoleArn", Match.anyValue()))))));
    assertThat(arn.asObject().toString()).contains(":999988887777:event-bus/ses-ops-events");
  }
}
