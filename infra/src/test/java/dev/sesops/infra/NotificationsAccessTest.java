package dev.sesops.infra;

import static dev.sesops.infra.TemplateQueries.onlyResource;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Identity notifications in the stack: the events queue's ARN is an output, and the queue's policy
 * lets SNS topics of the member accounts (from memberRoleArns) and of the ops account send to it,
 * nobody else.
 */
class NotificationsAccessTest {

  static Template template;

  @BeforeAll
  static void synthesizeWithTwoMembers() {
    App app = StackFixtures.appWithNag();
    SesOpsSettings settings =
        new SesOpsSettings(
            null,
            null,
            null,
            List.of(
                "arn:aws:iam::444455556666:role/ses-ops-member",
                "arn:aws:iam::777788889999:role/ses-ops-member"),
            null,
            null,
            List.of(),
            false);
    template =
        Template.fromStack(
            new SesOpsStack(
                app,
                "SesOps",
                StackFixtures.PROPS,
                settings,
                StackFixtures.stubCode(),
                SecretTemplate.BUILT_IN));
  }

  private static String eventsQueueId() {
    return onlyResource(template, "AWS::SQS::Queue", Map.of("RedrivePolicy", Match.anyValue()));
  }

  @Test
  void theEventsQueueArn_isAnOutput() {
    template.hasOutput(
        "EventsQueueArn", Map.of("Value", Map.of("Fn::GetAtt", List.of(eventsQueueId(), "Arn"))));
  }

  @Test
  void snsTopicsOfTheMembersAndTheOpsAccount_maySendToTheQueue_andNoOneElse() {
    String policies = template.findResources("AWS::SQS::QueuePolicy").toString();
    assertThat(policies).doesNotContain("\"AWS\":\"*\"");
    template.hasResourceProperties(
        "AWS::SQS::QueuePolicy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Sid",
                                "SnsTopicsOfTheTeamsAccountsDeliver",
                                "Effect",
                                "Allow",
                                "Principal",
                                Map.of("Service", "sns.amazonaws.com"),
                                "Action",
                                "sqs:SendMessage",
                                "Resource",
                                Map.of("Fn::GetAtt", List.of(eventsQueueId(), "Arn")),
                                "Condition",
                                Map.of(
                                    "ArnLike",
                                    Map.of(
                                        "aws:SourceArn",
                                        List.of(
                                            Map.of(
                                                "Fn::Join",
                                                List.of(
                                                    "",
                                                    List.of(
                                                        "arn:",
                                                        Map.of("Ref", "AWS::Partition"),
                                                        ":sns:*:",
                                                        Map.of("Ref", "AWS::AccountId"),
                                                        ":*"))),
                                            Map.of(
                                                "Fn::Join",
                                                List.of(
                                                    "",
                                                    List.of(
                                                        "arn:",
                                                        Map.of("Ref", "AWS::Partition"),
                                                        ":sns:*:444455556666:*"))),
                                            Map.of(
                                                "Fn::Join",
                                                List.of(
                                                    "",
                                                    List.of(
                                                        "arn:",
                                                        Map.of("Ref", "AWS::Partition"),
                                                        ":sns:*:777788889999:*")))))))))))));
  }
}
