package dev.sesops.infra;

import static dev.sesops.infra.TemplateQueries.functionId;
import static dev.sesops.infra.TemplateQueries.onlyResource;
import static dev.sesops.infra.TemplateQueries.ref;
import static dev.sesops.infra.TemplateQueries.roleIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The stack with every context value set, read the way the app reads them. */
class SesOpsStackWithContextTest {

  static final String MEMBER_ROLE_A = "arn:aws:iam::444455556666:role/ses-ops-member";
  static final String MEMBER_ROLE_B = "arn:aws:iam::777788889999:role/team/ses-ops-member";
  static final String SECRET_ARN =
      "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ses-ops/config-AbCdEf";

  static SesOpsStack stack;
  static Template template;

  @BeforeAll
  static void synthesizeOnce() {
    Map<String, Object> context =
        Map.of(
            "monitorSchedule", "rate(5 minutes)",
            "auditSchedule", "cron(30 2 * * ? *)",
            "cleanupSchedule", "cron(15 3 ? * MON *)",
            "memberRoleArns", MEMBER_ROLE_A + ", " + MEMBER_ROLE_B,
            "secretArn", SECRET_ARN,
            "alertEmail", "ops@example.com",
            "accounts", List.of("production", "staging"));
    App app = StackFixtures.appWithNag();
    stack =
        new SesOpsStack(
            app,
            "SesOps",
            StackFixtures.PROPS,
            SesOpsSettings.fromContext(context::get),
            StackFixtures.stubCode(),
            SecretTemplate.BUILT_IN);
    template = Template.fromStack(stack);
  }

  @Test
  void schedules_comeFromContext() {
    for (String expression :
        List.of("rate(5 minutes)", "cron(30 2 * * ? *)", "cron(15 3 ? * MON *)")) {
      template.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", expression));
    }
    template.resourceCountIs(
        "AWS::Events::Rule",
        5); // three schedules, the events bus's SES rule, the ops account's own forwarding rule
    // (OwnSesEventsTest)
  }

  @Test
  void everyFunctionRole_mayAssumeExactlyTheMemberRolesGiven() {
    for (String handler : SesOpsStackTest.HANDLERS) {
      String roleId = roleIdOf(template, functionId(template, handler));
      Capture resources = new Capture();
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
                                  Map.of("Action", "sts:AssumeRole", "Resource", resources)))))));
      assertThat(resources.asArray()).containsExactly(MEMBER_ROLE_A, MEMBER_ROLE_B);
    }
  }

  @Test
  void existingSecret_isUsed_insteadOfCreatingOne() {
    template.resourceCountIs("AWS::SecretsManager::Secret", 0);
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Environment",
            Map.of("Variables", Match.objectLike(Map.of("SES_OPS_SECRET_ID", SECRET_ARN)))));
    String roleId = roleIdOf(template, functionId(template, SesOpsStackTest.MONITOR));
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
                                    "Resource",
                                    SECRET_ARN)))))));
  }

  @Test
  void alertEmail_isSubscribedToTheAlertTopic() {
    String topicId = onlyResource(template, "AWS::SNS::Topic");
    template.hasResourceProperties(
        "AWS::SNS::Subscription",
        Map.of(
            "Protocol", "email",
            "Endpoint", "ops@example.com",
            "TopicArn", ref(topicId)));
  }

  @Test
  void sesMayReadTheTrail_forImportJobsOfEachMemberAccount_underItsOwnPrefixOnly() {
    String bucket = onlyResource(template, "AWS::S3::Bucket");
    for (String account : List.of("444455556666", "777788889999")) {
      template.hasResourceProperties(
          "AWS::S3::BucketPolicy",
          Map.of(
              "PolicyDocument",
              Map.of(
                  "Statement",
                  Match.arrayWith(
                      List.of(
                          Match.objectLike(
                              Map.of(
                                  "Sid", "AllowSesImportJobsOfAccount" + account,
                                  "Principal", Map.of("Service", "ses.amazonaws.com"),
                                  "Action", "s3:GetObject",
                                  "Resource",
                                      Map.of(
                                          "Fn::Join",
                                          List.of(
                                              "",
                                              List.of(
                                                  Map.of("Fn::GetAtt", List.of(bucket, "Arn")),
                                                  "/suppression-trail/" + account + "/*"))),
                                  "Condition",
                                      Map.of(
                                          "StringEquals",
                                          Map.of("aws:SourceAccount", account)))))))));
    }
  }

  @Test
  void dashboard_showsOneLinePerListedAccount() {
    Capture body = new Capture();
    template.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardBody", body));
    String text = body.asObject().toString();
    assertThat(text)
        .contains("[\"SesOps\",\"BounceRate\",\"Account\",\"production\"")
        .contains("[\"SesOps\",\"QuotaUsePercent\",\"Account\",\"staging\"")
        .doesNotContain("SEARCH(");
  }

  @Test
  void awsSolutionsChecks_reportNoUnsuppressedErrors() {
    assertThat(StackFixtures.unsuppressedNagErrors(stack)).isEmpty();
  }
}
