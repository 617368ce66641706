package dev.sesops.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import dev.sesops.common.Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.NotificationType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The audit end to end with the real SDK clients: SES v1 identities created through moto's API and
 * read through a WireMock proxy that answers only what moto lacks (GetIdentityDkimAttributes) and
 * SES v2 (GetAccount, configuration sets); reports to moto's S3; alerts through moto's SNS to SQS;
 * DNS from a real dnsmasq.
 */
class AuditIT {
  private static final String SES_REGION = "ap-southeast-3";
  private static final String HOME = "us-east-1";
  private static final StaticCredentialsProvider CREDS = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private static WireMockServer wiremock;
  private static LoopbackDnsmasq dns;
  private static Map<String, String> previousProps;
  private static S3Client s3;
  private static SqsClient sqs;
  private static String account;
  private static String bucket;
  private static String queueUrl;
  private static String good;
  private static String bad;
  private static String email;
  private static List<String> goodTokens;
  private static List<String> badTokens;
  private static Settings settings;
  private static SesClient ses;

  @BeforeAll
  static void setUp() throws Exception {
    Emulators.requireMoto();
    String id = Emulators.unique("");
    account = "it" + id;
    bucket = "ses-ops-audit-it-" + id;
    good = "good" + id + ".test";
    bad = "bad" + id + ".test";
    email = "sender@" + bad;

    // identities through the real SES v1 API (moto)
    ses = SesClient.builder().endpointOverride(URI.create(Emulators.MOTO)).region(Region.of(SES_REGION))
        .credentialsProvider(CREDS).httpClient(UrlConnectionHttpClient.create()).build();
    ses.verifyDomainIdentity(b -> b.domain(good));
    goodTokens = ses.verifyDomainDkim(b -> b.domain(good)).dkimTokens();
    ses.verifyDomainIdentity(b -> b.domain(bad));
    badTokens = ses.verifyDomainDkim(b -> b.domain(bad)).dkimTokens();
    ses.verifyEmailIdentity(b -> b.emailAddress(email));
    ses.setIdentityMailFromDomain(b -> b.identity(good).mailFromDomain("mail." + good));
    SnsClient sns = SnsClient.builder().endpointOverride(URI.create(Emulators.MOTO)).region(Region.of(HOME))
        .credentialsProvider(CREDS).httpClient(UrlConnectionHttpClient.create()).build();
    String feedbackTopic = sns.createTopic(b -> b.name("ses-feedback-" + id)).topicArn();
    ses.setIdentityNotificationTopic(b -> b.identity(good).notificationType(NotificationType.BOUNCE).snsTopic(feedbackTopic));
    ses.setIdentityNotificationTopic(b -> b.identity(good).notificationType(NotificationType.COMPLAINT).snsTopic(feedbackTopic));
    ses.setIdentityFeedbackForwardingEnabled(b -> b.identity(email).forwardingEnabled(false));
    assertThat(ses.listIdentities(b -> {}).identities()).contains(good, bad, email);

    // alert topic -> SQS, report bucket
    String alertTopic = sns.createTopic(b -> b.name("ses-ops-alerts-" + id)).topicArn();
    sqs = SqsClient.builder().endpointOverride(URI.create(Emulators.MOTO)).region(Region.of(HOME))
        .credentialsProvider(CREDS).httpClient(UrlConnectionHttpClient.create()).build();
    queueUrl = sqs.createQueue(b -> b.queueName("ses-ops-alerts-" + id)).queueUrl();
    String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(b -> b.topicArn(alertTopic).protocol("sqs").endpoint(queueArn));
    s3 = S3Client.builder().endpointOverride(URI.create(Emulators.MOTO)).region(Region.of(HOME)).forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .credentialsProvider(CREDS).httpClient(UrlConnectionHttpClient.create()).build();
    s3.createBucket(b -> b.bucket(bucket));

    // WireMock: SES v2 and DKIM attributes as the API reference shapes them, the rest proxied to moto
    wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    wiremock.start();
    wiremock.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(Emulators.MOTO)));
    wiremock.stubFor(post(urlPathEqualTo("/")).atPriority(1).withRequestBody(containing("Action=GetIdentityDkimAttributes"))
        .willReturn(aResponse().withHeader("Content-Type", "text/xml").withBody(dkimBody())));
    wiremock.stubFor(get(urlPathEqualTo("/v2/email/account")).atPriority(1).willReturn(json(
        "{\"DedicatedIpAutoWarmupEnabled\":false,\"EnforcementStatus\":\"HEALTHY\",\"ProductionAccessEnabled\":true,"
            + "\"SendQuota\":{\"Max24HourSend\":50000.0,\"MaxSendRate\":14.0,\"SentLast24Hours\":12.0},\"SendingEnabled\":true,"
            + "\"SuppressionAttributes\":{\"SuppressedReasons\":[\"BOUNCE\",\"COMPLAINT\"]}}")));
    // SDK 2.59's model: ListConfigurationSets is POST /v2/email/list-configuration-sets
    wiremock.stubFor(post(urlPathEqualTo("/v2/email/list-configuration-sets")).atPriority(1)
        .willReturn(json("{\"ConfigurationSets\":[\"transactional\"]}")));
    wiremock.stubFor(get(urlPathEqualTo("/v2/email/configuration-sets/transactional")).atPriority(1).willReturn(json(
        "{\"ConfigurationSetName\":\"transactional\",\"ReputationOptions\":{\"ReputationMetricsEnabled\":false},"
            + "\"SendingOptions\":{\"SendingEnabled\":true},\"SuppressionOptions\":{\"SuppressedReasons\":[\"BOUNCE\",\"COMPLAINT\"]}}")));
    wiremock.stubFor(get(urlPathEqualTo("/v2/email/configuration-sets/transactional/event-destinations")).atPriority(1)
        .willReturn(json("{\"EventDestinations\":[{\"Name\":\"to-sns\",\"Enabled\":true,\"MatchingEventTypes\":[\"DELIVERY\",\"BOUNCE\"],"
            + "\"SnsDestination\":{\"TopicArn\":\"" + feedbackTopic + "\"}}]}")));

    // DNS: the good domain published right, the bad one not at all
    dns = new LoopbackDnsmasq();
    for (String t : goodTokens) {
      dns.cname(t.toLowerCase() + "._domainkey." + good, t.toLowerCase() + ".dkim.amazonses.com");
    }
    dns.txt("_dmarc." + good, "v=DMARC1; p=reject")
        .mx("mail." + good, "feedback-smtp." + SES_REGION + ".amazonses.com", 10)
        .txt("mail." + good, "v=spf1 include:amazonses.com ~all")
        .txt("_amazonses." + good, "ILQMESfEW0p6i6gIJcEWvO65TP5hg6B99hGFZ2lxrIs=")
        .start();

    previousProps = Emulators.sdkProperties(Map.of(
        "aws.endpointUrlSes", wiremock.baseUrl(),
        "aws.endpointUrlSesV2", wiremock.baseUrl(),
        "aws.endpointUrlS3", Emulators.MOTO,
        "aws.endpointUrlSns", Emulators.MOTO,
        "aws.accessKeyId", "testing",
        "aws.secretAccessKey", "testing",
        "aws.region", HOME));

    Path config = Files.createTempFile("ses-ops-audit-it", ".json");
    Files.writeString(config, "{\"accounts\":{\"" + account + "\":{\"region\":\"" + SES_REGION + "\","
        + "\"verified_domains\":[\"" + good + "\",\"" + bad + "\",\"missing" + id + ".test\"]}}}");
    Map<String, String> env = new HashMap<>();
    env.put("SES_OPS_CONFIG_FILE", config.toString());
    env.put("SES_OPS_REPORT_BUCKET", bucket);
    env.put("SES_OPS_ALERT_TOPIC_ARN", alertTopic);
    env.put("SES_OPS_DNS_SERVERS", dns.server());
    env.put("SES_OPS_SES_CALLS_PER_SECOND", "50");
    env.put("AWS_REGION", HOME);
    settings = Settings.fromEnv(env);
  }

  @AfterAll
  static void tearDown() {
    if (ses != null) {
      // moto is shared: leave no identities behind for the next run or the next developer
      for (String identity : new String[] {good, bad, email}) {
        ses.deleteIdentity(b -> b.identity(identity));
      }
    }
    if (previousProps != null) {
      Emulators.restore(previousProps);
    }
    if (wiremock != null) {
      wiremock.stop();
    }
    if (dns != null) {
      dns.close();
    }
  }

  @Test
  void audit_storesAReportInS3_alertsANewHighFindingOnce_andNotOnTheSecondRun() throws Exception {
    Auditor auditor = Auditor.create(settings, Clock.systemUTC());

    // first run
    AuditReport first = auditor.audit(List.of(account), true, Deadline.none(Clock.systemUTC()), "first");
    AccountAudit report = first.accounts().get(0);
    assertThat(report.checks()).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo("ok"));
    // moto is shared: others may hold identities in this Region too, so at least ours
    assertThat(report.identities().get("domains")).isGreaterThanOrEqualTo(2);
    assertThat(report.identities().get("email_addresses")).isGreaterThanOrEqualTo(1);

    // the stored report is where it belongs and says what the run found
    List<String> keys = keys();
    assertThat(keys).singleElement().satisfies(k -> assertThat(k).matches(
        "audits/" + account + "/\\d{4}/\\d{2}/\\d{2}/\\d{8}T\\d{6}Z-first\\.json"));
    JsonNode stored = Json.read(s3.getObjectAsBytes(b -> b.bucket(bucket).key(keys.get(0))).asUtf8String());
    List<String> found = new ArrayList<>();
    stored.path("findings").forEach(f -> found.add(f.path("id").asText() + " " + f.path("resource").asText()));
    String maskedEmail = Resources.identity(email);
    assertThat(found).contains(
        "identity.dkim_not_verified " + bad,
        "dns.dkim_cname_missing " + badTokens.get(0).toLowerCase() + "._domainkey." + bad,
        "dns.dmarc_missing _dmarc." + bad,
        "identity.no_feedback_path " + maskedEmail,
        "drift.missing missing" + account.substring(2) + ".test",
        "configset.reputation_metrics_disabled configuration-set:transactional",
        "configset.no_feedback_destination configuration-set:transactional");
    assertThat(found).noneMatch(f -> f.endsWith(" " + good) || f.contains("." + good) && !f.startsWith("drift"));
    assertThat(stored.path("findings").get(0).path("severity").asText()).isEqualTo("HIGH");
    assertThat(stored.toString()).doesNotContain(email);

    // alerts: one per new HIGH finding, with the monitor's attributes
    List<JsonNode> alerts = drain();
    assertThat(alerts).isNotEmpty();
    assertThat(alerts).anySatisfy(a -> {
      assertThat(a.path("Subject").asText()).isEqualTo("[HIGH] " + account + ": DKIM not verified for " + bad + " (Failed)");
      assertThat(a.path("MessageAttributes").path("check").path("Value").asText()).isEqualTo("identity.dkim_not_verified");
      assertThat(a.path("MessageAttributes").path("severity").path("Value").asText()).isEqualTo("HIGH");
      assertThat(a.path("MessageAttributes").path("account").path("Value").asText()).isEqualTo(account);
    });
    assertThat(alerts).allSatisfy(a -> assertThat(a.toString()).doesNotContain(email));
    assertThat(alerts).hasSize(first.alertsSent().size());

    // second run: the same findings are known, nothing alerts
    AuditReport second = auditor.audit(List.of(account), true, Deadline.none(Clock.systemUTC()), "second");
    assertThat(second.accounts().get(0).newFindings()).isEmpty();
    assertThat(second.accounts().get(0).previousReport()).isEqualTo(keys.get(0));
    assertThat(second.alertsSent()).isEmpty();
    assertThat(drain()).isEmpty();
    assertThat(keys()).hasSize(2);
  }

  private static List<String> keys() {
    return s3.listObjectsV2(b -> b.bucket(bucket).prefix("audits/" + account + "/")).contents().stream()
        .map(S3Object::key).sorted().toList();
  }

  private static List<JsonNode> drain() {
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      List<Message> msgs = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
      if (msgs.isEmpty()) {
        break;
      }
      for (Message m : msgs) {
        out.add(Json.read(m.body()));
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
    return out;
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  private static String dkimBody() {
    return "<GetIdentityDkimAttributesResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">"
        + "<GetIdentityDkimAttributesResult><DkimAttributes>"
        + entry(good, true, "Success", goodTokens)
        + entry(bad, true, "Failed", badTokens)
        + entry(email, false, "NotStarted", List.of())
        + "</DkimAttributes></GetIdentityDkimAttributesResult>"
        + "<ResponseMetadata><RequestId>3c2d4f5e-0000-4d1e-9c1c-1a2b3c4d5e6f</RequestId></ResponseMetadata>"
        + "</GetIdentityDkimAttributesResponse>";
  }

  private static String entry(String identity, boolean enabled, String status, List<String> tokens) {
    StringBuilder sb = new StringBuilder("<entry><key>").append(identity).append("</key><value><DkimEnabled>")
        .append(enabled).append("</DkimEnabled><DkimVerificationStatus>").append(status).append("</DkimVerificationStatus><DkimTokens>");
    tokens.forEach(t -> sb.append("<member>").append(t).append("</member>"));
    return sb.append("</DkimTokens></value></entry>").toString();
  }
}
