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
    // AssumeRole, and the caller's identity on the API's sessions
    assertThat(statements.asArray()).hasSize(2);
    template.hasResourceProperties(
        "AWS::IAM::Role",
        Map.of(
            "AssumeRolePolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
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
                                    List.of(
                                        "", Match.arrayWith(List.of(":iam::999988887777:root"))))),
                            "Condition",
                            Map.of(
                                "StringEquals", Map.of("sts:ExternalId", "ses-ops-ext-1"),
                                // only the ses-ops function roles (their IAM path), not anything in
                                // the
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
                                                    ":iam::999988887777:role/ses-ops/*")))))))))));
  }

  @Test
  void memberRole_letsOnlyTheOpsAccountsFunctionRolesSetTheCallersSourceIdentity() {
    List<Map<String, Object>> trust = trust();
    Map<String, Object> caller =
        trust.stream()
            .filter(st -> "sts:SetSourceIdentity".equals(st.get("Action")))
            .findFirst()
            .orElseThrow();
    assertThat(caller.get("Effect")).isEqualTo("Allow");
    assertThat(caller.get("Principal").toString()).contains(":iam::999988887777:root");
    assertThat(caller.get("Condition").toString())
        .contains("aws:PrincipalArn")
        .contains(":iam::999988887777:role/ses-ops/*");
    // no statement lets anyone else in, nor tag sessions
    assertThat(trust)
        .allSatisfy(
            st ->
                assertThat(st.get("Action").toString())
                    .isIn("sts:AssumeRole", "sts:SetSourceIdentity"))
        .allSatisfy(st -> assertThat(st.get("Condition").toString()).contains("role/ses-ops/*"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> memberRole() {
    return (Map<String, Object>)
        template
            .findResources(
                "AWS::IAM::Role", Map.of("Properties", Map.of("RoleName", "ses-ops-member")))
            .values()
            .iterator()
            .next()
            .get("Properties");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> trust() {
    return (List<Map<String, Object>>)
        ((Map<String, Object>) memberRole().get("AssumeRolePolicyDocument")).get("Statement");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> policyStatements(Map<String, Object> role) {
    Map<String, Object> policy = ((List<Map<String, Object>>) role.get("Policies")).get(0);
    return (List<Map<String, Object>>)
        ((Map<String, Object>) policy.get("PolicyDocument")).get("Statement");
  }

  static List<String> actionsOf(Map<String, Object> statement) {
    Object a = statement.get("Action");
    return a instanceof List<?> l
        ? l.stream().map(Object::toString).toList()
        : List.of(a.toString());
  }

  @Test
  void memberRole_allowsExactlyTheSesActionsOfAllFunctions() {
    List<String> ses =
        policyStatements(memberRole()).stream()
            .filter(st -> st.get("Sid").toString().startsWith("SesActions"))
            .flatMap(st -> actionsOf(st).stream())
            .toList();
    assertThat(ses).containsExactlyInAnyOrderElementsOf(SesPermissions.API);
    assertThat(SesPermissions.API)
        .containsAll(SesPermissions.MONITOR)
        .containsAll(SesPermissions.AUDIT)
        .containsAll(SesPermissions.CLEANUP)
        .containsAll(SesPermissions.API_ONLY)
        .doesNotHaveDuplicates();
  }

  @Test
  void memberRole_grantsNoWriteThatSupportsAResourceTypeOnStar_onlyOnThisAccountsOwnResources() {
    List<Map<String, Object>> statements = policyStatements(memberRole());
    for (Map<String, Object> st : statements) {
      if ("*".equals(st.get("Resource"))) {
        assertThat(actionsOf(st))
            .as(st.get("Sid").toString())
            .doesNotContainAnyElementsOf(SesPermissions.SCOPED_WRITES.keySet());
      }
    }
    Map<String, Object> eventDestinations =
        statements.stream()
            .filter(st -> actionsOf(st).contains("ses:CreateConfigurationSetEventDestination"))
            .findFirst()
            .orElseThrow();
    assertThat(eventDestinations.get("Resource").toString())
        .contains("AWS::Partition")
        .contains(":ses:*:")
        .contains("AWS::AccountId")
        .contains(":configuration-set/*")
        .doesNotContain("identity/*");
    Map<String, Object> send =
        statements.stream()
            .filter(st -> actionsOf(st).contains("ses:SendEmail"))
            .findFirst()
            .orElseThrow();
    assertThat(actionsOf(send)).containsExactly("ses:SendEmail");
    assertThat(send.get("Resource").toString())
        .contains(":identity/*")
        .contains(":configuration-set/*");
    // account-level reads and writes with no resource type stay on "*"
    assertThat(
            statements.stream()
                .filter(st -> "*".equals(st.get("Resource")))
                .flatMap(st -> actionsOf(st).stream()))
        .contains("ses:GetAccount", "ses:DeleteSuppressedDestination", "ses:CreateImportJob");
  }

  @Test
  void memberRole_mayReadTheAccountsReputationMetrics_andNothingElseBeyondSes() {
    List<String> all =
        policyStatements(memberRole()).stream().flatMap(st -> actionsOf(st).stream()).toList();
    assertThat(all).contains("cloudwatch:GetMetricData");
    assertThat(all)
        .allSatisfy(
            a -> assertThat(a.startsWith("ses:") || a.equals("cloudwatch:GetMetricData")).isTrue());
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
