package dev.sesops.infra;

import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.DistributedMap;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.ItemBatcher;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.ResultWriter;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.S3JsonItemReader;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * One state machine per scheduled job: a first step writes the (account, Region) items to S3, a
 * Distributed Map runs the job's function per item (per batch for the monitor), its results go to
 * S3, and a last step aggregates them into one summary and one alert. The schedules start these
 * machines; their rule role may start only its own machine.
 */
public final class FleetStateMachines extends Construct {

  /** The Lambda errors worth another try: throttling and the service's own failures. */
  static final List<String> RETRIED_ERRORS =
      List.of(
          "Lambda.TooManyRequestsException",
          "Lambda.ServiceException",
          "Lambda.AWSLambdaException",
          "Lambda.SdkClientException",
          "Lambda.ClientExecutionTimeoutException");

  static final String PREFIX = "fleet/";

  private final Map<String, StateMachine> machines = new LinkedHashMap<>();

  /**
   * @param jobs job id (monitor, audit, cleanup) to the function alias that runs one item, and its
   *     schedule
   */
  public FleetStateMachines(
      Construct scope,
      String id,
      FleetSettings settings,
      IFunction steps,
      Map<String, Job> jobs,
      IBucket bucket,
      IQueue deadLetterQueue,
      ITopic alerts) {
    super(scope, id);
    jobs.forEach(
        (job, j) -> {
          StateMachine m = machine(job, j, settings, steps, bucket, deadLetterQueue);
          machines.put(job, m);
          // a run that fails before its summary (config unreadable, plan broken) would alert nobody
          Alarm alarm =
              Alarm.Builder.create(this, capitalize(job) + "ExecutionsFailedAlarm")
                  .alarmDescription("ses-ops fleet " + job + ": a run failed before its summary")
                  .metric(
                      m.metricFailed(
                          MetricOptions.builder()
                              .period(Duration.minutes(5))
                              .statistic("Sum")
                              .build()))
                  .threshold(1)
                  .evaluationPeriods(1)
                  .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                  .treatMissingData(TreatMissingData.NOT_BREACHING)
                  .build();
          alarm.addAlarmAction(new SnsAction(alerts));
          alarm.addOkAction(new SnsAction(alerts));
        });
  }

  /** A job: the function that runs one item (or batch), and when the run starts. */
  public record Job(IFunction function, String schedule) {}

  public Map<String, StateMachine> machines() {
    return Map.copyOf(machines);
  }

  private StateMachine machine(
      String job,
      Job j,
      FleetSettings settings,
      IFunction steps,
      IBucket bucket,
      IQueue deadLetterQueue) {
    String name = capitalize(job);
    LambdaInvoke plan =
        LambdaInvoke.Builder.create(this, name + "Plan")
            .comment("Reads the config (and the Organization) and writes the items to S3")
            .lambdaFunction(steps)
            .payload(
                TaskInput.fromObject(
                    new TreeMap<String, Object>(
                        Map.of(
                            "step",
                            "items",
                            "job",
                            job,
                            "run_id",
                            JsonPath.stringAt("$$.Execution.Name")))))
            .payloadResponseOnly(true)
            // our own retry below replaces the default one (which has no throttling and no jitter)
            .retryOnServiceExceptions(false)
            .resultPath("$.plan")
            .build();
    retry(plan);

    LambdaInvoke perItem =
        LambdaInvoke.Builder.create(this, name + "Item")
            .comment(
                "The "
                    + job
                    + " function for one item (a batch for the monitor), with its own deadline")
            .lambdaFunction(j.function())
            // the function takes a ScheduledEvent: the Map's item (fleet_item, or Items and
            // BatchInput) goes in its detail (the functions' config.FleetItems)
            .payload(TaskInput.fromObject(itemEvent()))
            .payloadResponseOnly(true)
            // our own retry below replaces the default one (which has no throttling and no jitter)
            .retryOnServiceExceptions(false)
            .build();
    retry(perItem);

    DistributedMap.Builder map =
        DistributedMap.Builder.create(this, name + "Map")
            .comment("One child per (account, Region) item")
            .itemReader(
                S3JsonItemReader.Builder.create()
                    .bucket(bucket)
                    .key(JsonPath.stringAt("$.plan.key"))
                    .build())
            .maxConcurrency(settings.maxConcurrency())
            .toleratedFailurePercentage(settings.toleratedFailurePercentage())
            .resultWriter(
                ResultWriter.Builder.create()
                    .bucket(bucket)
                    .prefix(JsonPath.stringAt("$.plan.results_prefix"))
                    .build())
            .resultPath("$.map");
    if ("monitor".equals(job)) {
      map.itemBatcher(
          ItemBatcher.Builder.create()
              .maxItemsPerBatch(settings.monitorBatchSize())
              .batchInput(batchInput(job))
              .build());
    } else {
      map.itemSelector(Map.of("fleet_item", JsonPath.stringAt("$$.Map.Item.Value")));
    }
    DistributedMap fanOut = map.build();
    fanOut.itemProcessor(perItem);

    LambdaInvoke summarize =
        summary(name + "Summary", job, steps, Map.of("map", JsonPath.objectAt("$.map")));
    LambdaInvoke summarizeFailedMap =
        summary(
            name + "SummaryAfterMapFailure",
            job,
            steps,
            Map.of("map_error", JsonPath.objectAt("$.map_error")));
    fanOut.addCatch(
        summarizeFailedMap,
        CatchProps.builder().errors(List.of(Errors.ALL)).resultPath("$.map_error").build());

    LogGroup logs =
        LogGroup.Builder.create(this, name + "Logs")
            .retention(SesOpsStack.LOG_RETENTION)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    Role role =
        Role.Builder.create(this, name + "Role")
            .assumedBy(new ServicePrincipal("states.amazonaws.com"))
            .description("ses-ops fleet " + job + " state machine")
            .build();
    StateMachine machine =
        StateMachine.Builder.create(this, name + "StateMachine")
            .comment("ses-ops fleet " + job + ": items, Distributed Map, summary")
            .definitionBody(DefinitionBody.fromChainable(plan.next(fanOut).next(summarize)))
            .role(role)
            // a daily audit of 1,000 accounts fits in 30 minutes (docs/performance.md); an hour is
            // the stop
            .timeout(Duration.hours(2))
            .tracingEnabled(true)
            // execution data stays out of the logs: items name accounts, results carry findings
            .logs(
                LogOptions.builder()
                    .destination(logs)
                    .level(LogLevel.ALL)
                    .includeExecutionData(false)
                    .build())
            .build();
    NagSuppressions.addResourceSuppressions(
        machine,
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-IAM5",
                List.of(
                    RegexAppliesTo.builder()
                        .regex("/^Resource::arn:<AWS::Partition>:states:.*:execution:.*$/")
                        .build()),
                "The Distributed Map describes and stops its own child executions, whose names are per run.")),
        true);
    NagSuppressions.addResourceSuppressions(
        role,
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-IAM5",
                List.of(
                    RegexAppliesTo.builder().regex("/^Resource::<.*Alias.*\\.Arn>:\\*$/").build(),
                    RegexAppliesTo.builder()
                        .regex("/^Resource::<.*Function.*\\.Arn>:\\*$/")
                        .build()),
                "LambdaInvoke grants the alias' versions (ARN:*) of the two functions this machine calls."),
            SesOpsStack.suppression(
                "AwsSolutions-IAM5",
                List.of(
                    RegexAppliesTo.builder()
                        .regex("/^Resource::<ReportBucket[0-9A-Fa-f]*\\.Arn>\\/\\*$/")
                        .build(),
                    RegexAppliesTo.builder()
                        .regex(
                            "/^Resource::arn:<AWS::Partition>:s3:::<ReportBucket[0-9A-Fa-f]*>\\/\\*$/")
                        .build()),
                "The Distributed Map reads its items and writes its results under fleet/ of the report "
                    + "bucket; the object keys are per run."),
            SesOpsStack.suppression(
                "AwsSolutions-IAM5",
                List.of(
                    "Resource::*",
                    RegexAppliesTo.builder()
                        .regex("/^Resource::arn:<AWS::Partition>:states:.*$/")
                        .build(),
                    RegexAppliesTo.builder().regex("/^Resource::arn:aws:states:.*$/").build()),
                "X-Ray segments and the log delivery actions have no resource-level permissions; the "
                    + "Distributed Map starts and stops its own child executions of this machine.")),
        true);

    Rule.Builder.create(this, name + "Schedule")
        .description("ses-ops fleet " + job + " schedule: starts the state machine")
        .schedule(Schedule.expression(j.schedule()))
        .targets(
            List.of(
                SfnStateMachine.Builder.create(machine)
                    .input(RuleTargetInput.fromObject(Map.of("job", job)))
                    .deadLetterQueue(deadLetterQueue)
                    .retryAttempts(2)
                    .maxEventAge(Duration.hours(1))
                    .build()))
        .build();
    return machine;
  }

  /** The source the functions' fleet item events carry (FleetItems.SOURCE in functions). */
  static final String ITEM_SOURCE = "ses-ops.fleet";

  /**
   * What a Map child sends its function: a ScheduledEvent-shaped payload whose detail is the
   * child's whole input.
   */
  static Map<String, Object> itemEvent() {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("version", "0");
    e.put("source", ITEM_SOURCE);
    e.put("detail-type", "Fleet Item");
    e.put("detail", JsonPath.getEntirePayload());
    return e;
  }

  private LambdaInvoke summary(String id, String job, IFunction steps, Map<String, Object> extra) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("step", "summary");
    payload.put("job", job);
    payload.put("run_id", JsonPath.stringAt("$$.Execution.Name"));
    payload.put("started_at", JsonPath.stringAt("$$.Execution.StartTime"));
    payload.putAll(extra);
    LambdaInvoke task =
        LambdaInvoke.Builder.create(this, id)
            .comment(
                "Aggregates the results: one summary (S3 and log), one alert when anything failed")
            .lambdaFunction(steps)
            .payload(TaskInput.fromObject(payload))
            .payloadResponseOnly(true)
            // our own retry below replaces the default one (which has no throttling and no jitter)
            .retryOnServiceExceptions(false)
            .build();
    retry(task);
    return task;
  }

  /** Back-off on throttling and Lambda service errors: 2 s, 4 s, 8 s, 16 s with jitter. */
  private static void retry(LambdaInvoke task) {
    task.addRetry(
        RetryProps.builder()
            .errors(RETRIED_ERRORS)
            .interval(Duration.seconds(2))
            .backoffRate(2)
            .maxAttempts(4)
            .maxDelay(Duration.seconds(30))
            .jitterStrategy(software.amazon.awscdk.services.stepfunctions.JitterType.FULL)
            .build());
  }

  /** What every batch carries beside its items; the run id is the execution's name. */
  private static com.fasterxml.jackson.databind.node.ObjectNode batchInput(String job) {
    com.fasterxml.jackson.databind.node.ObjectNode n =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    n.put("job", job);
    n.put("run_id.$", "$$.Execution.Name");
    return n;
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
