package dev.sesops.infra;

import static dev.sesops.infra.TemplateQueries.functionId;
import static dev.sesops.infra.TemplateQueries.onlyResource;
import static dev.sesops.infra.TemplateQueries.properties;
import static dev.sesops.infra.TemplateQueries.ref;
import static dev.sesops.infra.TemplateQueries.roleIdOf;
import static dev.sesops.infra.TemplateQueries.statementsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The stack as a plain deploy gets it: every context value at its default. */
class SesOpsStackTest {

  static final String MONITOR = "dev.sesops.wiring.MonitorFunction";
  static final String AUDIT = "dev.sesops.wiring.AuditFunction";
  static final String CLEANUP = "dev.sesops.wiring.SuppressionCleanupFunction";
  static final String API = "dev.sesops.wiring.ApiFunction";
  static final List<String> HANDLERS = List.of(MONITOR, AUDIT, CLEANUP, API);

  static SesOpsStack stack;
  static Template template;
  static String topicId;
  static String bucketId;

  @BeforeAll
  static void synthesizeOnce() {
    App app = StackFixtures.appWithNag();
    stack =
        new SesOpsStack(
            app,
            "SesOps",
            StackFixtures.PROPS,
            SesOpsSettings.defaults(),
            StackFixtures.stubCode(),
            SecretTemplate.BUILT_IN);
    template = Template.fromStack(stack);
    topicId = onlyResource(template, "AWS::SNS::Topic");
    bucketId = onlyResource(template, "AWS::S3::Bucket");
  }

  // ---- functions ----

  @Test
  void stack_hasExactlyTheFourFunctions_withTheirHandlerClasses() {
    template.resourceCountIs(
        "AWS::Lambda::Function",
        9); // and the events function (EventsPipelineTest), the config seed (ConfigSecretTest), the
    // alarm formatter (AlarmRoutingTest), reports, the bucket-notifications handler
    HANDLERS.forEach(handler -> functionId(template, handler));
    functionId(template, "dev.sesops.wiring.EventsFunction");
  }

  @Test
  void everyFunctionRole_livesUnderTheSesOpsPath_whichMemberRolesTrust() {
    List<String> handlers = new ArrayList<>(HANDLERS);
    handlers.add("dev.sesops.wiring.EventsFunction");
    for (String handler : handlers) {
      String roleId = roleIdOf(template, functionId(template, handler));
      assertThat(properties(template, roleId).get("Path"))
          .as(handler)
          .isEqualTo(SesOpsStack.FUNCTION_ROLE_PATH);
    }
  }

  static Stream<Arguments> sizing() {
    return Stream.of(
        Arguments.of(MONITOR, 120),
        Arguments.of(AUDIT, 840),
        Arguments.of(CLEANUP, 840),
        Arguments.of(API, 29));
  }

  @ParameterizedTest
  @MethodSource("sizing")
  void function_runsJava21OnArm64_withJsonLogsSnapStartAndItsTimeout(
      String handler, int timeoutSeconds) {
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler", handler + "::handleRequest",
            "Runtime", "java21",
            "Architectures", List.of("arm64"),
            "Timeout", timeoutSeconds,
            "MemorySize", Match.anyValue(),
            "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
            "LoggingConfig",
                Match.objectLike(Map.of("LogFormat", "JSON", "LogGroup", Match.anyValue()))));
  }

  @Test
  void everyFunction_getsTheRuntimeContractEnvironment_pointingAtTheStacksResources() {
    String secretId = onlyResource(template, "AWS::SecretsManager::Secret");
    String tableId = onlyResource(template, "AWS::DynamoDB::Table");
    for (String handler : HANDLERS) {
      Capture env = new Capture();
      template.hasResourceProperties(
          "AWS::Lambda::Function",
          Map.of("Handler", handler + "::handleRequest", "Environment", Map.of("Variables", env)));
      assertThat(env.asObject())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "SES_OPS_SECRET_ID", ref(secretId),
                  "SES_OPS_ALERT_TOPIC_ARN", ref(topicId),
                  "SES_OPS_STATE_TABLE", ref(tableId),
                  "SES_OPS_REPORT_BUCKET", ref(bucketId),
                  "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
    }
  }

  @Test
  void everyFunction_hasALiveAliasOnItsPublishedVersion() {
    template.resourceCountIs("AWS::Lambda::Alias", 6);
    template.resourceCountIs("AWS::Lambda::Version", 6);
    for (String handler : HANDLERS) {
      template.hasResourceProperties(
          "AWS::Lambda::Alias",
          Map.of(
              "Name", "live",
              "FunctionName", ref(functionId(template, handler)),
              "FunctionVersion", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "Version"))));
    }
  }

  @Test
  void functionLogGroups_keepLogsForAFixedTime() {
    Map<String, Map<String, Object>> groups = template.findResources("AWS::Logs::LogGroup");
    assertThat(groups)
        .hasSize(9); // six functions, the config seed, the alarm formatter and the API access log
    groups
        .values()
        .forEach(
            group ->
                assertThat(group.get("Properties"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("RetentionInDays", 90));
  }

  // ---- schedules and dead letters ----

  static Stream<Arguments> schedules() {
    return Stream.of(
        Arguments.of(MONITOR, "rate(15 minutes)"),
        Arguments.of(AUDIT, SesOpsSettings.DEFAULT_AUDIT_SCHEDULE),
        Arguments.of(CLEANUP, SesOpsSettings.DEFAULT_CLEANUP_SCHEDULE));
  }

  @ParameterizedTest
  @MethodSource("schedules")
  void scheduledFunction_isTriggeredOnItsDefaultSchedule_throughItsAlias_withTheDeadLetterQueue(
      String handler, String expression) {
    String queueId = stackDeadLetterQueue();
    String aliasId =
        onlyResource(
            template,
            "AWS::Lambda::Alias",
            Map.of("FunctionName", ref(functionId(template, handler))));
    template.hasResourceProperties(
        "AWS::Events::Rule",
        Map.of(
            "ScheduleExpression",
            expression,
            "State",
            "ENABLED",
            "Targets",
            List.of(
                Match.objectLike(
                    Map.of(
                        "Arn", ref(aliasId),
                        "DeadLetterConfig",
                            Map.of("Arn", Map.of("Fn::GetAtt", List.of(queueId, "Arn"))))))));
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            handler + "::handleRequest",
            "DeadLetterConfig",
            Map.of("TargetArn", Map.of("Fn::GetAtt", List.of(queueId, "Arn")))));
  }

  @Test
  void deadLetterQueue_isEncrypted_andRefusesPlainTransport() {
    String queueId = stackDeadLetterQueue();
    assertThat(properties(template, queueId)).containsEntry("SqsManagedSseEnabled", true);
    template.hasResourceProperties(
        "AWS::SQS::QueuePolicy",
        Map.of(
            "Queues", List.of(ref(queueId)),
            "PolicyDocument",
                Map.of(
                    "Statement",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Effect",
                                    "Deny",
                                    "Condition",
                                    Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
  }

  // ---- API ----

  @Test
  void api_requiresIamAuthorization_onEveryMethod() {
    Map<String, Map<String, Object>> methods = template.findResources("AWS::ApiGateway::Method");
    assertThat(methods).hasSize(2);
    methods
        .values()
        .forEach(
            method ->
                assertThat(method.get("Properties"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("AuthorizationType", "AWS_IAM"));
  }

  @Test
  void api_proxiesRootAndEveryPath_toTheApiAlias_withRequestValidation() {
    String aliasId =
        onlyResource(
            template, "AWS::Lambda::Alias", Map.of("FunctionName", ref(functionId(template, API))));
    String validatorId =
        onlyResource(
            template,
            "AWS::ApiGateway::RequestValidator",
            Map.of("ValidateRequestBody", true, "ValidateRequestParameters", true));
    String proxyId =
        onlyResource(template, "AWS::ApiGateway::Resource", Map.of("PathPart", "{proxy+}"));
    Map<String, Object> integration =
        Map.of(
            "Type",
            "AWS_PROXY",
            "Uri",
            Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(ref(aliasId))))));
    template.hasResourceProperties(
        "AWS::ApiGateway::Method",
        Map.of(
            "HttpMethod", "ANY",
            "ResourceId", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "RootResourceId")),
            "RequestValidatorId", ref(validatorId),
            "Integration", Match.objectLike(integration)));
    template.hasResourceProperties(
        "AWS::ApiGateway::Method",
        Map.of(
            "HttpMethod", "ANY",
            "ResourceId", ref(proxyId),
            "RequestValidatorId", ref(validatorId),
            "Integration", Match.objectLike(integration)));
  }

  @Test
  void apiStage_throttlesStageAndProxyMethods_andWritesJsonAccessLogs() {
    Capture format = new Capture();
    template.hasResourceProperties(
        "AWS::ApiGateway::Stage",
        Map.of(
            "AccessLogSetting", Map.of("DestinationArn", Match.anyValue(), "Format", format),
            "MethodSettings",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "ResourcePath",
                                "/*",
                                "HttpMethod",
                                "*",
                                "ThrottlingRateLimit",
                                Match.anyValue(),
                                "ThrottlingBurstLimit",
                                Match.anyValue(),
                                "DataTraceEnabled",
                                false)),
                        Match.objectLike(
                            Map.of(
                                "ResourcePath",
                                "/~1{proxy+}",
                                "HttpMethod",
                                "*",
                                "ThrottlingRateLimit",
                                Match.anyValue(),
                                "ThrottlingBurstLimit",
                                Match.anyValue(),
                                "DataTraceEnabled",
                                false))))));
    assertThat(format.asString())
        .startsWith("{")
        .endsWith("}")
        .contains("\"requestId\":\"$context.requestId\"");
  }

  // ---- permissions ----

  static Stream<Arguments> sesActions() {
    return Stream.of(
        Arguments.of(
            MONITOR,
            List.of(
                "ses:GetAccount",
                "ses:GetSendQuota",
                "ses:GetSendStatistics",
                "ses:ListRecommendations",
                "ses:BatchGetMetricData",
                "ses:ListTenants",
                "ses:ListReputationEntities",
                "ses:GetReputationEntity",
                "ses:ListConfigurationSets",
                "ses:GetConfigurationSetEventDestinations")),
        Arguments.of(
            AUDIT,
            List.of(
                "ses:GetAccount",
                "ses:ListIdentities",
                "ses:GetIdentityVerificationAttributes",
                "ses:GetIdentityDkimAttributes",
                "ses:GetIdentityMailFromDomainAttributes",
                "ses:GetIdentityNotificationAttributes",
                "ses:ListConfigurationSets",
                "ses:GetConfigurationSet",
                "ses:GetConfigurationSetEventDestinations",
                "ses:GetEmailIdentity",
                "ses:ListRecommendations",
                "ses:GetDedicatedIps",
                "ses:ListDedicatedIpPools",
                "ses:ListContactLists",
                "ses:GetContactList",
                "ses:GetSendStatistics")),
        Arguments.of(
            CLEANUP,
            List.of(
                "ses:GetAccount",
                "ses:ListSuppressedDestinations",
                "ses:DeleteSuppressedDestination",
                "ses:PutSuppressedDestination",
                "ses:CreateImportJob",
                "ses:GetImportJob")),
        Arguments.of(
            API,
            List.of(
                "ses:GetAccount",
                "ses:GetSendQuota",
                "ses:GetSendStatistics",
                "ses:ListIdentities",
                "ses:GetIdentityVerificationAttributes",
                "ses:GetIdentityDkimAttributes",
                "ses:GetIdentityMailFromDomainAttributes",
                "ses:GetIdentityNotificationAttributes",
                "ses:ListConfigurationSets",
                "ses:GetConfigurationSet",
                "ses:GetConfigurationSetEventDestinations",
                "ses:GetEmailIdentity",
                "ses:ListSuppressedDestinations",
                "ses:GetSuppressedDestination",
                "ses:DeleteSuppressedDestination",
                "ses:PutSuppressedDestination",
                "ses:CreateImportJob",
                "ses:GetImportJob",
                "ses:VerifyEmailIdentity",
                "ses:VerifyDomainIdentity",
                "ses:VerifyDomainDkim",
                "ses:SetIdentityDkimEnabled",
                "ses:SendEmail",
                "ses:ListRecommendations",
                "ses:BatchGetMetricData",
                "ses:ListTenants",
                "ses:ListReputationEntities",
                "ses:GetReputationEntity",
                "ses:GetTenant",
                "ses:CreateConfigurationSetEventDestination",
                "ses:DeleteConfigurationSetEventDestination",
                "ses:SetIdentityNotificationTopic",
                "ses:GetDedicatedIps",
                "ses:ListDedicatedIpPools",
                "ses:ListContactLists",
                "ses:GetContactList")));
  }

  @ParameterizedTest
  @MethodSource("sesActions")
  void functionRole_allowsExactlyTheSesActionsThatFunctionCalls(
      String handler, List<String> expected) {
    String roleId = roleIdOf(template, functionId(template, handler));

    // SesActions, and SesActionsScoped1... for the writes on the account's own resources
    List<Map<?, ?>> ses =
        statementsOf(template, roleId).stream()
            .<Map<?, ?>>map(s -> (Map<?, ?>) s)
            .filter(s -> String.valueOf(s.get("Sid")).startsWith("SesActions"))
            .toList();
    List<Object> actions = new ArrayList<>();
    ses.forEach(
        s -> {
          Object a = s.get("Action");
          if (a instanceof List<?> l) {
            actions.addAll(l);
          } else {
            actions.add(a);
          }
        });

    assertThat(actions).containsExactlyInAnyOrderElementsOf(expected);
    // and no other statement of the role grants an SES action
    long sesStatements =
        statementsOf(template, roleId).stream().filter(s -> s.toString().contains("ses:")).count();
    assertThat(sesStatements).isEqualTo(ses.size());
  }

  @Test
  void functionRoles_mayNotAssumeAnyRole_whenNoMemberRolesAreGiven() {
    Map<String, Map<String, Object>> policies =
        template.findResources(
            "AWS::IAM::Policy",
            Map.of(
                "Properties",
                Map.of(
                    "PolicyDocument",
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(Match.objectLike(Map.of("Action", "sts:AssumeRole"))))))));
    assertThat(policies).isEmpty();
  }

  @Test
  void onlyMonitorAuditAndApi_useTheStateTable_withItemLevelActionsOnTheTableOnly() {
    String tableId = onlyResource(template, "AWS::DynamoDB::Table");
    for (String handler : List.of(MONITOR, AUDIT, API)) {
      String roleId = roleIdOf(template, functionId(template, handler));
      template.hasResourceProperties(
          "AWS::IAM::Policy",
          Map.of(
              "Roles", List.of(ref(roleId)),
              "PolicyDocument",
                  Map.of(
                      "Statement",
                      Match.arrayWith(
                          List.of(
                              Match.objectLike(
                                  Map.of(
                                      "Sid", "StateTable",
                                      "Action",
                                          List.of(
                                              "dynamodb:GetItem",
                                              "dynamodb:PutItem",
                                              "dynamodb:UpdateItem",
                                              "dynamodb:Query"),
                                      "Resource",
                                          Map.of("Fn::GetAtt", List.of(tableId, "Arn")))))))));
    }
    String cleanupRole = roleIdOf(template, functionId(template, CLEANUP));
    assertThat(statementsOf(template, cleanupRole).toString()).doesNotContain("dynamodb:");
  }

  @Test
  void everyFunction_mayReadTheSecret_andPublishToTheTopic() {
    String secretId = onlyResource(template, "AWS::SecretsManager::Secret");
    for (String handler : HANDLERS) {
      String roleId = roleIdOf(template, functionId(template, handler));
      template.hasResourceProperties(
          "AWS::IAM::Policy",
          Map.of(
              "Roles", List.of(ref(roleId)),
              "PolicyDocument",
                  Map.of(
                      "Statement",
                      Match.arrayWith(
                          List.of(
                              Match.objectLike(
                                  Map.of(
                                      "Action",
                                          List.of(
                                              "secretsmanager:GetSecretValue",
                                              "secretsmanager:DescribeSecret"),
                                      "Resource", ref(secretId))),
                              Match.objectLike(
                                  Map.of("Action", "sns:Publish", "Resource", ref(topicId))))))));
    }
  }

  @Test
  void audit_writesReportsUnderAuditsOnly_andCleanup_writesTheTrailUnderSuppressionTrailOnly() {
    String auditRole = roleIdOf(template, functionId(template, AUDIT));
    String cleanupRole = roleIdOf(template, functionId(template, CLEANUP));
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "Roles", List.of(ref(auditRole)),
            "PolicyDocument",
                Map.of(
                    "Statement",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Sid",
                                    "AuditReports",
                                    "Action",
                                    List.of("s3:PutObject", "s3:GetObject"),
                                    "Resource",
                                    objectsUnder("audits/"))),
                            Match.objectLike(
                                Map.of(
                                    "Sid",
                                    "AuditReportsList",
                                    "Action",
                                    "s3:ListBucket",
                                    "Condition",
                                    Map.of(
                                        "StringLike",
                                        Map.of("s3:prefix", List.of("audits/*"))))))))));
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "Roles", List.of(ref(cleanupRole)),
            "PolicyDocument",
                Map.of(
                    "Statement",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Sid",
                                    "SuppressionTrail",
                                    "Action",
                                    List.of("s3:PutObject", "s3:GetObject"),
                                    "Resource",
                                    objectsUnder("suppression-trail/"))))))));
    assertThat(statementsOf(template, auditRole).toString()).doesNotContain("suppression-trail/");
    assertThat(statementsOf(template, cleanupRole).toString()).doesNotContain("audits/");
  }

  @Test
  void monitor_mayReadCloudWatchMetrics() {
    String roleId = roleIdOf(template, functionId(template, MONITOR));
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "Roles", List.of(ref(roleId)),
            "PolicyDocument",
                Map.of(
                    "Statement",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of("Action", "cloudwatch:GetMetricData", "Resource", "*")))))));
  }

  // ---- data ----

  @Test
  void reportBucket_isEncryptedPrivateVersioned_andExpiresOldReportsAndTrail() {
    template.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "BucketEncryption",
                Map.of(
                    "ServerSideEncryptionConfiguration",
                    List.of(
                        Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
            "PublicAccessBlockConfiguration",
                Map.of(
                    "BlockPublicAcls",
                    true,
                    "BlockPublicPolicy",
                    true,
                    "IgnorePublicAcls",
                    true,
                    "RestrictPublicBuckets",
                    true),
            "VersioningConfiguration", Map.of("Status", "Enabled"),
            "LifecycleConfiguration",
                Map.of(
                    "Rules",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Prefix",
                                    "audits/",
                                    "ExpirationInDays",
                                    400,
                                    "Status",
                                    "Enabled")),
                            Match.objectLike(
                                Map.of(
                                    "Prefix",
                                    "suppression-trail/",
                                    "ExpirationInDays",
                                    400,
                                    "Status",
                                    "Enabled")))))));
    template.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain"));
  }

  @Test
  void reportBucketPolicy_refusesPlainTransport_andLetsSesReadTheTrail_onlyForThisAccount() {
    template.hasResourceProperties(
        "AWS::S3::BucketPolicy",
        Map.of(
            "Bucket", ref(bucketId),
            "PolicyDocument",
                Map.of(
                    "Statement",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Effect", "Deny",
                                    "Action", "s3:*",
                                    "Condition",
                                        Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                            Match.objectLike(
                                Map.of(
                                    "Effect", "Allow",
                                    "Principal", Map.of("Service", "ses.amazonaws.com"),
                                    "Action", "s3:GetObject",
                                    "Resource",
                                        List.of(
                                            objectsUnder("suppression-trail/self/"),
                                            Map.of(
                                                "Fn::Join",
                                                List.of(
                                                    "",
                                                    List.of(
                                                        Map.of(
                                                            "Fn::GetAtt", List.of(bucketId, "Arn")),
                                                        "/suppression-trail/",
                                                        ref("AWS::AccountId"),
                                                        "/*")))),
                                    "Condition",
                                        Map.of(
                                            "StringEquals",
                                            Map.of(
                                                "aws:SourceAccount", ref("AWS::AccountId"))))))))));
    // no SES statement reads the whole trail: each account's jobs read their own prefix only
    assertThat(template.findResources("AWS::S3::BucketPolicy").toString())
        .doesNotContain("/suppression-trail/*");
  }

  @Test
  void alertTopic_isEncryptedWithARotatedKey_thatCloudWatchAlarmsMayUse() {
    String keyId = onlyResource(template, "AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    template.hasResourceProperties(
        "AWS::SNS::Topic", Map.of("KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(keyId, "Arn"))));
    template.hasResourceProperties(
        "AWS::KMS::Key",
        Map.of(
            "KeyPolicy",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                                "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"))))))));
    template.resourceCountIs("AWS::SNS::Subscription", 0);
  }

  @Test
  void stateTable_hasPkSkKeys_onDemandBilling_pointInTimeRecovery_andTtl() {
    template.hasResourceProperties(
        "AWS::DynamoDB::Table",
        Map.of(
            "KeySchema",
                List.of(
                    Map.of("AttributeName", "pk", "KeyType", "HASH"),
                    Map.of("AttributeName", "sk", "KeyType", "RANGE")),
            "AttributeDefinitions",
                Match.arrayWith(
                    List.of(
                        Map.of("AttributeName", "pk", "AttributeType", "S"),
                        Map.of("AttributeName", "sk", "AttributeType", "S"))),
            "BillingMode", "PAY_PER_REQUEST",
            "PointInTimeRecoverySpecification",
                Match.objectLike(Map.of("PointInTimeRecoveryEnabled", true)),
            "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true)));
  }

  @Test
  void configSecret_isSeededOnceFromTheTemplate_andRetained() {
    Capture value = new Capture();
    template.hasResourceProperties("Custom::SesOpsConfigSeed", Map.of("Template", value));
    assertThat(value.asObject().toString()).contains("\"accounts\"", "\"dry_run\": true");
    template.hasResource("AWS::SecretsManager::Secret", Map.of("DeletionPolicy", "Retain"));
  }

  // ---- alarms and dashboard ----

  @Test
  void everyFunction_hasErrorAndThrottleAlarms_thatNotifyTheAlertTopicThroughTheFormatter() {
    for (String handler : HANDLERS) {
      String fnId = functionId(template, handler);
      for (String metric : List.of("Errors", "Throttles")) {
        template.hasResourceProperties(
            "AWS::CloudWatch::Alarm",
            Map.of(
                "Namespace",
                "AWS/Lambda",
                "MetricName",
                metric,
                "Dimensions",
                List.of(Map.of("Name", "FunctionName", "Value", ref(fnId))),
                "AlarmActions",
                List.of(AlarmRoutingTest.formatterArn(template))));
      }
    }
  }

  @Test
  void deadLetterQueue_hasAVisibleMessagesAlarm_thatNotifiesTheAlertTopicThroughTheFormatter() {
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "Namespace", "AWS/SQS",
            "MetricName", "ApproximateNumberOfMessagesVisible",
            "AlarmActions", List.of(AlarmRoutingTest.formatterArn(template))));
  }

  @Test
  void monitorRunFailures_raiseAlarmsOnTheirMetrics_thatNotifyThroughTheFormatter() {
    for (String metric : List.of("DedupeOff", "AccountsNotReached", "AlertFailures")) {
      template.hasResourceProperties(
          "AWS::CloudWatch::Alarm",
          Map.of(
              "Namespace",
              "SesOps",
              "MetricName",
              metric,
              "Statistic",
              "Sum",
              "Threshold",
              1,
              "AlarmActions",
              List.of(AlarmRoutingTest.formatterArn(template))));
    }
  }

  @Test
  void auditAndCleanupFailedAccounts_raiseAlarmsOnTheirEmfMetrics_thatNotifyThroughTheFormatter() {
    for (String metric : List.of("AuditAccountsFailed", "CleanupAccountsFailed")) {
      template.hasResourceProperties(
          "AWS::CloudWatch::Alarm",
          Map.of(
              "Namespace",
              "SesOps",
              "MetricName",
              metric,
              "Statistic",
              "Sum",
              "Threshold",
              1,
              "ComparisonOperator",
              "GreaterThanOrEqualToThreshold",
              "AlarmActions",
              List.of(AlarmRoutingTest.formatterArn(template)),
              "OKActions",
              List.of(AlarmRoutingTest.formatterArn(template))));
    }
  }

  @Test
  void restApi_has5xxAlarm_thatNotifiesTheAlertTopicThroughTheFormatter() {
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "Namespace", "AWS/ApiGateway",
            "MetricName", "5XXError",
            "Statistic", "Sum",
            "AlarmActions", List.of(AlarmRoutingTest.formatterArn(template))));
  }

  @Test
  void dashboard_searchesTheMonitorsPerAccountMetrics_whenNoAccountsAreListed() {
    Capture body = new Capture();
    template.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardBody", body));
    String text = body.asObject().toString();
    for (String metric : List.of("BounceRate", "ComplaintRate", "QuotaUsePercent")) {
      assertThat(text).contains("SEARCH('{SesOps,Account} MetricName=\\\"" + metric + "\\\"'");
    }
  }

  // ---- cdk-nag ----

  @Test
  void awsSolutionsChecks_reportNoUnsuppressedErrors() {
    assertThat(StackFixtures.unsuppressedNagErrors(stack)).isEmpty();
  }

  private static Map<String, Object> objectsUnder(String prefix) {
    return Map.of(
        "Fn::Join",
        List.of("", List.of(Map.of("Fn::GetAtt", List.of(bucketId, "Arn")), "/" + prefix + "*")));
  }

  /** The scheduled functions' dead-letter queue (the events pipeline has queues of its own). */
  static String stackDeadLetterQueue() {
    List<String> ids =
        template.findResources("AWS::SQS::Queue").keySet().stream()
            .filter(id -> id.startsWith("DeadLetterQueue"))
            .toList();
    assertThat(ids).hasSize(1);
    return ids.get(0);
  }
}
