package dev.sesops.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Json;
import dev.sesops.common.Settings;
import dev.sesops.local.LocalContext;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.Sdk;
import dev.sesops.wiring.FleetFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The state machine's own steps over S3 and SNS on moto: the items step writes what the ItemReader
 * reads; the summary step reads a ResultWriter export (manifest and result files laid out as Step
 * Functions documents them), stores the summary and alerts once.
 */
class FleetStepsIT {
  @TempDir Path dir;
  private String bucket;
  private String queueUrl;
  private S3Client s3;
  private SqsClient sqs;
  private AccountClients clients;
  private FleetHandler handler;

  @BeforeEach
  void setUp() throws Exception {
    URI moto = Emulator.moto();
    Emulator.pointSdkAt(moto);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    s3 = Sdk.s3();
    bucket = "fleet-reports-" + suffix;
    s3.createBucket(b -> b.bucket(bucket));
    SnsClient sns = Sdk.sns();
    sqs = Sdk.sqs();
    String topicArn = sns.createTopic(r -> r.name("fleet-steps-" + suffix)).topicArn();
    queueUrl = sqs.createQueue(r -> r.queueName("fleet-steps-" + suffix)).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    Path cfg = dir.resolve("config.json");
    Files.writeString(
        cfg,
        """
        {"accounts": {"prod": {"region": "us-east-1"}, "staging": {"region": "eu-west-1"}, "dev": {"region": "eu-west-1"}}}""");
    Settings settings =
        Settings.fromEnv(
            Map.of(
                "SES_OPS_CONFIG_FILE",
                cfg.toString(),
                "SES_OPS_ALERT_TOPIC_ARN",
                topicArn,
                "SES_OPS_REPORT_BUCKET",
                bucket,
                "AWS_REGION",
                "us-east-1"));
    clients = new AccountClients("us-east-1");
    handler = new FleetHandler(FleetFunction.steps(settings, clients));
  }

  @AfterEach
  void tearDown() {
    Emulator.clearSdkProperties();
    clients.close();
    s3.close();
    sqs.close();
  }

  private JsonNode invoke(Object event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)),
        out,
        new LocalContext("fleet", Duration.ofMinutes(1)));
    return Json.read(out.toString(StandardCharsets.UTF_8));
  }

  private void put(String key, Object value) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(Json.write(value)));
  }

  /** One child execution as ResultWriter exports it: Input and Output are JSON strings. */
  private static ObjectNode child(
      String status, JsonNode input, JsonNode output, String error, String cause) {
    ObjectNode c = Json.object();
    c.put(
        "ExecutionArn",
        "arn:aws:states:us-east-1:123456789012:execution:fleet-monitor/abc:" + UUID.randomUUID());
    c.put("Input", Json.write(input));
    c.putObject("InputDetails").put("Included", true);
    c.put("Name", UUID.randomUUID().toString());
    c.put("Status", status);
    if (output != null) {
      c.put("Output", Json.write(output));
      c.putObject("OutputDetails").put("Included", true);
    }
    if (error != null) {
      c.put("Error", error);
      c.put("Cause", cause);
    }
    return c;
  }

  @Test
  void itemsThenSummary_readTheMapExport_storeTheSummary_andAlertOnce() throws Exception {
    // when: the first step
    JsonNode plan = invoke(Map.of("step", "items", "job", "monitor", "run_id", "exec-1"));

    // then: the items for the ItemReader
    assertThat(plan.path("bucket").asText()).isEqualTo(bucket);
    assertThat(plan.path("key").asText()).isEqualTo("fleet/monitor/exec-1/items.json");
    assertThat(plan.path("items").asInt()).isEqualTo(3);
    JsonNode items =
        Json.read(
            s3.getObjectAsBytes(b -> b.bucket(bucket).key("fleet/monitor/exec-1/items.json"))
                .asUtf8String());
    assertThat(items).hasSize(3);
    assertThat(items.get(0).path("account").asText()).isEqualTo("prod");
    assertThat(items.get(0).path("source").asText()).isEqualTo("config");

    // given: the Map ran prod+staging in one batch, dev failed with a Lambda service error
    ObjectNode batch = Json.object();
    batch.set("Items", Json.MAPPER.createArrayNode().add(items.get(0)).add(items.get(1)));
    ObjectNode ok = Json.object();
    ArrayNode accounts = ok.putArray("accounts");
    accounts.addObject().put("account", "prod").put("level", "OK");
    accounts.addObject().put("account", "staging").put("level", "WARNING");
    ObjectNode single = Json.object();
    single.set("Items", Json.MAPPER.createArrayNode().add(items.get(2)));
    String results = "fleet/monitor/exec-1/results/" + UUID.randomUUID() + "/";
    put(results + "SUCCEEDED_0.json", List.of(child("SUCCEEDED", batch, ok, null, null)));
    put(
        results + "FAILED_0.json",
        List.of(
            child(
                "FAILED",
                single,
                null,
                "Lambda.ServiceException",
                "{\"errorType\":\"ServiceException\",\"errorMessage\":\"Rate exceeded\"}")));
    ObjectNode manifest = Json.object();
    manifest.put("DestinationBucket", bucket);
    manifest.put(
        "MapRunArn", "arn:aws:states:us-east-1:123456789012:mapRun:fleet-monitor/exec-1:abc");
    ObjectNode files = manifest.putObject("ResultFiles");
    files.putArray("SUCCEEDED").addObject().put("Key", results + "SUCCEEDED_0.json").put("Size", 1);
    files.putArray("FAILED").addObject().put("Key", results + "FAILED_0.json").put("Size", 1);
    files.putArray("PENDING");
    put(results + "manifest.json", manifest);

    // when: the last step, with the Map's output
    ObjectNode summaryEvent = Json.object();
    summaryEvent.put("step", "summary").put("job", "monitor").put("run_id", "exec-1");
    summaryEvent
        .putObject("map")
        .putObject("ResultWriterDetails")
        .put("Bucket", bucket)
        .put("Key", results + "manifest.json");
    JsonNode s = invoke(summaryEvent);

    // then
    assertThat(s.path("accounts_checked").asInt()).isEqualTo(3);
    assertThat(s.path("levels").path("OK").asInt()).isEqualTo(1);
    assertThat(s.path("levels").path("WARNING").asInt()).isEqualTo(1);
    assertThat(s.path("failures"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path("account").asText()).isEqualTo("dev");
              assertThat(f.path("error").asText())
                  .isEqualTo("Lambda.ServiceException (ServiceException: Rate exceeded)");
            });
    JsonNode stored =
        Json.read(
            s3.getObjectAsBytes(b -> b.bucket(bucket).key("fleet/monitor/exec-1/summary.json"))
                .asUtf8String());
    assertThat(stored.path("accounts")).hasSize(3);
    assertThat(alerts())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.path("Subject").asText())
                    .isEqualTo("[WARNING] ses-ops fleet monitor: 1 failed, 0 not reached"));
  }

  @Test
  void aFailedMap_withoutItsOutput_findsTheExportByPrefix_andReportsWhatDidNotRun()
      throws Exception {
    invoke(Map.of("step", "items", "job", "audit", "run_id", "exec-2"));
    String results = "fleet/audit/exec-2/results/" + UUID.randomUUID() + "/";
    ObjectNode out = Json.object();
    out.putArray("accounts")
        .addObject()
        .put("account", "prod")
        .putObject("counts")
        .put("MEDIUM", 2);
    out.putArray("failures");
    ObjectNode in = Json.object();
    in.set(
        "fleet_item",
        Json.read("{\"account\":\"prod\",\"region\":\"us-east-1\",\"source\":\"config\"}"));
    put(results + "SUCCEEDED_0.json", List.of(child("SUCCEEDED", in, out, null, null)));
    ObjectNode manifest = Json.object();
    manifest
        .putObject("ResultFiles")
        .putArray("SUCCEEDED")
        .addObject()
        .put("Key", results + "SUCCEEDED_0.json");
    put(results + "manifest.json", manifest);

    ObjectNode summaryEvent = Json.object();
    summaryEvent.put("step", "summary").put("job", "audit").put("run_id", "exec-2");
    summaryEvent.putObject("map_error").put("Error", "States.ExceedToleratedFailureThreshold");
    JsonNode s = invoke(summaryEvent);

    assertThat(s.path("levels").path("MEDIUM").asInt()).isEqualTo(1);
    assertThat(s.path("not_reached"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("staging", "dev");
    assertThat(s.path("failures"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.path("error").asText())
                    .contains("States.ExceedToleratedFailureThreshold"));
    assertThat(alerts()).hasSize(1);
  }

  private List<JsonNode> alerts() {
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<Message> msgs =
          sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages();
      for (Message m : msgs) {
        out.add(Json.read(m.body()));
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
    return out;
  }
}
