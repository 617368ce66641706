package dev.sesops.protection;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sesops.alert.SnsAlertPublisher;
import dev.sesops.api.ApiRequest;
import dev.sesops.api.ApiResponse;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Json;
import dev.sesops.common.Settings;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigParser;
import dev.sesops.core.Scope;
import dev.sesops.core.Window;
import dev.sesops.ses.SesGateway;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.MutableClock;
import dev.sesops.testing.Sdk;
import dev.sesops.wiring.ApiFunction;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The fault that used to orphan a pause: SES (WireMock, as SDK 2.59.1 marshals the sending switch)
 * accepts the pause, then every write to the state table (DynamoDB on moto) fails. The alert must
 * say the scope is PAUSED with the resume command, and {@code resume} through the API must restore
 * it.
 */
class PauseLogFaultIT {
  private static final String CS = "/v2/email/configuration-sets/marketing";

  @TempDir Path dir;

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final AtomicBoolean writesFail = new AtomicBoolean();
  private WireMockServer ses;
  private SqsClient sqs;
  private SnsClient sns;
  private DynamoDbClient dynamo;
  private DynamoDbClient faultyDynamo;
  private S3Client s3;
  private String alertQueue;
  private String topicArn;
  private String table;
  private String bucket;
  private AccountClients clients;

  /** Fails every state-table write while armed, as an unreachable or throttled table would. */
  private final class FailWrites implements ExecutionInterceptor {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      if (writesFail.get() && (op.equals("PutItem") || op.equals("UpdateItem"))) {
        throw SdkClientException.create("injected fault: state table unreachable");
      }
    }
  }

  @BeforeEach
  void setUp() {
    URI moto = Emulator.moto();
    ses = new WireMockServer(options().dynamicPort());
    ses.start();
    Emulator.pointSdkAt(moto);
    Emulator.pointServiceAt("SesV2", URI.create(ses.baseUrl()));
    Emulator.pointServiceAt("Sns", moto);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    sqs = track(Sdk.sqs());
    sns = track(Sdk.sns());
    dynamo = track(Sdk.dynamoDb());
    faultyDynamo =
        track(
            DynamoDbClient.builder()
                .endpointOverride(moto)
                .region(Region.US_EAST_1)
                .credentialsProvider(Sdk.credentials())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new FailWrites()))
                .build());
    s3 = track(Sdk.s3());
    alertQueue = sqs.createQueue(r -> r.queueName("ses-ops-fault-alerts-" + suffix)).queueUrl();
    topicArn = sns.createTopic(r -> r.name("ses-ops-fault-alerts-" + suffix)).topicArn();
    String alertArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(alertQueue).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(alertArn));
    table = "ses-ops-fault-state-" + suffix;
    Sdk.createStateTable(dynamo, table);
    bucket = "ses-ops-fault-reports-" + suffix;
    s3.createBucket(r -> r.bucket(bucket));
    clients = new AccountClients("us-east-1");
  }

  @AfterEach
  void tearDown() throws Exception {
    Emulator.clearSdkProperties();
    clients.close();
    for (AutoCloseable c : closeables) {
      c.close();
    }
    ses.stop();
  }

  private <T extends AutoCloseable> T track(T c) {
    closeables.add(c);
    return c;
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private void configurationSetSending(boolean enabled) {
    ses.stubFor(
        get(urlEqualTo(CS))
            .willReturn(
                json(
                    "{\"ConfigurationSetName\": \"marketing\", \"SendingOptions\": {\"SendingEnabled\": "
                        + enabled
                        + "}}")));
  }

  private List<LoggedRequest> switches() {
    return ses.findAll(putRequestedFor(urlEqualTo(CS + "/sending")));
  }

  private List<JsonNode> alerts() {
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      List<Message> msgs =
          sqs.receiveMessage(r -> r.queueUrl(alertQueue).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages();
      for (Message m : msgs) {
        out.add(Json.read(m.body()));
        sqs.deleteMessage(r -> r.queueUrl(alertQueue).receiptHandle(m.receiptHandle()));
      }
      if (msgs.isEmpty() && i > 0) {
        break;
      }
    }
    return out;
  }

  private String lockState() {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                r ->
                    r.tableName(table)
                        .consistentRead(true)
                        .key(
                            Map.of(
                                "pk",
                                AttributeValue.fromS("PROTECT#shop"),
                                "sk",
                                AttributeValue.fromS("SCOPE#enforce#configuration-set:marketing"))))
            .item();
    return item.get("state").s();
  }

  @Test
  void sesPauseSucceeds_actionLogWriteFails_alertSaysPaused_andResumeRestoresIt() throws Exception {
    // given an account in enforce mode and a configuration set that is sending
    Path config = dir.resolve("config.json");
    Files.writeString(
        config,
        """
        {"accounts": {"shop": {"region": "us-east-1", "aws_account_id": "123456789012",
                               "aws_access_key_id": "AKIASHOP000000000001", "aws_secret_access_key": "shop-secret-key"}},
         "protection": {"mode": "enforce"}}""");
    Settings settings =
        Settings.fromEnv(
            Map.of(
                "SES_OPS_CONFIG_FILE",
                config.toString(),
                "SES_OPS_ALERT_TOPIC_ARN",
                topicArn,
                "SES_OPS_STATE_TABLE",
                table,
                "SES_OPS_REPORT_BUCKET",
                bucket,
                "AWS_REGION",
                "us-east-1"));
    AccountConfig shop = ConfigParser.parse(Files.readString(config)).account("shop");
    configurationSetSending(true);
    ses.stubFor(put(urlEqualTo(CS + "/sending")).willReturn(json("{}")));
    MutableClock clock = new MutableClock(Instant.now());
    ScopeControl sesControl = new SesV2ScopeControl(a -> SesGateway.of(clients, a));
    // the state table fails the moment SES has accepted the pause
    ScopeControl control =
        new ScopeControl() {
          @Override
          public ScopeState read(AccountConfig account, Scope scope) {
            return sesControl.read(account, scope);
          }

          @Override
          public void pause(AccountConfig account, Scope scope, ScopeState before) {
            sesControl.pause(account, scope, before);
            configurationSetSending(false);
            writesFail.set(true);
          }

          @Override
          public void restore(AccountConfig account, Scope scope, ScopeState before) {
            sesControl.restore(account, scope, before);
          }
        };
    Protector protector =
        new Protector(
            new DynamoDbActionStore(faultyDynamo, table),
            new S3ActionTrail(s3, bucket),
            control,
            new SnsAlertPublisher(sns, topicArn),
            clock,
            Duration.ofMillis(50));

    // when a breach is acted on
    ProtectionResult r =
        protector.protect(
            shop,
            List.of(
                new ScopeRate(Scope.configurationSet("marketing"), Window.H1, 300, 36, 0, true)),
            "fault-run");

    // then SES was paused once, and the alert says so with the resume command
    assertThat(switches())
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.getBodyAsString())
                    .isEqualToIgnoringWhitespace("{\"SendingEnabled\":false}"));
    assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("PAUSED, log not updated"));
    List<JsonNode> alerts = alerts();
    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.path("Subject").asText())
                  .isEqualTo(
                      "[CRITICAL] shop: PAUSED, log not updated: configuration set marketing");
              assertThat(a.path("Message").asText())
                  .contains("To resume: ses-ops resume shop --configuration-set marketing")
                  .doesNotContain("nothing was changed")
                  .doesNotContain("shop-secret-key");
            });
    assertThat(lockState()).isEqualTo(ScopeLock.PENDING);

    // when the table is back and someone resumes through the API
    writesFail.set(false);
    clock.advance(Duration.ofMinutes(5));
    ApiResponse resumed =
        ApiFunction.api(settings, clock)
            .handle(
                new ApiRequest(
                    "POST",
                    "/accounts/shop/resume",
                    Map.of(),
                    Map.of("content-type", "application/json"),
                    "{\"configuration_set\": \"marketing\"}",
                    "req-" + UUID.randomUUID()));

    // then the state before is restored and the log is complete
    assertThat(resumed.status()).as(resumed.body().toString()).isEqualTo(200);
    assertThat(resumed.body().path("action").path("status").asText()).isEqualTo("done");
    assertThat(switches()).hasSize(2);
    assertThat(switches().get(1).getBodyAsString())
        .isEqualToIgnoringWhitespace("{\"SendingEnabled\":true}");
    assertThat(lockState()).isEqualTo(ScopeLock.RELEASED);
    assertThat(alerts())
        .extracting(a -> a.path("Subject").asText())
        .containsExactly("[OK] shop: resumed configuration set marketing");
  }
}
