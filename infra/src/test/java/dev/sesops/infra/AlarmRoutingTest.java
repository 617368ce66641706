package dev.sesops.infra;

import static dev.sesops.infra.TemplateQueries.onlyResource;
import static dev.sesops.infra.TemplateQueries.properties;
import static dev.sesops.infra.TemplateQueries.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * Every alarm of the stack (functions, dead letters, the events pipeline, the fleet's state
 * machines) notifies the formatter, which publishes to the alert topic with severity and check;
 * none notifies the topic directly, where a severity-filtered subscription would drop it.
 */
class AlarmRoutingTest {

  static Template template;

  @BeforeAll
  static void synthesizeInFleetMode() {
    App app = StackFixtures.appWithNag();
    app.getNode().setContext("fleetMode", "stepfunctions");
    template =
        Template.fromStack(
            new SesOpsStack(
                app,
                "SesOps",
                StackFixtures.PROPS,
                SesOpsSettings.defaults(),
                StackFixtures.stubCode(),
                SecretTemplate.BUILT_IN));
  }

  /** {@code Fn::GetAtt [formatter, Arn]}: the one function with the formatter's inline handler. */
  static Map<String, Object> formatterArn(Template template) {
    String id =
        onlyResource(
            template,
            "AWS::Lambda::Function",
            Map.of(
                "Description",
                "ses-ops: CloudWatch alarms to the alert topic, with severity and check like every alert"));
    return Map.of("Fn::GetAtt", List.of(id, "Arn"));
  }

  @Test
  void everyAlarm_notifiesTheFormatter_bothWays_andNothingElse() {
    Map<String, Map<String, Object>> alarms = template.findResources("AWS::CloudWatch::Alarm");
    assertThat(alarms).hasSizeGreaterThanOrEqualTo(13);
    alarms.forEach(
        (id, alarm) -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> p = (Map<String, Object>) alarm.get("Properties");
          assertThat(p.get("AlarmActions")).as(id).isEqualTo(List.of(formatterArn(template)));
          assertThat(p.get("OKActions")).as(id).isEqualTo(List.of(formatterArn(template)));
        });
  }

  @Test
  void theFormatter_publishesToTheAlertTopic_asAccountSesOps_checkAlarm() {
    String topicId = onlyResource(template, "AWS::SNS::Topic");
    Map<String, Object> fn =
        properties(
            template, ((List<?>) formatterArn(template).get("Fn::GetAtt")).get(0).toString());

    assertThat(fn.get("Environment"))
        .isEqualTo(
            Map.of(
                "Variables",
                Map.of(
                    "ALERT_TOPIC_ARN",
                    ref(topicId),
                    "ALERT_ACCOUNT",
                    "ses-ops",
                    "ALERT_CHECK",
                    "alarm")));
    assertThat(fn.get("Code").toString())
        .contains("MessageAttributes=attributes", "'severity': level");
  }

  @Test
  void onlyCloudWatchAlarmsOfThisAccount_mayInvokeTheFormatter() {
    String fnId = ((List<?>) formatterArn(template).get("Fn::GetAtt")).get(0).toString();
    Map<String, Object> permission =
        properties(
            template,
            onlyResource(
                template,
                "AWS::Lambda::Permission",
                Map.of("Principal", "lambda.alarms.cloudwatch.amazonaws.com")));

    assertThat(permission)
        .containsEntry("FunctionName", Map.of("Fn::GetAtt", List.of(fnId, "Arn")))
        .containsEntry("SourceAccount", Map.of("Ref", "AWS::AccountId"))
        .containsEntry("Action", "lambda:InvokeFunction");
    assertThat(permission.get("SourceArn").toString()).contains(":alarm:*");
  }

  @Test
  void stack_withTheFormatter_isCdkNagClean() {
    App app = StackFixtures.appWithNag();
    SesOpsStack stack =
        new SesOpsStack(
            app,
            "SesOps",
            StackFixtures.PROPS,
            SesOpsSettings.defaults(),
            StackFixtures.stubCode(),
            SecretTemplate.BUILT_IN);
    Template.fromStack(stack);
    assertThat(StackFixtures.unsuppressedNagErrors(stack)).isEmpty();
  }
}
