package dev.sesops.signals;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import dev.sesops.common.Settings;
import dev.sesops.core.Signal;
import dev.sesops.monitor.AccountReport;
import dev.sesops.monitor.MonitorReport;
import dev.sesops.testing.CloudWatchStubs;
import dev.sesops.testing.CloudWatchStubs.Point;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.Sdk;
import dev.sesops.testing.SesSignalsStub;
import dev.sesops.wiring.MonitorFunction;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One account ("production", us-east-1, AWS account 111122223333) monitored for real over HTTP:
 * config in a Secrets Manager secret, SES v1, SNS to SQS and DynamoDB on moto; SES v2 (GetAccount,
 * VDM, tenants) on WireMock through {@link SesSignalsStub}; CloudWatch GetMetricData on WireMock.
 */
public final class SignalsFixture implements AutoCloseable {
  public static final String CONFIG =
      """
      {"accounts": {
         "production": {"region": "us-east-1", "role_arn": "arn:aws:iam::111122223333:role/ses-ops",
                        "aws_access_key_id": "AKIAPRODUCTION000001", "aws_secret_access_key": "production-secret-key"}},
       "monitoring": {"volume_floor": 100}}""";

  public final WireMockServer wiremock;
  public final SesSignalsStub ses = new SesSignalsStub("us-east-1");
  final String suffix = UUID.randomUUID().toString().substring(0, 8);
  public final String table;
  final String topicArn;
  public final Settings settings;
  public final AccountClients clients;
  private final String queueUrl;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  public SignalsFixture() {
    URI moto = Emulator.moto();
    wiremock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(ses));
    wiremock.start();
    Emulator.pointSdkAt(moto);
    Emulator.pointServiceAt("SesV2", URI.create(wiremock.baseUrl()));
    Emulator.pointServiceAt("CloudWatch", URI.create(wiremock.baseUrl()));
    Instant t = Instant.now().minusSeconds(600);
    wiremock.stubFor(
        CloudWatchStubs.metricData("us-east-1", new Point(0.004, t), new Point(0.0001, t)));

    String secretId = "ses-ops-config-" + suffix;
    track(Sdk.secretsManager())
        .createSecret(r -> r.name(secretId).secretString(CONFIG.replace("%ROLE%", "")));
    SnsClient sns = track(Sdk.sns());
    SqsClient sqs = track(Sdk.sqs());
    topicArn = sns.createTopic(r -> r.name("ses-ops-alerts-" + suffix)).topicArn();
    queueUrl = sqs.createQueue(r -> r.queueName("ses-ops-alerts-" + suffix)).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    DynamoDbClient dynamo = track(Sdk.dynamoDb());
    table = "ses-ops-state-" + suffix;
    Sdk.createStateTable(dynamo, table);
    Map<String, String> env = new HashMap<>();
    env.put("SES_OPS_SECRET_ID", secretId);
    env.put("SES_OPS_ALERT_TOPIC_ARN", topicArn);
    env.put("SES_OPS_STATE_TABLE", table);
    env.put("SES_OPS_SES_CALLS_PER_SECOND", "500");
    env.put("AWS_REGION", "us-east-1");
    settings = Settings.fromEnv(env);
    clients = new AccountClients("us-east-1", settings.sesCallsPerSecond());
  }

  public <T extends AutoCloseable> T track(T c) {
    closeables.add(c);
    return c;
  }

  public MonitorReport monitor() {
    return MonitorFunction.monitor(settings, clients, Clock.systemUTC())
        .run(null, true, Deadline.none(Clock.systemUTC()), "it-" + suffix);
  }

  public static AccountReport production(MonitorReport r) {
    return r.accounts().stream()
        .filter(a -> a.account().equals("production"))
        .findFirst()
        .orElseThrow();
  }

  public static Signal signal(MonitorReport r, String check) {
    return production(r).signals().stream()
        .filter(s -> s.check().equals(check))
        .findFirst()
        .orElseThrow();
  }

  /** Every alert that reached the queue since the last call (SNS envelopes). */
  public List<JsonNode> alerts() {
    SqsClient sqs = track(Sdk.sqs());
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      List<Message> msgs =
          sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages();
      for (Message m : msgs) {
        out.add(Json.read(m.body()));
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
      if (msgs.isEmpty()) {
        break;
      }
    }
    return out;
  }

  public static List<String> subjects(List<JsonNode> alerts) {
    return alerts.stream().map(a -> a.path("Subject").asText()).sorted().toList();
  }

  @Override
  public void close() throws Exception {
    Emulator.clearSdkProperties();
    clients.close();
    for (AutoCloseable c : closeables) {
      c.close();
    }
    wiremock.stop();
  }
}
