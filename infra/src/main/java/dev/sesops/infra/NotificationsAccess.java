package dev.sesops.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * SES identity notifications (v1: bounce, complaint and delivery per identity, to an SNS topic)
 * into the events queue: a queue policy that lets SNS topics of the member accounts and of the ops
 * account itself deliver, and the queue's ARN as the output {@code EventsQueueArn} to subscribe
 * them to. The events function reads the SNS envelopes already (docs/events.md); nothing else
 * changes.
 */
final class NotificationsAccess extends Construct {

  NotificationsAccess(Construct scope, String id, IQueue queue, List<String> memberAccountIds) {
    super(scope, id);
    List<String> topics = new ArrayList<>();
    topics.add("arn:" + Aws.PARTITION + ":sns:*:" + Aws.ACCOUNT_ID + ":*");
    memberAccountIds.forEach(a -> topics.add("arn:" + Aws.PARTITION + ":sns:*:" + a + ":*"));
    queue.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("SnsTopicsOfTheTeamsAccountsDeliver")
            .principals(List.of(new ServicePrincipal("sns.amazonaws.com")))
            .actions(List.of("sqs:SendMessage"))
            .resources(List.of(queue.getQueueArn()))
            .conditions(Map.of("ArnLike", Map.of("aws:SourceArn", topics)))
            .build());
    CfnOutput.Builder.create(scope, "EventsQueueArn")
        .description(
            "Subscribe SNS topics of SES identity notifications here (ses-ops connect-notifications)")
        .value(queue.getQueueArn())
        .build();
  }
}
