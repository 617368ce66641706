package dev.sesops.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;

/**
 * Observability: an errors and a throttles alarm per function, the dead-letter queue's alarm, the
 * monitor's run-metric alarms and the API's 5XX alarm, all routed to the alert topic with severity
 * and check ({@link AlarmRouting}), and the dashboard.
 *
 * <p>Created in the stack's own scope so the logical ids stay those of the one-file stack (see
 * {@link Storage}).
 */
final class Observability {
  private final Stack stack;
  private final SesOpsSettings settings;
  private final Map<String, Function> functions;
  private final Queue deadLetterQueue;
  private final Topic alertTopic;
  private final RestApi api;

  Observability(
      Stack stack,
      SesOpsSettings settings,
      Map<String, Function> functions,
      Queue deadLetterQueue,
      Topic alertTopic,
      RestApi api) {
    this.stack = stack;
    this.settings = settings;
    this.functions = functions;
    this.deadLetterQueue = deadLetterQueue;
    this.alertTopic = alertTopic;
    this.api = api;
    alarms();
    // every alarm (these, the events pipeline's, the fleet's) reaches the topic with severity and
    // check
    new AlarmRouting(stack, "AlarmRouting", alertTopic);
    dashboard();
  }

  private void alarms() {
    SnsAction notify = new SnsAction(alertTopic);
    functions.forEach(
        (id, fn) -> {
          alarm(
              id + "ErrorsAlarm",
              "ses-ops " + id.toLowerCase() + " function errors",
              fn.metricErrors(sumOver5Minutes()),
              notify);
          alarm(
              id + "ThrottlesAlarm",
              "ses-ops " + id.toLowerCase() + " function throttles",
              fn.metricThrottles(sumOver5Minutes()),
              notify);
        });
    alarm(
        "DeadLetterQueueAlarm",
        "ses-ops: failed scheduled invocations are waiting in the dead-letter queue",
        deadLetterQueue.metricApproximateNumberOfMessagesVisible(
            MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build()),
        notify);
    // failures that raise an alarm instead of failing (and so retrying) the invocation: the
    // monitor's run metrics
    for (Map.Entry<String, String> m : RUN_ALARMS.entrySet()) {
      alarm(
          "Monitor" + m.getKey() + "Alarm",
          m.getValue(),
          Metric.Builder.create()
              .namespace("SesOps")
              .metricName(m.getKey())
              .statistic("Sum")
              .period(Duration.minutes(5))
              .build(),
          notify);
    }
    // the audit's and the cleanup's failed accounts (RunMetrics): a failed account does not fail
    // the invocation, so Lambda's Errors never see it
    ACCOUNT_FAILURE_ALARMS.forEach(
        (metricName, description) ->
            alarm(
                metricName + "Alarm",
                description,
                Metric.Builder.create()
                    .namespace("SesOps")
                    .metricName(metricName)
                    .statistic("Sum")
                    .period(Duration.minutes(5))
                    .build(),
                notify));
    // the API handler answers every error itself (never throws), so Lambda's Errors never see a 5XX
    if (api != null) {
      alarm(
          "Api5xxAlarm",
          "ses-ops API answered with a 5XX status",
          api.metricServerError(sumOver5Minutes()),
          notify);
    }
  }

  /** The monitor's run metrics (MetricsSink.emitRun) and what their alarms say. */
  static final Map<String, String> RUN_ALARMS =
      new TreeMap<>(
          Map.of(
              "DedupeOff",
                  "ses-ops monitor: the alert state was unusable; alerts went out without dedupe",
              "AccountsNotReached",
                  "ses-ops monitor: accounts were not reached before the deadline",
              "AlertFailures", "ses-ops monitor: alerts could not be published"));

  /** The audit's and the cleanup's failed-account metrics (EMF, RunMetrics) and their alarms. */
  static final Map<String, String> ACCOUNT_FAILURE_ALARMS =
      new TreeMap<>(
          Map.of(
              "AuditAccountsFailed",
              "ses-ops audit: accounts failed (audit incomplete or report not stored)",
              "CleanupAccountsFailed",
              "ses-ops suppression cleanup: accounts failed"));

  private static MetricOptions sumOver5Minutes() {
    return MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
  }

  /**
   * At least one in a 5-minute period raises it; missing data is fine; the topic hears both ways.
   */
  private void alarm(String id, String description, IMetric metric, SnsAction notify) {
    Alarm alarm =
        Alarm.Builder.create(stack, id)
            .alarmDescription(description)
            .metric(metric)
            .threshold(1)
            .evaluationPeriods(1)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    alarm.addAlarmAction(notify);
    alarm.addOkAction(notify);
  }

  private void dashboard() {
    Dashboard dashboard =
        Dashboard.Builder.create(stack, "Dashboard").dashboardName("ses-ops-" + Aws.REGION).build();
    List<GraphWidget> accountWidgets = new ArrayList<>();
    for (String metricName : List.of("BounceRate", "ComplaintRate", "QuotaUsePercent")) {
      accountWidgets.add(
          GraphWidget.Builder.create()
              .title(metricName + " per account")
              .left(accountMetrics(metricName))
              .width(8)
              .build());
    }
    dashboard.addWidgets(accountWidgets.toArray(GraphWidget[]::new));
    List<IMetric> errors = new ArrayList<>();
    List<IMetric> durations = new ArrayList<>();
    functions.forEach(
        (id, fn) -> {
          errors.add(
              fn.metricErrors(
                  MetricOptions.builder()
                      .label(id)
                      .period(Duration.minutes(5))
                      .statistic("Sum")
                      .build()));
          durations.add(
              fn.metricDuration(
                  MetricOptions.builder()
                      .label(id)
                      .period(Duration.minutes(5))
                      .statistic("Maximum")
                      .build()));
        });
    dashboard.addWidgets(
        GraphWidget.Builder.create().title("Function errors").left(errors).width(12).build(),
        GraphWidget.Builder.create()
            .title("Function duration (max)")
            .left(durations)
            .width(12)
            .build());
  }

  /** One line per account: the listed accounts if context gives them, else a search over all. */
  private List<IMetric> accountMetrics(String metricName) {
    if (settings.accounts().isEmpty()) {
      return List.of(
          MathExpression.Builder.create()
              .expression(
                  "SEARCH('{SesOps,Account} MetricName=\"" + metricName + "\"', 'Maximum', 300)")
              .usingMetrics(Map.of())
              .label("")
              .period(Duration.minutes(5))
              .build());
    }
    List<IMetric> metrics = new ArrayList<>();
    for (String account : settings.accounts()) {
      metrics.add(
          Metric.Builder.create()
              .namespace("SesOps")
              .metricName(metricName)
              .dimensionsMap(Map.of("Account", account))
              .statistic("Maximum")
              .period(Duration.minutes(5))
              .label(account)
              .build());
    }
    return metrics;
  }
}
