package dev.sesops.infra;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.CfnSecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The config secret, created without a value in the template, and a seed that writes the template
 * into it once: only on the custom resource's Create, and only when the secret has no current
 * value. A later deploy with a changed template (a {@code git pull}) updates the seed's properties,
 * which does nothing, so the team's config is never reset by a deploy.
 */
final class ConfigSecret extends Construct {

  /**
   * The seed's handler. Create: put the template only if no AWSCURRENT version exists (an upgrade
   * from a stack that held the value in the template keeps it). Update and Delete: nothing. Errors
   * name the API call only, never the value.
   */
  static final String SEED_HANDLER =
      """
            import boto3
            import cfnresponse


            def handler(event, context):
                props = event['ResourceProperties']
                try:
                    if event['RequestType'] == 'Create':
                        sm = boto3.client('secretsmanager')
                        versions = sm.list_secret_version_ids(SecretId=props['SecretArn']).get('Versions', [])
                        if not any('AWSCURRENT' in v.get('VersionStages', []) for v in versions):
                            sm.put_secret_value(SecretId=props['SecretArn'], SecretString=props['Template'])
                            print('seeded the config secret from the template')
                        else:
                            print('the config secret has a value: left as it is')
                    cfnresponse.send(event, context, cfnresponse.SUCCESS, {}, 'ses-ops-config-seed')
                except Exception as e:
                    print('seeding failed: ' + type(e).__name__)
                    cfnresponse.send(event, context, cfnresponse.FAILED, {}, 'ses-ops-config-seed',
                                     reason='seeding the config secret failed: ' + type(e).__name__)
            """;

  private final Secret secret;

  ConfigSecret(Construct scope, String id, String template) {
    super(scope, id);
    // The logical id stays ConfigSecret... so stacks deployed before keep their secret.
    secret =
        Secret.Builder.create(scope, "ConfigSecret")
            .description(
                "ses-ops config document (accounts, thresholds, cleanup policy); "
                    + "seeded once from the template, then edited by the team")
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    // No SecretString (CloudFormation would reset the value whenever it changes) and no
    // GenerateSecretString (CDK's default): the secret's value is never in the template.
    ((CfnSecret) secret.getNode().getDefaultChild())
        .addPropertyDeletionOverride("GenerateSecretString");
    NagSuppressions.addResourceSuppressions(
        secret,
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-SMG4",
                "The config document is edited by the team (accounts, thresholds); there is no credential "
                    + "in it that a rotation Lambda could rotate. Member accounts use role_arn, not keys.")));

    LogGroup logs =
        LogGroup.Builder.create(this, "SeedLogs")
            .retention(SesOpsStack.LOG_RETENTION)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    Role role =
        Role.Builder.create(this, "SeedRole")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("ses-ops config secret seed (runs on the first deploy only)")
            .build();
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("WriteOwnLogs")
            .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
            .resources(List.of(logs.getLogGroupArn()))
            .build());
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("SeedTheConfigSecretOnce")
            .actions(
                List.of("secretsmanager:ListSecretVersionIds", "secretsmanager:PutSecretValue"))
            .resources(List.of(secret.getSecretArn()))
            .build());
    Function seed =
        Function.Builder.create(this, "SeedFunction")
            .description(
                "ses-ops: writes the config template into the empty config secret on the first deploy")
            .runtime(Runtime.PYTHON_3_13)
            .handler("index.handler")
            .code(Code.fromInline(SEED_HANDLER))
            .timeout(Duration.seconds(30))
            .role(role)
            .logGroup(logs)
            .build();
    NagSuppressions.addResourceSuppressions(
        seed,
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-L1",
                "A deploy-time custom resource of twenty lines; python3.13 is supported well beyond the next "
                    + "releases and the runtime is raised with the stack, not on its own.")));
    CustomResource.Builder.create(this, "Seed")
        .serviceToken(seed.getFunctionArn())
        .resourceType("Custom::SesOpsConfigSeed")
        .properties(
            Map.of(
                "SecretArn", secret.getSecretArn(),
                "Template", template.replace("${AWS::Region}", Aws.REGION)))
        .build();
  }

  Secret secret() {
    return secret;
  }
}
