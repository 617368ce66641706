package dev.sesops.infra;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.events.targets.SqsQueueProps;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * SES events in: the {@code ses-ops-events} bus (member accounts, or the Organization, may put
 * events on it), a rule for {@code aws.ses} to an encrypted queue with a dead-letter queue, the
 * events function on the queue with partial batch responses, and alarms on the dead-letter queue
 * and the queue's age. Context: {@code eventsBatchSize} (default 100), {@code
 * eventsBatchWindowSeconds} (default 10), {@code eventsMaxAgeSeconds} (age alarm, default 900),
 * {@code organizationId} (optional).
 */
final class EventsPipeline extends Construct {
  static final String BUS_NAME = "ses-ops-events";

  private final EventBus bus;
  private final Queue queue;
  private final Queue deadLetters;

  EventsPipeline(
      Construct scope,
      String id,
      IFunction function,
      Duration functionTimeout,
      List<String> memberAccountIds,
      ITopic alertTopic) {
    super(scope, id);
    int batchSize = intContext("eventsBatchSize", 100, 1, 10_000);
    int windowSeconds = intContext("eventsBatchWindowSeconds", 10, 0, 300);
    int maxAge = intContext("eventsMaxAgeSeconds", 900, 60, 1_209_600);
    // bounds the pollers' parallel invocations: every batch of an account writes that account's
    // window item,
    // so more concurrency buys little and raises conflicts (each one re-read and redone)
    int maxConcurrency = intContext("eventsMaxConcurrency", 5, 2, 1_000);
    if (batchSize > 10 && windowSeconds < 1) {
      throw new IllegalArgumentException(
          "context eventsBatchSize: above 10 needs eventsBatchWindowSeconds of at least 1");
    }
    Object org = getNode().tryGetContext("organizationId");

    bus = EventBus.Builder.create(this, "Bus").eventBusName(BUS_NAME).build();
    List<IPrincipal> senders = new ArrayList<>();
    memberAccountIds.forEach(a -> senders.add(new AccountPrincipal(a)));
    if (!senders.isEmpty()) {
      bus.addToResourcePolicy(
          PolicyStatement.Builder.create()
              .sid("MemberAccountsPutSesEvents")
              .principals(senders)
              .actions(List.of("events:PutEvents"))
              .resources(List.of(bus.getEventBusArn()))
              .build());
    }
    if (org != null && !org.toString().isBlank()) {
      if (!org.toString().matches("o-[a-z0-9]{10,32}")) {
        throw new IllegalArgumentException(
            "context organizationId: expected o-xxxxxxxxxx, got '" + org + "'");
      }
      bus.addToResourcePolicy(
          PolicyStatement.Builder.create()
              .sid("OrganizationPutsSesEvents")
              .principals(List.of(new AnyPrincipal()))
              .actions(List.of("events:PutEvents"))
              .resources(List.of(bus.getEventBusArn()))
              .conditions(Map.of("StringEquals", Map.of("aws:PrincipalOrgID", org.toString())))
              .build());
    }

    deadLetters =
        Queue.Builder.create(this, "DeadLetterQueue")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    queue =
        Queue.Builder.create(this, "Queue")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(4))
            // Lambda's advice for SQS sources: six times the function timeout
            .visibilityTimeout(Duration.seconds(functionTimeout.toSeconds().longValue() * 6))
            .deadLetterQueue(
                DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(5).build())
            .build();
    NagSuppressions.addResourceSuppressions(
        deadLetters,
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-SQS3",
                "This is the dead-letter queue of the events queue; its own messages are looked at by people (alarm).")));

    Rule.Builder.create(this, "SesEventsRule")
        .description(
            "ses-ops: SES events (sending events, sending status, advisor) to the events queue")
        .eventBus(bus)
        .eventPattern(EventPattern.builder().source(List.of("aws.ses")).build())
        .targets(
            List.of(
                new SqsQueue(
                    queue,
                    SqsQueueProps.builder()
                        .deadLetterQueue(deadLetters)
                        .retryAttempts(10)
                        .maxEventAge(Duration.hours(24))
                        .build())))
        .build();

    function.addEventSource(
        SqsEventSource.Builder.create(queue)
            .batchSize(batchSize)
            .maxBatchingWindow(Duration.seconds(windowSeconds))
            .reportBatchItemFailures(true)
            .maxConcurrency(maxConcurrency)
            .build());

    SnsAction notify = new SnsAction(alertTopic);
    alarm(
        "EventsDeadLetterAlarm",
        "ses-ops events: records are waiting in the events dead-letter queue",
        deadLetters.metricApproximateNumberOfMessagesVisible(
            MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build()),
        1,
        notify);
    alarm(
        "EventsQueueAgeAlarm",
        "ses-ops events: the oldest event on the queue is older than " + maxAge + " s",
        queue.metricApproximateAgeOfOldestMessage(
            MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build()),
        maxAge,
        notify);

    CfnOutput.Builder.create(scope, "EventBusArn")
        .description("Member accounts forward aws.ses events here (SesOpsMemberRoleStack does)")
        .value(bus.getEventBusArn())
        .build();
  }

  private void alarm(
      String id,
      String description,
      software.amazon.awscdk.services.cloudwatch.IMetric metric,
      int threshold,
      SnsAction notify) {
    Alarm alarm =
        Alarm.Builder.create(this, id)
            .alarmDescription(description)
            .metric(metric)
            .threshold(threshold)
            .evaluationPeriods(1)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    alarm.addAlarmAction(notify);
    alarm.addOkAction(notify);
  }

  private int intContext(String key, int fallback, int min, int max) {
    Object v = getNode().tryGetContext(key);
    if (v == null) {
      return fallback;
    }
    int n;
    try {
      n = v instanceof Number num ? num.intValue() : Integer.parseInt(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "context " + key + ": expected a whole number, got '" + v + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          "context " + key + ": must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  EventBus bus() {
    return bus;
  }

  Queue queue() {
    return queue;
  }
}
