package dev.sesops.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import dev.sesops.common.NotFoundException;
import dev.sesops.common.Settings;
import dev.sesops.config.ConfigParser;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.permissions.SesPermissions;
import dev.sesops.ses.ImportJob;
import dev.sesops.ses.Page;
import dev.sesops.ses.SesGateway;
import dev.sesops.ses.SuppressedEntry;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.Grants;
import dev.sesops.testing.RecordedCalls;
import dev.sesops.testing.Sdk;
import dev.sesops.wiring.SuppressionCleanupFunction;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The cleanup end to end with the real SDK clients over HTTP: SES v2 from the WireMock suppression
 * list stub (moto has no suppression list), the trail and import sources in S3 on moto, notices
 * through SNS on moto (observed on an SQS subscription).
 */
class SuppressionCleanupIT {
  private static final String CONFIG =
      """
      {"accounts": {"production": {"region": "us-east-1", "description": "stub account"}},
       "suppression_cleanup": %s}
      """;
  private static SesV2SuppressionStub stub;
  private static AccountClients clients;
  private static String bucket;

  @BeforeAll
  static void start() throws Exception {
    // S3, SNS and SQS on moto, SES v2 on the stub: restored in stop(), so no later test inherits
    // the stub
    Emulator.pointSdkAt(Emulator.moto());
    stub = new SesV2SuppressionStub(SuppressionCleanupIT::read).serve();
    Emulator.pointServiceAt("SesV2", URI.create(stub.endpoint()));
    clients = new AccountClients("us-east-1", 500);
    bucket = "ses-ops-cleanup-it-" + UUID.randomUUID().toString().substring(0, 8);
    clients.s3().createBucket(b -> b.bucket(bucket));
  }

  @AfterAll
  static void stop() {
    Emulator.clearSdkProperties();
    if (stub != null) {
      stub.shutdown();
    }
    if (clients != null) {
      clients.close();
    }
  }

  @BeforeEach
  void reset() {
    stub.reset();
  }

  private static List<String> read(String s3Url) {
    S3Location l = S3Location.parse(s3Url, "S3Url");
    return new String(
            clients.s3().getObjectAsBytes(b -> b.bucket(l.bucket()).key(l.key())).asByteArray(),
            StandardCharsets.UTF_8)
        .lines()
        .toList();
  }

  private static SuppressionCleanup cleanup(String policy) {
    SesOpsConfig cfg = ConfigParser.parse(CONFIG.formatted(policy));
    return new SuppressionCleanup(
        () -> cfg,
        a -> new PacedSuppressionList(new SesV2SuppressionList(SesGateway.of(clients, a))),
        new S3TrailStore(clients.s3(), bucket),
        null,
        Clock.systemUTC(),
        n -> TimeUnit.NANOSECONDS.sleep(n),
        new CleanupOptions(
            1000, 1000, 20, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ZERO));
  }

  private static Instant daysAgo(int days) {
    return Instant.now().minus(Duration.ofDays(days));
  }

  private static AccountCleanupResult runOne(SuppressionCleanup c) {
    return c.run(List.of("production"), null, Deadline.none(Clock.systemUTC())).accounts().get(0);
  }

  @Test
  void cleanup_overManyPages_removesStaleEntriesByImportJobs_andRestoreBringsTheListBack() {
    // given 2,400 stale bounces, 300 fresh ones, 50 old complaints and 20 kept addresses
    for (int i = 0; i < 2400; i++) {
      stub.add(String.format("stale%04d@example.com", i), "BOUNCE", daysAgo(91 + i % 300));
    }
    for (int i = 0; i < 300; i++) {
      stub.add(String.format("fresh%03d@example.com", i), "BOUNCE", daysAgo(i % 89));
    }
    for (int i = 0; i < 50; i++) {
      stub.add(String.format("complaint%02d@example.com", i), "COMPLAINT", daysAgo(400));
    }
    for (int i = 0; i < 20; i++) {
      stub.add(String.format("vip%02d@bigcustomer.com", i), "BOUNCE", daysAgo(400));
    }
    Map<String, String> before = stub.snapshot();
    SuppressionCleanup cleanup = cleanup("{\"dry_run\": false, \"keep\": [\"@bigcustomer.com\"]}");

    // when
    AccountCleanupResult r = runOne(cleanup);

    // then
    assertThat(r.status()).isEqualTo("ok");
    assertThat(r.listed()).as("only old bounces are listed").isEqualTo(2420);
    assertThat(stub.count(SesV2SuppressionStub.LIST)).isEqualTo(3);
    assertThat(r.eligible()).isEqualTo(2420);
    assertThat(r.keptByPattern()).isEqualTo(20);
    assertThat(r.removed()).isEqualTo(2400);
    assertThat(r.method()).isEqualTo("import_job");
    assertThat(r.importJobs())
        .extracting(ImportJobResult::records)
        .containsExactly(1000L, 1000L, 400L);
    assertThat(stub.count(SesV2SuppressionStub.DELETE)).isZero();
    assertThat(stub.snapshot())
        .hasSize(370)
        .doesNotContainKeys("stale0000@example.com", "stale2399@example.com");
    List<String> trail = read(r.trail());
    assertThat(trail).hasSize(2400);
    JsonNode first = Json.read(trail.get(0));
    assertThat(first.path("email_address").asText()).isEqualTo("stale0000@example.com");
    assertThat(first.path("account").asText()).isEqualTo("production");
    assertThat(read(r.importJobs().get(0).source()).get(0))
        .isEqualTo("{\"emailAddress\":\"stale0000@example.com\",\"reason\":\"BOUNCE\"}");

    // and the round trip: restore from the trail, and the list is what it was
    RestoreReport restore = cleanup.restore(r.trail(), Deadline.none(Clock.systemUTC()));
    assertThat(restore.complete()).isTrue();
    assertThat(restore.restored()).isEqualTo(2400);
    assertThat(restore.method()).isEqualTo("import_job");
    assertThat(stub.snapshot()).isEqualTo(before);
  }

  @Test
  void
      cleanup_urlEncodesPlusPercentAndNonAsciiLocalParts_inDeleteAndGetPaths_andRestoreRoundTrips() {
    List<String> odd =
        List.of(
            "a+tag@example.com",
            "100%sure@example.com",
            "jörg@example.com",
            "ünï+cødé%@example.com");
    odd.forEach(a -> stub.add(a, "BOUNCE", daysAgo(200)));
    stub.add("kept@example.com", "BOUNCE", daysAgo(10));
    Map<String, String> before = stub.snapshot();
    SesV2SuppressionList list =
        new SesV2SuppressionList(
            SesGateway.of(
                clients, ConfigParser.parse(CONFIG.formatted("{}")).account("production")));

    SuppressedEntry details = list.get("ünï+cødé%@example.com").orElseThrow();
    assertThat(details.emailAddress()).isEqualTo("ünï+cødé%@example.com");
    assertThat(details.messageId()).startsWith("msg-");
    assertThat(details.feedbackId()).startsWith("fb-");
    assertThat(list.get("nobody@example.com")).isEmpty();

    SuppressionCleanup cleanup = cleanup("{\"dry_run\": false}");
    AccountCleanupResult r = runOne(cleanup);

    assertThat(r.method()).isEqualTo("single_delete");
    assertThat(r.removed()).isEqualTo(4);
    assertThat(stub.snapshot()).containsOnlyKeys("kept@example.com");
    assertThat(stub.rawPaths())
        .contains(
            "/v2/email/suppression/addresses/a%2Btag%40example.com",
            "/v2/email/suppression/addresses/100%25sure%40example.com",
            "/v2/email/suppression/addresses/j%C3%B6rg%40example.com");
    assertThat(list.delete("a+tag@example.com")).as("already gone").isFalse();

    RestoreReport restore = cleanup.restore(r.trail(), Deadline.none(Clock.systemUTC()));
    assertThat(restore.method()).isEqualTo("single_put");
    assertThat(stub.snapshot()).isEqualTo(before);
  }

  @Test
  void cleanup_ridesOutA429Burst_withTheSdkRetries_andPacesEveryAttempt() {
    for (int i = 0; i < 5; i++) {
      stub.add("u" + i + "@example.com", "BOUNCE", daysAgo(100));
    }
    stub.fault(SesV2SuppressionStub.DELETE, 3, 429);
    stub.fault(SesV2SuppressionStub.LIST, 2, 429);
    long pacedBefore =
        clients.pacer(ConfigParser.parse(CONFIG.formatted("{}")).account("production")).calls();

    AccountCleanupResult r = runOne(cleanup("{\"dry_run\": false}"));

    assertThat(r.status()).isEqualTo("ok");
    assertThat(r.removed()).isEqualTo(5);
    assertThat(r.failed()).isZero();
    assertThat(stub.snapshot()).isEmpty();
    assertThat(stub.count(SesV2SuppressionStub.DELETE)).isEqualTo(5 + 3);
    // every HTTP attempt, the SDK's retries included, went through the account's one pacer
    long attempts = stub.total();
    assertThat(
            clients.pacer(ConfigParser.parse(CONFIG.formatted("{}")).account("production")).calls()
                - pacedBefore)
        .isEqualTo(attempts);
  }

  @Test
  void cleanup_recordsAFailedDelete_whenTheServiceAnswers500MidRun_andRemovesTheRest() {
    for (int i = 0; i < 6; i++) {
      stub.add("u" + i + "@example.com", "BOUNCE", daysAgo(100));
    }
    // the SES client tries four times (AccountClients.SES_MAX_ATTEMPTS); the fifth answer is a
    // success for the next address
    stub.fault(SesV2SuppressionStub.DELETE, 4, 500);

    AccountCleanupResult r = runOne(cleanup("{\"dry_run\": false}"));

    assertThat(r.status()).isEqualTo("partial");
    assertThat(r.removed()).isEqualTo(5);
    assertThat(r.failed()).isEqualTo(1);
    assertThat(stub.snapshot()).containsOnlyKeys("u0@example.com");
  }

  @Test
  void cleanup_failsTheAccount_andRemovesNothing_whenListingFailsWith500() {
    for (int i = 0; i < 1500; i++) {
      stub.add(String.format("u%04d@example.com", i), "BOUNCE", daysAgo(100));
    }
    AccountCleanupResult r = runWithFaultOnSecondPage();

    assertThat(r.status()).isEqualTo("failed");
    assertThat(r.error())
        .isEqualTo("ListSuppressedDestinations failed: InternalFailure (HTTP 500)");
    assertThat(r.removed()).isZero();
    assertThat(r.trail()).isNull();
    assertThat(stub.snapshot()).hasSize(1500);
    assertThat(
            stub.count(SesV2SuppressionStub.DELETE) + stub.count(SesV2SuppressionStub.CREATE_JOB))
        .isZero();
  }

  /** Lets the first page through, then fails every later listing call. */
  private static AccountCleanupResult runWithFaultOnSecondPage() {
    SesOpsConfig cfg = ConfigParser.parse(CONFIG.formatted("{\"dry_run\": false}"));
    SuppressionList real =
        new SesV2SuppressionList(SesGateway.of(clients, cfg.account("production")));
    SuppressionList faultAfterFirstPage =
        new DelegatingList(real) {
          int pages;

          @Override
          public Page<SuppressedEntry> list(ListFilter filter, String nextToken) {
            if (++pages == 2) {
              stub.fault(SesV2SuppressionStub.LIST, 10, 500);
            }
            return super.list(filter, nextToken);
          }
        };
    SuppressionCleanup c =
        new SuppressionCleanup(
            () -> cfg,
            a -> new PacedSuppressionList(faultAfterFirstPage),
            new S3TrailStore(clients.s3(), bucket),
            null,
            Clock.systemUTC(),
            n -> TimeUnit.NANOSECONDS.sleep(n),
            new CleanupOptions(
                1000, 1000, 20, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ZERO));
    return runOne(c);
  }

  @Test
  void cleanup_recordsTheFailedRecords_ofAnImportJobThatFailsPartOfThem() {
    for (int i = 0; i < 120; i++) {
      stub.add(String.format("u%03d@example.com", i), "BOUNCE", daysAgo(100));
    }
    stub.failingRecords = a -> a.endsWith("7@example.com");

    AccountCleanupResult r = runOne(cleanup("{\"dry_run\": false}"));

    assertThat(r.method()).isEqualTo("import_job");
    assertThat(r.status()).isEqualTo("partial");
    assertThat(r.removed()).isEqualTo(108);
    assertThat(r.failed()).isEqualTo(12);
    assertThat(r.importJobs())
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.status()).isEqualTo("COMPLETED");
              assertThat(j.failed()).isEqualTo(12);
            });
    assertThat(stub.snapshot()).hasSize(12);
  }

  @Test
  void cleanup_fallsBackToSingleDeletes_whenCreateImportJobIsRefused_asInTheSandbox() {
    for (int i = 0; i < 60; i++) {
      stub.add(String.format("u%02d@example.com", i), "BOUNCE", daysAgo(100));
    }
    stub.refuseImportJobs = true;

    AccountCleanupResult r = runOne(cleanup("{\"dry_run\": false}"));

    assertThat(r.method()).isEqualTo("import_job+single_delete");
    assertThat(r.removed()).isEqualTo(60);
    assertThat(stub.count(SesV2SuppressionStub.CREATE_JOB)).isEqualTo(1);
    assertThat(stub.snapshot()).isEmpty();
  }

  @Test
  void cleanup_callsOnlySesOperationsItsRoleAndItsMemberSessionGrant() {
    for (int i = 0; i < 60; i++) {
      stub.add(String.format("r%02d@example.com", i), "BOUNCE", daysAgo(100));
    }
    stub.refuseImportJobs = true; // both paths: an import job, then single deletes

    RecordedCalls.start();
    AccountCleanupResult r = runOne(cleanup("{\"dry_run\": false}"));
    Set<String> calls = RecordedCalls.stop();

    assertThat(r.removed()).isEqualTo(60);
    List<String> ses =
        calls.stream().filter(c -> c.startsWith("ses:") || c.startsWith("cloudwatch:")).toList();
    assertThat(ses)
        .contains(
            "ses:ListSuppressedDestinations",
            "ses:CreateImportJob",
            "ses:DeleteSuppressedDestination");
    // every call, S3 and the rest included: its role; the SES ones: its member session
    Set<String> member = Grants.assertGranted("cleanup", "cleanup", calls);
    System.out.println("cleanup made " + calls);
    // the reverse: each SES grant of the cleanup's list is a call of this run (import jobs
    // refused: no GetImportJob), or of the restore of a trail (PutSuppressedDestination)
    Set<String> unused = new java.util.TreeSet<>(SesPermissions.CLEANUP);
    unused.removeAll(member);
    assertThat(unused).isSubsetOf(Set.of("ses:PutSuppressedDestination", "ses:GetImportJob"));
  }

  @Test
  void cleanup_deletesOneByOne_whenGetAccountSaysSandbox() {
    for (int i = 0; i < 60; i++) {
      stub.add(String.format("u%02d@example.com", i), "BOUNCE", daysAgo(100));
    }
    stub.production = false;

    AccountCleanupResult r = runOne(cleanup("{\"dry_run\": false}"));

    assertThat(r.method()).isEqualTo("single_delete");
    assertThat(stub.count(SesV2SuppressionStub.CREATE_JOB)).isZero();
    assertThat(stub.count(SesV2SuppressionStub.ACCOUNT)).isEqualTo(1);
    assertThat(stub.snapshot()).isEmpty();
  }

  @Test
  void restore_ofATrailThatDoesNotExist_isNotFound() {
    assertThatThrownBy(
            () ->
                cleanup("{}")
                    .restore(
                        "s3://" + bucket + "/suppression-trail/production/2025/01/01/none.jsonl",
                        Deadline.none(Clock.systemUTC())))
        .isInstanceOf(NotFoundException.class)
        .hasMessageEndingWith("none.jsonl does not exist");
  }

  @Test
  void deployedWiring_runsFromSettings_writesTheTrail_andSendsTheNoticeThroughSns()
      throws Exception {
    stub.add("bounce@example.com", "BOUNCE", daysAgo(100));
    stub.add("other@example.com", "BOUNCE", daysAgo(100));
    Path config = Files.createTempFile("ses-ops-config", ".json");
    Files.writeString(config, CONFIG.formatted("{\"dry_run\": false}"));
    String topic =
        clients
            .sns()
            .createTopic(
                b -> b.name("ses-ops-cleanup-it-" + UUID.randomUUID().toString().substring(0, 8)))
            .topicArn();
    try (SqsClient sqs = Sdk.sqs()) {
      String queue =
          sqs.createQueue(
                  b ->
                      b.queueName(
                          "ses-ops-cleanup-it-" + UUID.randomUUID().toString().substring(0, 8)))
              .queueUrl();
      String queueArn =
          sqs.getQueueAttributes(
                  b -> b.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
              .attributes()
              .get(QueueAttributeName.QUEUE_ARN);
      clients.sns().subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn));
      Settings settings =
          Settings.fromEnv(
              Map.of(
                  "SES_OPS_CONFIG_FILE",
                  config.toString(),
                  "SES_OPS_REPORT_BUCKET",
                  bucket,
                  "SES_OPS_ALERT_TOPIC_ARN",
                  topic,
                  "SES_OPS_SES_CALLS_PER_SECOND",
                  "50",
                  "AWS_REGION",
                  "us-east-1"));

      CleanupReport report =
          SuppressionCleanupFunction.cleanup(settings, Clock.systemUTC())
              .run(null, null, Deadline.after(Clock.systemUTC(), 60_000, Duration.ofSeconds(5)));

      AccountCleanupResult r = report.accounts().get(0);
      assertThat(r.removed()).isEqualTo(2);
      assertThat(read(r.trail())).hasSize(2);
      List<Message> messages =
          sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5).maxNumberOfMessages(10))
              .messages();
      assertThat(messages)
          .singleElement()
          .satisfies(
              m -> {
                JsonNode envelope = Json.read(m.body());
                assertThat(envelope.path("Subject").asText())
                    .isEqualTo("SES suppression cleanup removed 2 in production");
                assertThat(envelope.path("Message").asText())
                    .contains(r.trail())
                    .doesNotContain("bounce@example.com");
              });
    } finally {
      Files.deleteIfExists(config);
    }
  }

  /** Passes every call through; tests override one. */
  private static class DelegatingList implements SuppressionList {
    private final SuppressionList d;

    DelegatingList(SuppressionList d) {
      this.d = d;
    }

    @Override
    public Page<SuppressedEntry> list(ListFilter filter, String nextToken) {
      return d.list(filter, nextToken);
    }

    @Override
    public java.util.Optional<SuppressedEntry> get(String emailAddress) {
      return d.get(emailAddress);
    }

    @Override
    public boolean delete(String emailAddress) {
      return d.delete(emailAddress);
    }

    @Override
    public void put(String emailAddress, String reason) {
      d.put(emailAddress, reason);
    }

    @Override
    public String createImportJob(String s3Url, ImportAction action, String dataFormat) {
      return d.createImportJob(s3Url, action, dataFormat);
    }

    @Override
    public ImportJob getImportJob(String jobId) {
      return d.getImportJob(jobId);
    }

    @Override
    public boolean productionAccess() {
      return d.productionAccess();
    }
  }
}
