package dev.sesops.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.App;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudformation.CfnStackSet;
import software.constructs.Construct;

/**
 * The member role across the Organization: a service-managed CloudFormation StackSet of the {@link
 * SesOpsMemberRoleStack} template, deployed to the named OUs with automatic deployment, so an
 * account that joins one of them gets the role without a pull request (and loses it when it
 * leaves). Deployed from the management account or a delegated administrator for StackSets
 * (docs/deploy.md).
 */
public class SesOpsMemberRoleStackSet extends Stack {
  private static final Pattern UNIT =
      Pattern.compile("(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})");

  private final CfnStackSet stackSet;

  public SesOpsMemberRoleStackSet(
      Construct scope,
      String id,
      StackProps props,
      SesOpsMemberRoleStack.Settings role,
      List<String> organizationalUnits,
      List<String> regions) {
    super(scope, id, props);
    Objects.requireNonNull(role, "role");
    if (organizationalUnits == null || organizationalUnits.isEmpty()) {
      throw new IllegalArgumentException(
          "context memberRoleOrganizationalUnits: at least one OU id (ou-...) or the root id (r-...)");
    }
    for (String ou : organizationalUnits) {
      if (!UNIT.matcher(ou).matches()) {
        throw new IllegalArgumentException(
            "context memberRoleOrganizationalUnits: not an OU or root id: '" + ou + "'");
      }
    }
    if (regions == null || regions.isEmpty()) {
      throw new IllegalArgumentException(
          "context memberRoleStackSetRegions: at least one Region (IAM is global: one is enough)");
    }
    stackSet =
        CfnStackSet.Builder.create(this, "MemberRoleStackSet")
            .stackSetName("ses-ops-member-role")
            .description(
                "ses-ops: the role the ses-ops account assumes in every member account of the named OUs")
            .permissionModel("SERVICE_MANAGED")
            .autoDeployment(
                CfnStackSet.AutoDeploymentProperty.builder()
                    .enabled(true)
                    .retainStacksOnAccountRemoval(false)
                    .build())
            .capabilities(List.of("CAPABILITY_NAMED_IAM"))
            .operationPreferences(
                CfnStackSet.OperationPreferencesProperty.builder()
                    // many accounts at once; one failing account does not stop the others
                    .maxConcurrentPercentage(50)
                    .failureTolerancePercentage(10)
                    .regionConcurrencyType("PARALLEL")
                    .build())
            .stackInstancesGroup(
                List.of(
                    CfnStackSet.StackInstancesProperty.builder()
                        .deploymentTargets(
                            CfnStackSet.DeploymentTargetsProperty.builder()
                                .organizationalUnitIds(organizationalUnits)
                                .build())
                        .regions(regions)
                        .build()))
            .templateBody(memberRoleTemplate(role))
            .build();
    CfnOutput.Builder.create(this, "MemberRoleName")
        .description("organization.role_name in the ses-ops config")
        .value(role.roleName())
        .build();
  }

  public CfnStackSet stackSet() {
    return stackSet;
  }

  /** The member role stack's own template, synthesized on its own (no assets, no bootstrap). */
  static String memberRoleTemplate(SesOpsMemberRoleStack.Settings role) {
    App app = new App();
    SesOpsMemberRoleStack stack =
        new SesOpsMemberRoleStack(
            app,
            "SesOpsMemberRole",
            StackProps.builder()
                .synthesizer(new BootstraplessSynthesizer())
                .description("ses-ops: the role the ses-ops account assumes in this member account")
                .build(),
            role);
    Object template = app.synth().getStackByName(stack.getStackName()).getTemplate();
    try {
      return new ObjectMapper().writeValueAsString(template);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("member role template", e);
    }
  }
}
