package dev.sesops.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;

/** The CDK app: the ses-ops stack, and the member role stack when {@code opsAccountId} is given. */
public final class SesOpsApp {

  /** Relative to {@code infra/}, where {@code cdk.json} is and {@code cdk} runs the app. */
  static final String FUNCTIONS_JAR = "../functions/target/functions.jar";

  static final Path SECRET_TEMPLATE = Path.of("../configs/ses-config.json.txt");

  private SesOpsApp() {}

  public static void main(String[] args) {
    App app = new App();
    StackProps props =
        StackProps.builder()
            .env(environment())
            .description(
                "ses-ops: SES operations across accounts (monitor, audit, suppression cleanup, API)")
            .build();

    SesOpsSettings settings = SesOpsSettings.fromContext(app.getNode()::tryGetContext);
    new SesOpsStack(
        app,
        "SesOps",
        props,
        settings,
        Code.fromAsset(FUNCTIONS_JAR),
        SecretTemplate.load(SECRET_TEMPLATE));

    Object opsAccountId = app.getNode().tryGetContext("opsAccountId");
    if (opsAccountId != null) {
      Object externalId = app.getNode().tryGetContext("externalId");
      Object roleName = app.getNode().tryGetContext("memberRoleName");
      new SesOpsMemberRoleStack(
          app,
          "SesOpsMemberRole",
          StackProps.builder()
              .env(environment())
              // No assets: member accounts need no CDK bootstrap, and the template can go
              // through CloudFormation (or StackSets) as it is.
              .synthesizer(new BootstraplessSynthesizer())
              .description("ses-ops: the role the ses-ops account assumes in this member account")
              .build(),
          new SesOpsMemberRoleStack.Settings(
              opsAccountId.toString(),
              externalId == null ? null : externalId.toString(),
              roleName == null ? null : roleName.toString(),
              SesOpsSettings.bool(
                  "protectionEnabled", app.getNode().tryGetContext("protectionEnabled"))));
    }

    Object stackSetUnits = app.getNode().tryGetContext("memberRoleOrganizationalUnits");
    if (stackSetUnits != null) {
      // the member role in every account of these OUs, from the management (or StackSets admin)
      // account
      Object externalId = app.getNode().tryGetContext("externalId");
      Object roleName = app.getNode().tryGetContext("memberRoleName");
      Object regions = app.getNode().tryGetContext("memberRoleStackSetRegions");
      Object ops = app.getNode().tryGetContext("opsAccountId");
      new SesOpsMemberRoleStackSet(
          app,
          "SesOpsMemberRoleStackSet",
          StackProps.builder()
              .env(environment())
              .synthesizer(new BootstraplessSynthesizer())
              .description(
                  "ses-ops: the member role across the Organization (service-managed StackSet)")
              .build(),
          new SesOpsMemberRoleStack.Settings(
              ops == null ? null : ops.toString(),
              externalId == null ? null : externalId.toString(),
              roleName == null ? null : roleName.toString(),
              SesOpsSettings.bool(
                  "protectionEnabled", app.getNode().tryGetContext("protectionEnabled"))),
          java.util.List.of(stackSetUnits.toString().split("\\s*,\\s*")),
          java.util.List.of(
              (regions == null ? "us-east-1" : regions.toString()).split("\\s*,\\s*")));
    }

    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    app.synth();
  }

  /** The CLI's account and Region when it has credentials; environment-agnostic offline. */
  private static Environment environment() {
    String account = System.getenv("CDK_DEFAULT_ACCOUNT");
    String region = System.getenv("CDK_DEFAULT_REGION");
    if (account == null || region == null) {
      return null;
    }
    return Environment.builder().account(account).region(region).build();
  }
}
