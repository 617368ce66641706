package dev.sesops.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alarm formatter's own Python code (as the stack deploys it) against SNS and SQS in moto:
 * CloudWatch's Lambda alarm-action events for an errors alarm, a throttles alarm and a recovery go
 * to the alert topic with severity, check, account and alarm attributes; subscriptions with the
 * on-call and chat filter policies of docs/alerts.md receive exactly what those policies promise.
 */
class AlarmRoutingIT {

  static final String MOTO =
      System.getenv().getOrDefault("SES_OPS_MOTO_ENDPOINT", "http://127.0.0.1:5055");

  static final String DRIVER =
      """
            import json, sys, time, boto3
            sys.path.insert(0, sys.argv[1])
            import os
            name = sys.argv[2]
            policies = json.loads(sys.argv[3])
            sns = boto3.client('sns'); sqs = boto3.client('sqs')
            topic = sns.create_topic(Name=name)['TopicArn']
            queues = {}
            for key in ['all'] + list(policies):
                url = sqs.create_queue(QueueName=name + '-' + key)['QueueUrl']
                arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']
                attrs = {} if key == 'all' else {'FilterPolicy': policies[key], 'FilterPolicyScope': 'MessageAttributes'}
                sns.subscribe(TopicArn=topic, Protocol='sqs', Endpoint=arn, Attributes=attrs)
                queues[key] = url
            os.environ.update({'ALERT_TOPIC_ARN': topic, 'ALERT_ACCOUNT': 'ses-ops', 'ALERT_CHECK': 'alarm'})
            import index
            def event(alarm, state, previous, metric, description):
                return {'source': 'aws.cloudwatch', 'accountId': '111122223333', 'region': 'eu-west-1',
                        'time': '2026-12-07T23:00:00.000+0000',
                        'alarmArn': 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:' + alarm,
                        'alarmData': {'alarmName': alarm, 'state': {'value': state, 'reason': 'Threshold Crossed: 1 datapoint [2.0] >= 1.0'},
                                      'previousState': {'value': previous},
                                      'configuration': {'description': description, 'metrics': [
                                          {'id': 'm1', 'metricStat': {'metric': {'namespace': 'AWS/Lambda', 'name': metric}, 'period': 300, 'stat': 'Sum'}}]}}}
            index.handler(event('SesOps-MonitorErrorsAlarm-ABC', 'ALARM', 'OK', 'Errors', 'ses-ops monitor function errors'), None)
            index.handler(event('SesOps-ApiThrottlesAlarm-DEF', 'ALARM', 'OK', 'Throttles', 'ses-ops api function throttles'), None)
            index.handler(event('SesOps-MonitorErrorsAlarm-ABC', 'OK', 'ALARM', 'Errors', 'ses-ops monitor function errors'), None)
            out = {}
            for key, url in queues.items():
                got = []
                for _ in range(3):
                    for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get('Messages', []):
                        body = json.loads(m['Body'])
                        got.append({'subject': body.get('Subject'),
                                    'attributes': {k: v['Value'] for k, v in (body.get('MessageAttributes') or {}).items()}})
                out[key] = got
            print(json.dumps(out))
            """;

  @TempDir Path dir;

  /** The filter policy under {@code <!-- filter-policy: NAME -->} in docs/alerts.md. */
  static String documentedPolicy(String name) throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "alerts.md"));
    Matcher m =
        Pattern.compile(
                "<!-- filter-policy: " + Pattern.quote(name) + " -->\\s*```json\\s*(.+?)\\s*```",
                Pattern.DOTALL)
            .matcher(doc);
    assertThat(m.find()).as("filter policy %s in docs/alerts.md", name).isTrue();
    return m.group(1);
  }

  @Test
  void alarms_reachTheTopicWithSeverityAndCheck_andTheDocumentedPoliciesRouteThem()
      throws Exception {
    Files.writeString(dir.resolve("index.py"), AlarmRouting.FORMATTER);
    Files.writeString(dir.resolve("driver.py"), DRIVER);
    ObjectMapper json = new ObjectMapper();
    String policies =
        json.writeValueAsString(
            Map.of("oncall", documentedPolicy("oncall"), "chat", documentedPolicy("chat")));

    JsonNode out =
        json.readTree(
            python(
                dir.resolve("driver.py").toString(),
                dir.toString(),
                "ses-ops-alarms-" + UUID.randomUUID().toString().substring(0, 8),
                policies));

    assertThat(subjects(out.get("all")))
        .containsExactlyInAnyOrder(
            "[CRITICAL] ses-ops alarm ALARM: ses-ops monitor function errors",
            "[WARNING] ses-ops alarm ALARM: ses-ops api function throttles",
            "[OK] ses-ops alarm OK: ses-ops monitor function errors");
    for (JsonNode m : out.get("all")) {
      assertThat(m.get("attributes").get("account").asText()).isEqualTo("ses-ops");
      assertThat(m.get("attributes").get("check").asText()).isEqualTo("alarm");
      assertThat(m.get("attributes").get("alarm").asText()).startsWith("SesOps-");
      assertThat(m.get("subject").asText())
          .startsWith("[" + m.get("attributes").get("severity").asText() + "]");
    }
    assertThat(subjects(out.get("oncall")))
        .containsExactly("[CRITICAL] ses-ops alarm ALARM: ses-ops monitor function errors");
    assertThat(subjects(out.get("chat")))
        .containsExactlyInAnyOrder(
            "[CRITICAL] ses-ops alarm ALARM: ses-ops monitor function errors",
            "[WARNING] ses-ops alarm ALARM: ses-ops api function throttles");
  }

  private static List<String> subjects(JsonNode messages) {
    List<String> s = new ArrayList<>();
    messages.forEach(m -> s.add(m.get("subject").asText()));
    return s;
  }

  private static String python(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment()
        .putAll(
            Map.of(
                "AWS_ENDPOINT_URL",
                MOTO,
                "AWS_ACCESS_KEY_ID",
                "testing",
                "AWS_SECRET_ACCESS_KEY",
                "testing",
                "AWS_DEFAULT_REGION",
                "us-east-1"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    List<String> lines = out.lines().toList();
    return lines.get(lines.size() - 1);
  }
}
