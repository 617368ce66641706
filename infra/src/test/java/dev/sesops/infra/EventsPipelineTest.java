package dev.sesops.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The events pipeline: bus with its resource policy, rule, queues, the function's SQS source,
 * alarms.
 */
class EventsPipelineTest {
  static final String EVENTS = "dev.sesops.wiring.EventsFunction";
  static final String MEMBER_ROLE = "arn:aws:iam::444455556666:role/ses-ops-member";

  static SesOpsStack stack;
  static Template template;

  @BeforeAll
  static void synthesizeOnce() {
    App app = StackFixtures.appWithNag();
    app.getNode().setContext("eventsBatchSize", "500");
    app.getNode().setContext("eventsBatchWindowSeconds", "20");
    app.getNode().setContext("eventsMaxConcurrency", "8");
    app.getNode().setContext("organizationId", "o-abcdefghij");
    stack =
        new SesOpsStack(
            app,
            "SesOps",
            StackFixtures.PROPS,
            SesOpsSettings.fromContext(Map.<String, Object>of("memberRoleArns", MEMBER_ROLE)::get),
            StackFixtures.stubCode(),
            SecretTemplate.BUILT_IN);
    template = Template.fromStack(stack);
  }

  @Test
  void bus_isNamed_andMemberAccountsAndTheOrganizationMayPutEvents() {
    template.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "ses-ops-events"));
    template.hasResourceProperties(
        "AWS::Events::EventBusPolicy",
        Match.objectLike(
            Map.of(
                "StatementId", Match.stringLikeRegexp(".*MemberAccountsPutSesEvents"),
                "Statement",
                    Match.objectLike(
                        Map.of(
                            "Action",
                            "events:PutEvents",
                            "Principal",
                            Map.of("AWS", Match.anyValue()))))));
    template.hasResourceProperties(
        "AWS::Events::EventBusPolicy",
        Match.objectLike(
            Map.of(
                "StatementId", Match.stringLikeRegexp(".*OrganizationPutsSesEvents"),
                "Statement",
                    Match.objectLike(
                        Map.of(
                            "Condition",
                            Map.of(
                                "StringEquals", Map.of("aws:PrincipalOrgID", "o-abcdefghij")))))));
  }

  @Test
  void rule_sendsAwsSesEventsFromTheBus_toTheEncryptedQueue_withADeadLetterQueue() {
    Capture target = new Capture();
    template.hasResourceProperties(
        "AWS::Events::Rule",
        Match.objectLike(
            Map.of(
                "EventBusName", Match.anyValue(),
                "EventPattern", Map.of("source", List.of("aws.ses")),
                "Targets",
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Arn",
                                target,
                                "DeadLetterConfig",
                                Match.anyValue(),
                                "RetryPolicy",
                                Match.anyValue()))))));
    assertThat(target.asObject().toString()).contains("EventsPipelineQueue");
    template.hasResourceProperties(
        "AWS::SQS::Queue",
        Match.objectLike(
            Map.of(
                "SqsManagedSseEnabled",
                true,
                "VisibilityTimeout",
                720,
                "RedrivePolicy",
                Match.objectLike(Map.of("maxReceiveCount", 5)))));
  }

  @Test
  void function_readsTheQueue_withPartialBatchResponses_andTheContextsBatching() {
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "Handler",
                EVENTS + "::handleRequest",
                "Environment",
                Map.of(
                    "Variables",
                    Match.objectLike(Map.of("SES_OPS_STATE_TABLE", Match.anyValue()))))));
    template.hasResourceProperties(
        "AWS::Lambda::EventSourceMapping",
        Match.objectLike(
            Map.of(
                "BatchSize",
                500,
                "MaximumBatchingWindowInSeconds",
                20,
                "ScalingConfig",
                Map.of("MaximumConcurrency", 8),
                "FunctionResponseTypes",
                List.of("ReportBatchItemFailures"))));
  }

  @Test
  void maxConcurrency_defaultsToFive_andBelowTwoIsRejectedNamingTheKey() {
    App plain = new App();
    Template t =
        Template.fromStack(
            new SesOpsStack(
                plain,
                "SesOps",
                StackFixtures.PROPS,
                SesOpsSettings.fromContext(
                    Map.<String, Object>of("memberRoleArns", MEMBER_ROLE)::get),
                StackFixtures.stubCode(),
                SecretTemplate.BUILT_IN));
    t.hasResourceProperties(
        "AWS::Lambda::EventSourceMapping",
        Match.objectLike(Map.of("ScalingConfig", Map.of("MaximumConcurrency", 5))));
    App bad = new App();
    bad.getNode().setContext("eventsMaxConcurrency", "1");
    assertThatThrownBy(
            () ->
                new SesOpsStack(
                    bad,
                    "SesOps",
                    StackFixtures.PROPS,
                    SesOpsSettings.defaults(),
                    StackFixtures.stubCode(),
                    SecretTemplate.BUILT_IN))
        .hasMessageContaining("context eventsMaxConcurrency: must be between 2 and 1000");
  }

  @Test
  void alarms_watchTheDeadLetterQueue_andTheAgeOfTheOldestEvent() {
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Match.objectLike(
            Map.of(
                "MetricName",
                "ApproximateNumberOfMessagesVisible",
                "AlarmDescription",
                Match.stringLikeRegexp("events dead-letter"))));
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Match.objectLike(Map.of("MetricName", "ApproximateAgeOfOldestMessage", "Threshold", 900)));
  }

  @Test
  void stack_withThePipeline_isCdkNagClean() {
    assertThat(StackFixtures.unsuppressedNagErrors(stack)).isEmpty();
  }

  @Test
  void badBatchingContext_isRejectedNamingTheKey() {
    App app = new App();
    app.getNode().setContext("eventsBatchSize", "50000");
    assertThatThrownBy(
            () ->
                new SesOpsStack(
                    app,
                    "SesOps",
                    StackFixtures.PROPS,
                    SesOpsSettings.defaults(),
                    StackFixtures.stubCode(),
                    SecretTemplate.BUILT_IN))
        .hasMessageContaining("context eventsBatchSize: must be between 1 and 10000");
  }
}
