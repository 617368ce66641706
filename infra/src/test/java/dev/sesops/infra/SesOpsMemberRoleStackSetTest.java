package dev.sesops.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Template;

class SesOpsMemberRoleStackSetTest {
  private static SesOpsMemberRoleStackSet stack;
  private static Template template;

  @BeforeAll
  static void synthesizeOnce() {
    App app = StackFixtures.appWithNag();
    stack =
        new SesOpsMemberRoleStackSet(
            app,
            "SesOpsMemberRoleStackSet",
            StackFixtures.PROPS,
            new SesOpsMemberRoleStack.Settings("999988887777", "ses-ops-ext-1", "ses-ops-member"),
            List.of("ou-ab12-cdef3456", "ou-ab12-99998888"),
            List.of("us-east-1"));
    template = Template.fromStack(stack);
  }

  @Test
  void stackSet_isServiceManaged_withAutomaticDeploymentToTheOus() {
    template.hasResourceProperties(
        "AWS::CloudFormation::StackSet",
        Map.of(
            "PermissionModel", "SERVICE_MANAGED",
            "AutoDeployment", Map.of("Enabled", true, "RetainStacksOnAccountRemoval", false),
            "Capabilities", List.of("CAPABILITY_NAMED_IAM"),
            "StackInstancesGroup",
                List.of(
                    Map.of(
                        "DeploymentTargets",
                            Map.of(
                                "OrganizationalUnitIds",
                                List.of("ou-ab12-cdef3456", "ou-ab12-99998888")),
                        "Regions", List.of("us-east-1")))));
  }

  @Test
  void stackSetTemplate_isTheMemberRole_trustingTheOpsAccountWithTheExternalId() throws Exception {
    Capture body = new Capture();
    template.hasResourceProperties("AWS::CloudFormation::StackSet", Map.of("TemplateBody", body));
    JsonNode t = new ObjectMapper().readTree(body.asString());
    JsonNode role = t.path("Resources").elements().next();
    assertThat(role.path("Type").asText()).isEqualTo("AWS::IAM::Role");
    assertThat(role.path("Properties").path("RoleName").asText()).isEqualTo("ses-ops-member");
    JsonNode trust =
        role.path("Properties").path("AssumeRolePolicyDocument").path("Statement").get(0);
    assertThat(trust.path("Condition").path("StringEquals").path("sts:ExternalId").asText())
        .isEqualTo("ses-ops-ext-1");
    assertThat(trust.path("Principal").toString()).contains(":iam::999988887777:root");
    assertThat(trust.path("Condition").path("ArnLike").path("aws:PrincipalArn").toString())
        .contains(":iam::999988887777:role/ses-ops/*");
    // no CDK bootstrap needed in member accounts: no asset parameters, no bootstrap version rule
    assertThat(t.has("Parameters")).isFalse();
    assertThat(t.has("Rules")).isFalse();
  }

  @Test
  void stackSet_isCleanUnderCdkNag_andRejectsBadTargets() {
    assertThat(StackFixtures.unsuppressedNagErrors(stack)).isEmpty();
    SesOpsMemberRoleStack.Settings role =
        new SesOpsMemberRoleStack.Settings("999988887777", "ext-1", null);
    assertThatThrownBy(
            () ->
                new SesOpsMemberRoleStackSet(
                    new App(), "S", StackFixtures.PROPS, role, List.of(), List.of("us-east-1")))
        .hasMessageContaining("memberRoleOrganizationalUnits");
    assertThatThrownBy(
            () ->
                new SesOpsMemberRoleStackSet(
                    new App(),
                    "S",
                    StackFixtures.PROPS,
                    role,
                    List.of("engineering"),
                    List.of("us-east-1")))
        .hasMessageContaining("not an OU or root id: 'engineering'");
  }
}
