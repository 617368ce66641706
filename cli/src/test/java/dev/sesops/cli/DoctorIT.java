package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.cli.serve.LocalServerFixture;
import dev.sesops.common.Json;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.Sdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * {@code ses-ops doctor} as a process against moto (credentials, config, an account's SES call, the
 * table, topic and bucket) and the local API server (a signed call): all ok exits 0; a missing
 * table is a FAIL with its fix and exit 1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorIT {
  private LocalServerFixture server;
  private final Map<String, String> env = new HashMap<>();

  @BeforeAll
  void start() throws Exception {
    server = LocalServerFixture.start();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String table = "ses-ops-doctor-" + suffix;
    String bucket = "ses-ops-doctor-" + suffix;
    String topic;
    try (var ddb = Sdk.dynamoDb();
        var sns = Sdk.sns();
        var s3 = Sdk.s3()) {
      ddb.createTable(
          r ->
              r.tableName(table)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      AttributeDefinition.builder()
                          .attributeName("pk")
                          .attributeType(ScalarAttributeType.S)
                          .build(),
                      AttributeDefinition.builder()
                          .attributeName("sk")
                          .attributeType(ScalarAttributeType.S)
                          .build())
                  .keySchema(
                      KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                      KeySchemaElement.builder()
                          .attributeName("sk")
                          .keyType(KeyType.RANGE)
                          .build()));
      topic = sns.createTopic(r -> r.name("ses-ops-doctor-" + suffix)).topicArn();
      s3.createBucket(r -> r.bucket(bucket));
    }
    Path config = Files.createTempFile("ses-ops-doctor", ".json");
    Files.writeString(
        config,
        """
        {"accounts": {"production": {"region": "us-east-1", "description": "the caller's own account", "aws_account_id": "123456789012"},
                      "legacy": {"region": "eu-west-1", "aws_access_key_id": "AKIADOCTORLEGACY0001", "aws_secret_access_key": "doctor-secret",
                                 "aws_account_id": "444455556666"}}}""");
    // an SES event of each account, counted by the events function (its account-scope window item,
    // by the config name for production and by the AWS account id for legacy)
    try (var ddb = Sdk.dynamoDb()) {
      for (String account : List.of("production", "444455556666")) {
        ddb.putItem(
            r ->
                r.tableName(table)
                    .item(
                        Map.of(
                            "pk", AttributeValue.fromS("WIN#" + account),
                            "sk", AttributeValue.fromS("account:" + account),
                            "last", AttributeValue.fromS("2026-12-03T06:25Z"))));
      }
    }
    env.put("AWS_ACCESS_KEY_ID", Emulator.ACCESS_KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", Emulator.SECRET_ACCESS_KEY);
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL", Emulator.moto().toString());
    env.put("SES_OPS_API_URL", server.url());
    env.put("SES_OPS_CONFIG_FILE", config.toString());
    env.put("SES_OPS_STATE_TABLE", table);
    env.put("SES_OPS_ALERT_TOPIC_ARN", topic);
    env.put("SES_OPS_REPORT_BUCKET", bucket);
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  @Test
  void everyCheckPasses_inOrder_exit0() throws Exception {
    CliProcessIT.Run r = CliProcessIT.sesOps(env, "doctor", "--output", "table");

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).extracting(l -> l.substring(0, 4)).containsOnly("ok  ");
    assertThat(lines)
        .extracting(l -> l.substring(6, 28).trim())
        .containsExactly(
            "java",
            "jar",
            "credentials",
            "api",
            "config",
            "account production",
            "account legacy",
            "state table",
            "events production",
            "events legacy",
            "alert topic",
            "report bucket");
    assertThat(r.out())
        .contains(
            "last SES event counted at 2026-12-03T06:25:00Z",
            "arn:aws:sts::",
            "answered a signed GET /accounts",
            "via static keys: ses:GetSendQuota allowed")
        .doesNotContain("doctor-secret");
    assertThat(r.err()).isEqualTo("ses-ops: doctor: no problem found\n");
  }

  @Test
  void aMissingTable_isAFailWithItsFix_exit1_andJsonWhenPiped() throws Exception {
    Map<String, String> broken = new HashMap<>(env);
    broken.put("SES_OPS_STATE_TABLE", "no-such-table");

    CliProcessIT.Run r = CliProcessIT.sesOps(broken, "doctor");

    assertThat(r.exit()).isEqualTo(1);
    JsonNode report = Json.read(r.out());
    assertThat(report.path("ok").asBoolean()).isFalse();
    JsonNode table = null;
    for (JsonNode c : report.path("checks")) {
      if (c.path("check").asText().equals("state table")) {
        table = c;
      }
    }
    assertThat(table).isNotNull();
    assertThat(table.path("status").asText()).isEqualTo("fail");
    assertThat(table.path("detail").asText())
        .contains("no-such-table", "ResourceNotFoundException");
    assertThat(table.path("fix").asText()).contains("SES_OPS_STATE_TABLE");
    assertThat(r.err()).isEqualTo("ses-ops: doctor: 1 check(s) failed\n");
  }

  @Test
  void anAccountWithoutItsAwsAccountId_andWithoutEvents_isWarned_withTheFix_butDoesNotFail()
      throws Exception {
    Path config = Files.createTempFile("ses-ops-doctor", ".json");
    Files.writeString(
        config,
        """
        {"accounts": {"staging": {"region": "us-east-1", "description": "no aws_account_id, never connected"}}}""");
    Map<String, String> unmapped = new HashMap<>(env);
    unmapped.put("SES_OPS_CONFIG_FILE", config.toString());

    CliProcessIT.Run r = CliProcessIT.sesOps(unmapped, "doctor", "--output", "table");

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .containsPattern("WARN  account staging id +accounts.staging.aws_account_id is not set")
        .contains(
            "fix: add \"aws_account_id\": \"123456789012\" (the account's 12-digit id) to accounts.staging")
        .containsPattern(
            "WARN  events staging +no SES event from this account has reached ses-ops in 15 days")
        .contains("fix: ses-ops connect-events staging");
    assertThat(r.err()).isEqualTo("ses-ops: doctor: no problem found, 2 warning(s)\n");
  }

  @Test
  void anOrganizationBlock_isWarnedOfWhatDiscoveredAccountsDoNotGet_butDoesNotFail()
      throws Exception {
    Path config = Files.createTempFile("ses-ops-doctor", ".json");
    Files.writeString(
        config,
        """
        {"accounts": {"production": {"region": "us-east-1", "aws_account_id": "123456789012"}},
         "organization": {"role_name": "ses-ops", "regions": ["us-east-1"]}}""");
    Map<String, String> org = new HashMap<>(env);
    org.put("SES_OPS_CONFIG_FILE", config.toString());

    CliProcessIT.Run r = CliProcessIT.sesOps(org, "doctor", "--output", "table");

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .containsPattern("WARN  organization +accounts discovered through AWS Organizations")
        .contains("the API, ses-ops top and protection reach the config's accounts only")
        .contains("docs/fleet.md");
  }
}
