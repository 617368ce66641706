package dev.sesops.reports;

import static dev.sesops.reports.ReportFixtures.gzip;
import static dev.sesops.reports.ReportFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Json;
import dev.sesops.common.Settings;
import dev.sesops.local.LocalContext;
import dev.sesops.permissions.SesPermissions;
import dev.sesops.testing.Dnsmasq;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.Grants;
import dev.sesops.testing.MutableClock;
import dev.sesops.testing.RecordedCalls;
import dev.sesops.testing.Sdk;
import dev.sesops.wiring.ReportsFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The reports function end to end: report objects in S3 (moto), S3 events handed to the handler as
 * Lambda would, amazonses.com's SPF served by a real dnsmasq, summaries in DynamoDB, alerts
 * observed on SNS through an SQS subscription.
 */
class ReportsIT {
  private static final String CONFIG =
      """
      {"accounts": {"production": {"region": "us-east-1", "verified_domains": ["example.com"],
                                   "aws_access_key_id": "AKIAPRODUCTION000001", "aws_secret_access_key": "production-secret"}},
       "dmarc": {"known_senders": [{"name": "Zendesk", "ip_ranges": ["203.0.113.0/25"]}]}}""";

  @TempDir Path dir;

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private Dnsmasq dns;
  private S3Client s3;
  private SqsClient sqs;
  private DynamoDbClient dynamo;
  private String bucket;
  private String alertQueue;
  private String table;
  private AccountClients clients;
  private Settings settings;
  private ReportsHandler handler;

  @BeforeEach
  void setUp() throws Exception {
    Emulator.pointSdkAt(Emulator.moto());
    dns =
        Dnsmasq.records()
            .txt("amazonses.com", "v=spf1 ip4:198.51.100.0/24 include:_v6.amazonses.com -all")
            .txt("_v6.amazonses.com", "v=spf1 ip6:2001:db8:5e5::/48 -all")
            .txt("_dmarc.example.com", "v=DMARC1; p=none; rua=mailto:dmarc@reports.example.com")
            .line("ptr-record=77.2.0.192.in-addr.arpa,mail.spoofer.test")
            .local("example.com")
            .start();
    closeables.add(dns);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    s3 = track(Sdk.s3());
    sqs = track(Sdk.sqs());
    SnsClient sns = track(Sdk.sns());
    dynamo = track(Sdk.dynamoDb());
    bucket = "ses-ops-reports-" + suffix;
    s3.createBucket(r -> r.bucket(bucket));
    alertQueue = sqs.createQueue(r -> r.queueName("ses-ops-alerts-" + suffix)).queueUrl();
    String topicArn = sns.createTopic(r -> r.name("ses-ops-alerts-" + suffix)).topicArn();
    String alertArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(alertQueue).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(alertArn));
    table = "ses-ops-state-" + suffix;
    Sdk.createStateTable(dynamo, table);
    Path config = dir.resolve("config.json");
    Files.writeString(config, CONFIG);
    settings =
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
                "SES_OPS_DNS_SERVERS",
                dns.hostAndPort(),
                "AWS_REGION",
                "us-east-1"));
    clients = new AccountClients("us-east-1");
    handler =
        new ReportsHandler(
            ReportsFunction.service(
                settings, clients, new MutableClock(Instant.parse("2026-12-07T09:00:00Z"))));
  }

  @AfterEach
  void tearDown() throws Exception {
    Emulator.clearSdkProperties();
    clients.close();
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T track(T c) {
    closeables.add(c);
    return c;
  }

  private void put(String key, byte[] body) {
    s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(body));
  }

  /** The sample S3 event with this test's bucket and keys, URL-encoded as S3 sends them. */
  private JsonNode invoke(String... keys) throws Exception {
    ObjectNode sample =
        (ObjectNode) Json.read(new String(load("s3-report-file.json"), StandardCharsets.UTF_8));
    JsonNode template = sample.path("Records").get(0);
    var records = sample.putArray("Records");
    for (String k : keys) {
      ObjectNode rec = template.deepCopy();
      ((ObjectNode) rec.path("s3").path("bucket")).put("name", bucket);
      ((ObjectNode) rec.path("s3").path("object"))
          .put("key", URLEncoder.encode(k, StandardCharsets.UTF_8));
      records.add(rec);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(Json.write(sample).getBytes(StandardCharsets.UTF_8)),
        out,
        new LocalContext("reports", Duration.ofMinutes(1)));
    return Json.read(out.toString(StandardCharsets.UTF_8));
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

  private static String attr(JsonNode alert, String name) {
    return alert.path("MessageAttributes").path(name).path("Value").asText(null);
  }

  @Test
  void reportsInS3_areAggregatedAttributedToSes_alertOnceForTheAlignmentFailure_andGiveAVerdict()
      throws Exception {
    put("inbound/0a1b2c3d4e5f", load("google-report.eml"));
    put(
        "reports/enterprise.protection.outlook.com!example.com!1796428800!1796515200.xml.gz",
        gzip(load("outlook.xml")));
    put("reports/yahoo.com!example.com!1796428800!1796515199.xml.gz", gzip(load("yahoo.xml")));
    put(
        "reports/bad.xml",
        "<feedback><report_metadata></feedback>".getBytes(StandardCharsets.UTF_8));

    RecordedCalls.start();
    JsonNode result =
        invoke(
            "inbound/0a1b2c3d4e5f",
            "reports/enterprise.protection.outlook.com!example.com!1796428800!1796515200.xml.gz",
            "reports/yahoo.com!example.com!1796428800!1796515199.xml.gz",
            "reports/bad.xml");
    Set<String> calls = RecordedCalls.stop();
    System.out.println("reports made " + calls.size() + " kinds of AWS calls: " + calls);
    // its role grants every call; in member accounts only the dedicated IPs (ses-ops-reports)
    assertThat(Grants.assertGranted("reports", "reports", calls))
        .containsExactlyElementsOf(SesPermissions.REPORTS_FUNCTION);

    // every good report stored; the bad one rejected with its key, not blocking the others
    assertThat(result.path("reports").asInt()).isEqualTo(3);
    assertThat(result.path("rejected")).hasSize(1);
    assertThat(result.path("rejected").get(0).path("key").asText()).isEqualTo("reports/bad.xml");
    assertThat(result.path("rejected").get(0).path("reason").asText()).startsWith("malformed XML");

    // aggregates in S3, partitioned by date, SES mail tied to the account (inside the
    // dnsmasq-served ranges, ip6 via include)
    List<S3Object> lines =
        s3.listObjectsV2(r -> r.bucket(bucket).prefix("dmarc/aggregates/dt=2026-12-05/"))
            .contents();
    assertThat(lines).hasSize(3);
    List<JsonNode> rows = new ArrayList<>();
    for (S3Object o : lines) {
      for (String line :
          s3.getObjectAsBytes(r -> r.bucket(bucket).key(o.key())).asUtf8String().split("\n")) {
        rows.add(Json.read(line));
      }
    }
    assertThat(rows)
        .filteredOn(n -> n.path("source_class").asText().equals("ses"))
        .allSatisfy(n -> assertThat(n.path("account").asText()).isEqualTo("production"))
        .extracting(n -> n.path("messages").asLong())
        .containsExactlyInAnyOrder(1200L, 300L, 75L);
    assertThat(rows)
        .filteredOn(n -> n.path("source_class").asText().equals("known"))
        .singleElement()
        .satisfies(n -> assertThat(n.path("sources").has("203.0.113.20 (Zendesk)")).isTrue());
    assertThat(rows)
        .filteredOn(n -> n.path("source_class").asText().equals("unknown"))
        .singleElement()
        .satisfies(
            n ->
                assertThat(n.path("failing_sources").has("192.0.2.77 (mail.spoofer.test)"))
                    .isTrue());

    // the day's summary in the state table
    ReportStore store = ReportsFunction.store(settings, clients, java.time.Clock.systemUTC());
    DaySummary ses =
        store
            .summaries("example.com", LocalDate.parse("2026-12-05"), LocalDate.parse("2026-12-05"))
            .stream()
            .filter(s -> s.sourceClass().equals("ses"))
            .findFirst()
            .orElseThrow();
    assertThat(ses.messages()).isEqualTo(1575);
    assertThat(ses.dmarcPass()).isEqualTo(1500);
    assertThat(ses.reports()).isEqualTo(3);
    assertThat(ses.causes()).containsEntry("dkim-unaligned", 75L);

    // one CRITICAL alert for the SES alignment failure
    List<JsonNode> alerts = alerts();
    assertThat(alerts)
        .filteredOn(a -> "CRITICAL".equals(attr(a, "severity")))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(attr(a, "check")).isEqualTo("dmarc-ses-failing");
              assertThat(attr(a, "account")).isEqualTo("production");
              assertThat(attr(a, "scope")).isEqualTo("from-domain:example.com");
              assertThat(a.path("Subject").asText()).contains("dkim-unaligned");
            });

    // the verdict: stay at p=none while SES mail fails, with the record as published
    JsonNode verdict = result.path("verdicts").get(0);
    assertThat(verdict.path("domain").asText()).isEqualTo("example.com");
    assertThat(verdict.path("ready").asBoolean()).isFalse();
    assertThat(verdict.path("summary").asText())
        .startsWith("stay at p=none: SES mail fails DMARC: 95.2% of 1,575 SES messages aligned");
    assertThat(verdict.path("dns_record").asText())
        .isEqualTo("v=DMARC1; p=none; rua=mailto:dmarc@reports.example.com");

    // S3 redelivers: nothing counted twice, no second alert
    JsonNode again = invoke("reports/yahoo.com!example.com!1796428800!1796515199.xml.gz");
    assertThat(again.path("duplicates").asInt()).isEqualTo(1);
    assertThat(again.path("reports").asInt()).isZero();
    assertThat(
            store
                .summaries(
                    "example.com", LocalDate.parse("2026-12-05"), LocalDate.parse("2026-12-05"))
                .stream()
                .filter(s -> s.sourceClass().equals("ses"))
                .findFirst()
                .orElseThrow()
                .messages())
        .isEqualTo(1575);
    assertThat(alerts()).filteredOn(a -> "CRITICAL".equals(attr(a, "severity"))).isEmpty();
  }
}
