package dev.sesops.infra;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.CfnAlarm;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Every CloudWatch alarm of the stack notifies through a small formatter that publishes to the
 * alert topic like every other alert: a {@code [SEVERITY] ...} subject and the message attributes
 * {@code account} ({@code ses-ops}), {@code severity} and {@code check} ({@code alarm}), plus
 * {@code alarm} (its name). A subscription filtered on {@code severity} then receives alarms too,
 * where CloudWatch's own SNS notification (no attributes) would be dropped silently. An aspect
 * points the actions of every alarm that has any at the formatter, so alarms added later (by any
 * construct of the stack) are routed the same way.
 */
final class AlarmRouting extends Construct {

  static final String CHECK = "alarm";
  static final String ACCOUNT = "ses-ops";

  /**
   * CloudWatch's Lambda alarm action event in, one SNS publish out. ALARM is CRITICAL, except a
   * throttles alarm (WARNING: work is delayed, not lost); OK is OK; INSUFFICIENT_DATA is WARNING.
   */
  static final String FORMATTER =
      """
            import json
            import os
            import boto3

            sns = boto3.client('sns')


            def severity(state, metric):
                if state == 'ALARM':
                    return 'WARNING' if metric == 'Throttles' else 'CRITICAL'
                if state == 'OK':
                    return 'OK'
                return 'WARNING'


            def printable(text):
                return ''.join(c if ' ' <= c <= '~' else ' ' for c in text).strip()


            def handler(event, context):
                data = event.get('alarmData') or {}
                name = data.get('alarmName') or 'unknown'
                state = (data.get('state') or {}).get('value') or 'UNKNOWN'
                reason = (data.get('state') or {}).get('reason') or ''
                config = data.get('configuration') or {}
                description = config.get('description') or name
                metric = ''
                for m in config.get('metrics') or []:
                    metric = (((m.get('metricStat') or {}).get('metric') or {}).get('name')) or metric
                level = severity(state, metric)
                subject = printable('[' + level + '] ses-ops alarm ' + state + ': ' + description)
                if len(subject) > 100:
                    subject = subject[:97] + '...'
                body = ('CloudWatch alarm ' + name + ' is ' + state + ' (was '
                        + ((data.get('previousState') or {}).get('value') or 'unknown') + ').\\n'
                        + description + '\\n\\nReason: ' + reason + '\\n\\nAccount ' + str(event.get('accountId'))
                        + ', Region ' + str(event.get('region')) + ', at ' + str(event.get('time')) + '.\\n'
                        + 'What to do next: the function\\'s logs and docs/alerts.md, "Alarms".')
                attributes = {k: {'DataType': 'String', 'StringValue': v} for k, v in
                              {'account': os.environ['ALERT_ACCOUNT'], 'severity': level,
                               'check': os.environ['ALERT_CHECK'], 'alarm': name}.items()}
                sns.publish(TopicArn=os.environ['ALERT_TOPIC_ARN'], Subject=subject, Message=body,
                            MessageAttributes=attributes)
                print(json.dumps({'alarm': name, 'state': state, 'severity': level}))
                return {'severity': level}
            """;

  private final Function formatter;

  AlarmRouting(Construct scope, String id, ITopic alertTopic) {
    super(scope, id);
    LogGroup logs =
        LogGroup.Builder.create(this, "FormatterLogs")
            .retention(SesOpsStack.LOG_RETENTION)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    Role role =
        Role.Builder.create(this, "FormatterRole")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description(
                "ses-ops alarm formatter: alarms to the alert topic with severity and check")
            .build();
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("WriteOwnLogs")
            .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
            .resources(List.of(logs.getLogGroupArn()))
            .build());
    formatter =
        Function.Builder.create(this, "Formatter")
            .description(
                "ses-ops: CloudWatch alarms to the alert topic, with severity and check like every alert")
            .runtime(Runtime.PYTHON_3_13)
            .handler("index.handler")
            .code(Code.fromInline(FORMATTER))
            .timeout(Duration.seconds(30))
            .role(role)
            .logGroup(logs)
            .environment(
                Map.of(
                    "ALERT_TOPIC_ARN", alertTopic.getTopicArn(),
                    "ALERT_ACCOUNT", ACCOUNT,
                    "ALERT_CHECK", CHECK))
            .build();
    alertTopic.grantPublish(formatter);
    formatter.addPermission(
        "AlarmsInvoke",
        Permission.builder()
            .principal(new ServicePrincipal("lambda.alarms.cloudwatch.amazonaws.com"))
            .action("lambda:InvokeFunction")
            .sourceAccount(Aws.ACCOUNT_ID)
            .sourceArn(
                "arn:"
                    + Aws.PARTITION
                    + ":cloudwatch:"
                    + Aws.REGION
                    + ":"
                    + Aws.ACCOUNT_ID
                    + ":alarm:*")
            .build());
    NagSuppressions.addResourceSuppressions(
        formatter,
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-L1",
                "A forty-line formatter; python3.13 is supported well beyond the next releases and the runtime "
                    + "is raised with the stack, not on its own.")));
    NagSuppressions.addResourceSuppressions(
        role,
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-IAM5",
                List.of("Action::kms:GenerateDataKey*"),
                "Added by Topic.grantPublish for the alert topic's own key only (resource is that key).")),
        true);

    Aspects.of(scope).add(new RouteAlarms(formatter));
  }

  Function formatter() {
    return formatter;
  }

  /** Points the alarm and OK actions of every alarm that has any at the formatter. */
  private record RouteAlarms(Function formatter) implements IAspect {
    @Override
    public void visit(IConstruct node) {
      if (node instanceof CfnAlarm alarm) {
        if (hasActions(alarm.getAlarmActions())) {
          alarm.setAlarmActions(List.of(formatter.getFunctionArn()));
        }
        if (hasActions(alarm.getOkActions())) {
          alarm.setOkActions(List.of(formatter.getFunctionArn()));
        }
      }
    }

    private static boolean hasActions(List<String> actions) {
      return actions != null && !actions.isEmpty();
    }
  }
}
