package dev.sesops.infra;

import static dev.sesops.infra.TemplateQueries.onlyResource;
import static dev.sesops.infra.TemplateQueries.properties;
import static dev.sesops.infra.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * A deploy never resets the config: the secret's value is not in the template, so a changed config
 * template (a {@code git pull} before {@code cdk deploy}) leaves the secret resource identical, and
 * the seed that writes the template acts on Create only (ConfigSecretSeedIT runs its handler).
 */
class ConfigSecretTest {

  static final String BEFORE = "{\"accounts\": {\"production\": {\"region\": \"us-east-1\"}}}";
  static final String AFTER =
      "{\"accounts\": {\"production\": {\"region\": \"us-east-1\", \"aws_account_id\": \"444455556666\"}}}";

  static Template before;
  static Template after;

  @BeforeAll
  static void synthesizeWithTwoTemplates() {
    before = synth(BEFORE);
    after = synth(AFTER);
  }

  static Template synth(String secretTemplate) {
    App app = StackFixtures.appWithNag();
    return Template.fromStack(
        new SesOpsStack(
            app,
            "SesOps",
            StackFixtures.PROPS,
            SesOpsSettings.defaults(),
            StackFixtures.stubCode(),
            secretTemplate));
  }

  @Test
  void secret_hasNoValueInTheTemplate_neitherGivenNorGenerated_andIsRetained() {
    String secretId = onlyResource(before, "AWS::SecretsManager::Secret");

    assertThat(properties(before, secretId))
        .doesNotContainKeys("SecretString", "GenerateSecretString");
    before.hasResource(
        "AWS::SecretsManager::Secret",
        Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
  }

  @Test
  void aChangedConfigTemplate_leavesTheSecretResourceIdentical_sameLogicalIdSameProperties() {
    String idBefore = onlyResource(before, "AWS::SecretsManager::Secret");
    String idAfter = onlyResource(after, "AWS::SecretsManager::Secret");

    assertThat(idAfter).isEqualTo(idBefore);
    assertThat(after.findResources("AWS::SecretsManager::Secret").get(idAfter))
        .isEqualTo(before.findResources("AWS::SecretsManager::Secret").get(idBefore));
  }

  @Test
  void theSeed_carriesTheTemplate_forTheSecret_andItsHandlerActsOnCreateOnly() {
    String secretId = onlyResource(before, "AWS::SecretsManager::Secret");
    String seedBefore = onlyResource(before, "Custom::SesOpsConfigSeed");
    String seedAfter = onlyResource(after, "Custom::SesOpsConfigSeed");

    assertThat(seedAfter)
        .as("same logical id: an update, never a second Create")
        .isEqualTo(seedBefore);
    assertThat(properties(before, seedBefore))
        .containsEntry("SecretArn", ref(secretId))
        .containsEntry("Template", BEFORE);
    assertThat(properties(after, seedAfter)).containsEntry("Template", AFTER);
    Map<String, Object> seedFunction =
        properties(
            before,
            onlyResource(
                before,
                "AWS::Lambda::Function",
                Map.of("Description", Match.stringLikeRegexp("writes the config template"))));
    assertThat(seedFunction.get("Code").toString())
        .contains("if event['RequestType'] == 'Create'", "AWSCURRENT", "put_secret_value");
  }

  @Test
  void theSeed_mayOnlyListVersionsAndPutTheValue_ofThisSecret() {
    String secretId = onlyResource(before, "AWS::SecretsManager::Secret");
    String roleId =
        TemplateQueries.roleIdOf(
            before,
            onlyResource(
                before,
                "AWS::Lambda::Function",
                Map.of("Description", Match.stringLikeRegexp("writes the config template"))));

    assertThat(TemplateQueries.actionsOf(before, roleId, "SeedTheConfigSecretOnce"))
        .containsExactly("secretsmanager:ListSecretVersionIds", "secretsmanager:PutSecretValue");
    assertThat(TemplateQueries.statementsOf(before, roleId).toString())
        .contains(secretId)
        .doesNotContain("Resource=*");
  }
}
