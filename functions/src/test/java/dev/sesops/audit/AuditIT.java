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
import dev.sesops.permissions.SesPermissions;
import dev.sesops.testing.Dnsmasq;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.Grants;
import dev.sesops.testing.RecordedCalls;
import dev.sesops.testing.Sdk;
import dev.sesops.testing.SesStubs;
import dev.sesops.wiring.AuditFunction;
import dev.sesops.wiring.IngestReportsCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
 * DNS from a real dnsmasq; a DMARC aggregate report about one domain stored by the reports code
 * itself ({@code ingest-reports}) into a state table on moto, which the audit's DMARC section
 * reads.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditIT {
  private static final String SES_REGION = "ap-southeast-3";
  private static final String HOME = "us-east-1";

  private static WireMockServer wiremock;
  private static Dnsmasq dns;
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
  private static SnsClient sns;
  private static DynamoDbClient dynamo;
  private static String table;
  private static String receiptDomain;

  @BeforeAll
  static void setUp() throws Exception {
    URI moto = Emulator.moto();
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    account = "it" + id;
    bucket = "ses-ops-audit-it-" + id;
    good = "good" + id + ".test";
    bad = "bad" + id + ".test";
    email = "sender@" + bad;

    // identities through the real SES v1 API (moto)
    ses = Sdk.ses(moto, Region.of(SES_REGION));
    ses.verifyDomainIdentity(b -> b.domain(good));
    goodTokens = ses.verifyDomainDkim(b -> b.domain(good)).dkimTokens();
    ses.verifyDomainIdentity(b -> b.domain(bad));
    badTokens = ses.verifyDomainDkim(b -> b.domain(bad)).dkimTokens();
    ses.verifyEmailIdentity(b -> b.emailAddress(email));
    ses.setIdentityMailFromDomain(b -> b.identity(good).mailFromDomain("mail." + good));
    sns = Sdk.sns(moto);
    String feedbackTopic = sns.createTopic(b -> b.name("ses-feedback-" + id)).topicArn();
    ses.setIdentityNotificationTopic(
        b -> b.identity(good).notificationType(NotificationType.BOUNCE).snsTopic(feedbackTopic));
    ses.setIdentityNotificationTopic(
        b -> b.identity(good).notificationType(NotificationType.COMPLAINT).snsTopic(feedbackTopic));
    ses.setIdentityFeedbackForwardingEnabled(b -> b.identity(email).forwardingEnabled(false));
    assertThat(ses.listIdentities(b -> {}).identities()).contains(good, bad, email);

    // alert topic -> SQS, report bucket
    String alertTopic = sns.createTopic(b -> b.name("ses-ops-alerts-" + id)).topicArn();
    sqs = Sdk.sqs(moto);
    queueUrl = sqs.createQueue(b -> b.queueName("ses-ops-alerts-" + id)).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(
                b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(b -> b.topicArn(alertTopic).protocol("sqs").endpoint(queueArn));
    s3 = Sdk.s3(moto);
    s3.createBucket(b -> b.bucket(bucket));
    // the state table the reports write their day summaries to, and the stack's receipt domain for
    // the rua advice
    table = "ses-ops-audit-it-" + id;
    receiptDomain = "reports" + id + ".test";
    dynamo = Sdk.dynamoDb(moto);
    Sdk.createStateTable(dynamo, table);

    // WireMock: SES v2 and DKIM attributes as the API reference shapes them, the rest proxied to
    // moto
    wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    wiremock.start();
    wiremock.stubFor(
        any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.toString())));
    wiremock.stubFor(
        post(urlPathEqualTo("/"))
            .atPriority(1)
            .withRequestBody(containing("Action=GetIdentityDkimAttributes"))
            .willReturn(
                SesStubs.dkimAttributes(
                    SesStubs.dkimEntry(good, true, "Success", goodTokens),
                    SesStubs.dkimEntry(bad, true, "Failed", badTokens),
                    SesStubs.dkimEntry(email, false, "NotStarted", List.of()))));
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/account"))
            .atPriority(1)
            .willReturn(
                json(
                    "{\"DedicatedIpAutoWarmupEnabled\":false,\"EnforcementStatus\":\"HEALTHY\",\"ProductionAccessEnabled\":true,"
                        + "\"SendQuota\":{\"Max24HourSend\":50000.0,\"MaxSendRate\":14.0,\"SentLast24Hours\":12.0},\"SendingEnabled\":true,"
                        + "\"SuppressionAttributes\":{\"SuppressedReasons\":[\"BOUNCE\",\"COMPLAINT\"]}}")));
    // SDK 2.59's model: ListConfigurationSets is POST /v2/email/list-configuration-sets
    wiremock.stubFor(
        post(urlPathEqualTo("/v2/email/list-configuration-sets"))
            .atPriority(1)
            .willReturn(json("{\"ConfigurationSets\":[\"transactional\"]}")));
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/configuration-sets/transactional"))
            .atPriority(1)
            .willReturn(
                json(
                    "{\"ConfigurationSetName\":\"transactional\",\"ReputationOptions\":{\"ReputationMetricsEnabled\":false},"
                        + "\"SendingOptions\":{\"SendingEnabled\":true},\"SuppressionOptions\":{\"SuppressedReasons\":[\"BOUNCE\",\"COMPLAINT\"]}}")));
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/configuration-sets/transactional/event-destinations"))
            .atPriority(1)
            .willReturn(
                json(
                    "{\"EventDestinations\":[{\"Name\":\"to-sns\",\"Enabled\":true,\"MatchingEventTypes\":[\"DELIVERY\",\"BOUNCE\"],"
                        + "\"SnsDestination\":{\"TopicArn\":\""
                        + feedbackTopic
                        + "\"}}]}")));

    // no dedicated IPs in this account (moto has neither call)
    // the default configuration set of each expected domain (issue 11): set, so no finding
    wiremock.stubFor(
        get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                "/v2/email/identities/[^/]+"))
            .atPriority(1)
            .willReturn(
                json("{\"IdentityType\":\"DOMAIN\",\"ConfigurationSetName\":\"transactional\"}")));
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/dedicated-ips"))
            .atPriority(1)
            .willReturn(json("{\"DedicatedIps\":[]}")));
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/dedicated-ip-pools"))
            .atPriority(1)
            .willReturn(json("{\"DedicatedIpPools\":[]}")));
    // SES v2 subscription management: one contact list with two topics (one-click unsubscribe
    // available)
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/contact-lists"))
            .atPriority(1)
            .willReturn(
                json(
                    "{\"ContactLists\":[{\"ContactListName\":\"newsletter\",\"LastUpdatedTimestamp\":1.7e9}]}")));
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/contact-lists/newsletter"))
            .atPriority(1)
            .willReturn(
                json(
                    "{\"ContactListName\":\"newsletter\",\"Topics\":[{\"TopicName\":\"weekly\",\"DisplayName\":\"Weekly\","
                        + "\"DefaultSubscriptionStatus\":\"OPT_IN\"},{\"TopicName\":\"offers\",\"DisplayName\":\"Offers\","
                        + "\"DefaultSubscriptionStatus\":\"OPT_OUT\"}]}")));

    // DNS: the good domain published right, the bad one not at all
    Dnsmasq.Records records = Dnsmasq.records().local("test");
    for (String t : goodTokens) {
      records.cname(
          t.toLowerCase() + "._domainkey." + good, t.toLowerCase() + ".dkim.amazonses.com");
    }
    dns =
        records
            .txt("_dmarc." + good, "v=DMARC1; p=reject; rua=mailto:dmarc@" + good)
            .txt(good, "v=spf1 include:amazonses.com -all")
            .txt("amazonses.com", "v=spf1 ip4:199.255.192.0/22 -all")
            .txt("default._bimi." + good, "v=BIMI1; l=; a=")
            .line("dns-rr=" + good + ",43,30390D02" + "AB".repeat(32))
            .mx("mail." + good, "feedback-smtp." + SES_REGION + ".amazonses.com", 10)
            .txt("mail." + good, "v=spf1 include:amazonses.com ~all")
            .txt("_amazonses." + good, "ILQMESfEW0p6i6gIJcEWvO65TP5hg6B99hGFZ2lxrIs=")
            .line("ptr-record=77.2.0.192.in-addr.arpa,mail.spoofer.test")
            .start();

    // the audit's own clients: SES v1 and v2 through WireMock, the rest (S3, SNS) on moto
    Emulator.pointSdkAt(moto);
    URI wm = URI.create(wiremock.baseUrl());
    Emulator.pointServiceAt("Ses", wm);
    Emulator.pointServiceAt("SesV2", wm);

    Path config = Files.createTempFile("ses-ops-audit-it", ".json");
    Files.writeString(
        config,
        "{\"accounts\":{\""
            + account
            + "\":{\"region\":\""
            + SES_REGION
            + "\","
            + "\"verified_domains\":[\""
            + good
            + "\",\""
            + bad
            + "\",\"missing"
            + id
            + ".test\"]}}}");
    Map<String, String> env = new HashMap<>();
    env.put("SES_OPS_CONFIG_FILE", config.toString());
    env.put("SES_OPS_REPORT_BUCKET", bucket);
    env.put("SES_OPS_ALERT_TOPIC_ARN", alertTopic);
    env.put("SES_OPS_DNS_SERVERS", dns.hostAndPort());
    env.put("SES_OPS_SES_CALLS_PER_SECOND", "50");
    env.put("AWS_REGION", HOME);
    env.put("SES_OPS_STATE_TABLE", table);
    env.put("SES_OPS_REPORTS_RECEIPT_DOMAIN", receiptDomain);
    settings = Settings.fromEnv(env);

    // two days ago, Google reported on the bad domain: 1,200 SES messages (inside amazonses.com's
    // range above),
    // 40 from a sender DKIM-aligned with the domain, 3 failing from an unknown source; stored by
    // the reports code itself
    Map<String, String> ingestEnv = new HashMap<>(env);
    ingestEnv.put(
        "SES_OPS_ALERT_TOPIC_ARN",
        sns.createTopic(b -> b.name("ses-ops-reports-alerts-" + id)).topicArn());
    long begin =
        LocalDate.now(ZoneOffset.UTC).minusDays(2).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    String xml;
    try (var in = AuditIT.class.getResourceAsStream("/events/reports/google.xml")) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    xml =
        xml.replace("example.com", bad)
            .replace("198.51.100.10", "199.255.192.10")
            .replaceAll(
                "<report_id>[^<]*</report_id>", "<report_id>audit-it-" + id + "</report_id>")
            .replaceAll("<begin>[^<]*</begin>", "<begin>" + begin + "</begin>")
            .replaceAll("<end>[^<]*</end>", "<end>" + (begin + 86_399) + "</end>");
    Path report = Files.createTempFile("ses-ops-audit-it-dmarc", ".xml");
    Files.writeString(report, xml);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        IngestReportsCommand.run(
            new String[] {report.toString()},
            ingestEnv,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).as(out + " " + err).isZero();
    assertThat(Json.read(out.toString(StandardCharsets.UTF_8)).path("reports").asInt())
        .isEqualTo(1);
  }

  @AfterAll
  static void tearDown() throws Exception {
    Emulator.clearSdkProperties();
    if (ses != null) {
      // moto is shared: leave no identities behind for the next run or the next developer
      for (String identity : new String[] {good, bad, email}) {
        ses.deleteIdentity(b -> b.identity(identity));
      }
    }
    if (dynamo != null && table != null) {
      dynamo.deleteTable(b -> b.tableName(table));
    }
    for (AutoCloseable client : new AutoCloseable[] {ses, sns, sqs, s3, dynamo}) {
      if (client != null) {
        client.close();
      }
    }
    if (wiremock != null) {
      wiremock.stop();
    }
    if (dns != null) {
      dns.close();
    }
  }

  @Test
  @Order(2) // after the first-run test, which counts the reports and alerts of its own runs
  void audit_callsOnlySesOperationsItsRoleAndItsMemberSessionGrant() {
    Auditor auditor = AuditFunction.auditor(settings, Clock.systemUTC());

    RecordedCalls.start();
    auditor.audit(List.of(account), false, Deadline.none(Clock.systemUTC()), "recorded");
    Set<String> calls = RecordedCalls.stop();

    List<String> ses =
        calls.stream().filter(c -> c.startsWith("ses:") || c.startsWith("cloudwatch:")).toList();
    System.out.println("audit made " + calls.size() + " kinds of AWS calls: " + calls);
    assertThat(ses)
        .as("the audit's SES calls were recorded")
        .contains("ses:GetAccount", "ses:ListIdentities");
    // every call, S3 and DynamoDB included: its role; the SES ones: its member session
    Set<String> member = Grants.assertGranted("audit", "audit", calls);
    // the reverse: each SES grant of the audit's list is a call it made, but the VDM findings
    // (ListRecommendations), read only when VDM is on (VdmChecksTest; the emulated account has it
    // off)
    Set<String> unused = new java.util.TreeSet<>(SesPermissions.AUDIT);
    unused.removeAll(member);
    assertThat(unused).isSubsetOf(Set.of("ses:ListRecommendations"));
  }

  @Test
  @Order(1)
  void audit_storesAReportInS3_withTheDmarcSection_alertsANewHighFindingOnce_andNotOnTheSecondRun()
      throws Exception {
    Auditor auditor = AuditFunction.auditor(settings, Clock.systemUTC());

    // first run
    AuditReport first =
        auditor.audit(List.of(account), true, Deadline.none(Clock.systemUTC()), "first");
    AccountAudit report = first.accounts().get(0);
    assertThat(report.checks()).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo("ok"));
    // moto is shared: others may hold identities in this Region too, so at least ours
    assertThat(report.identities().get("domains")).isGreaterThanOrEqualTo(2);
    assertThat(report.identities().get("email_addresses")).isGreaterThanOrEqualTo(1);

    // the stored report is where it belongs and says what the run found
    List<String> keys = keys().stream().filter(k -> k.endsWith(".json")).toList();
    assertThat(keys)
        .singleElement()
        .satisfies(
            k ->
                assertThat(k)
                    .matches(
                        "audits/" + account + "/\\d{4}/\\d{2}/\\d{2}/\\d{8}T\\d{6}Z-first\\.json"));
    JsonNode stored =
        Json.read(s3.getObjectAsBytes(b -> b.bucket(bucket).key(keys.get(0))).asUtf8String());
    List<String> found = new ArrayList<>();
    stored
        .path("findings")
        .forEach(f -> found.add(f.path("id").asText() + " " + f.path("resource").asText()));
    String maskedEmail = Resources.identity(email);
    assertThat(found)
        .contains(
            "identity.dkim_not_verified " + bad,
            "dns.dkim_cname_missing " + badTokens.get(0).toLowerCase() + "._domainkey." + bad,
            "dns.dmarc_missing _dmarc." + bad,
            "identity.no_feedback_path " + maskedEmail,
            "drift.missing missing" + account.substring(2) + ".test",
            "configset.reputation_metrics_disabled configuration-set:transactional",
            "configset.no_feedback_destination configuration-set:transactional");
    assertThat(found)
        .noneMatch(f -> f.endsWith(" " + good) || f.contains("." + good) && !f.startsWith("drift"));
    assertThat(stored.path("findings").get(0).path("severity").asText()).isEqualTo("HIGH");
    assertThat(stored.toString()).doesNotContain(email);

    // the per-domain table and the readiness matrix (SES v1 GetSendStatistics from moto: no volume
    // yet)
    JsonNode goodRow = null;
    for (JsonNode d : stored.path("domains")) {
      if (d.path("domain").asText().equals(good)) {
        goodRow = d;
      }
    }
    assertThat(goodRow).as("domain row for " + good).isNotNull();
    assertThat(goodRow.path("checks").path("DKIM").path("status").asText()).isEqualTo("pass");
    assertThat(goodRow.path("checks").path("DNSSEC").path("status").asText()).isEqualTo("pass");
    assertThat(goodRow.path("checks").path("MTA-STS").path("status").asText()).isEqualTo("n/a");
    List<String> readiness = new ArrayList<>();
    goodRow
        .path("readiness")
        .forEach(
            r -> readiness.add(r.path("requirement").asText() + "=" + r.path("status").asText()));
    assertThat(readiness)
        .contains(
            "SPF=pass",
            "DKIM=pass",
            "DMARC (at least p=none)=pass",
            "Alignment (DKIM or SPF with the From domain)=pass",
            "One-click unsubscribe (RFC 8058)=pass",
            "Spam complaints under 0.3% (account-wide, SES feedback)=unknown");
    assertThat(stored.path("score_history")).hasSize(1);

    // the DMARC section: the reported domain's verdict and record, the quiet one's advice with the
    // receipt domain's address
    JsonNode badDmarc = null;
    for (JsonNode d : stored.path("domains")) {
      if (d.path("domain").asText().equals(bad)) {
        badDmarc = d.path("dmarc");
      }
    }
    assertThat(badDmarc).as("DMARC section of " + bad).isNotNull();
    assertThat(badDmarc.path("messages").asLong()).isEqualTo(1243);
    String verdict =
        "p=none to p=quarantine: 99.8% of 1,243 messages aligned; the 0.2% failing include 1 unknown source: "
            + "192.0.2.77 (mail.spoofer.test)";
    assertThat(badDmarc.path("verdict").asText()).isEqualTo(verdict);
    assertThat(badDmarc.path("dns_record").asText()).isEqualTo("v=DMARC1; p=quarantine");
    assertThat(badDmarc.path("daily"))
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.path("day").asText())
                  .isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(2).toString());
              assertThat(day.path("ses").asLong()).isEqualTo(1200);
              assertThat(day.path("unknown").asLong()).isEqualTo(43);
            });
    JsonNode goodDmarc = goodRow.path("dmarc");
    assertThat(goodDmarc.path("messages").asLong()).isZero();
    assertThat(goodDmarc.path("advice").asText())
        .startsWith(
            "no DMARC reports received in 30 days: publish rua=mailto:dmarc@"
                + receiptDomain
                + " in _dmarc."
                + good)
        .contains(good + "._report._dmarc." + receiptDomain);
    assertThat(goodDmarc.path("dns_record").asText())
        .isEqualTo(
            "v=DMARC1; p=reject; rua=mailto:dmarc@" + good + ",mailto:dmarc@" + receiptDomain);

    // alerts: one per new HIGH finding, with the monitor's attributes
    List<JsonNode> alerts = drain();
    assertThat(alerts).isNotEmpty();
    assertThat(alerts)
        .anySatisfy(
            a -> {
              assertThat(a.path("Subject").asText())
                  .isEqualTo("[HIGH] " + account + ": DKIM not verified for " + bad + " (Failed)");
              assertThat(a.path("MessageAttributes").path("check").path("Value").asText())
                  .isEqualTo("identity.dkim_not_verified");
              assertThat(a.path("MessageAttributes").path("severity").path("Value").asText())
                  .isEqualTo("HIGH");
              assertThat(a.path("MessageAttributes").path("account").path("Value").asText())
                  .isEqualTo(account);
            });
    assertThat(alerts).allSatisfy(a -> assertThat(a.toString()).doesNotContain(email));

    // the HTML page beside the JSON, and the alerts' pre-signed link to it (12 h: static keys)
    String htmlKey = keys.get(0).replace(".json", ".html");
    assertThat(keys()).contains(htmlKey);
    var html = s3.getObjectAsBytes(b -> b.bucket(bucket).key(htmlKey));
    assertThat(html.response().contentType()).startsWith("text/html");
    assertThat(html.asUtf8String())
        .contains("<svg id=\"score-trend\"")
        .contains(good)
        .doesNotContain(email);
    String page = html.asUtf8String();
    String dmarc =
        page.substring(
            page.indexOf("<section id=\"dmarc\">"), page.indexOf("<section id=\"findings\">"));
    assertThat(dmarc)
        .contains("<b>READY</b> " + verdict)
        .contains(
            "TXT record to publish at <code>_dmarc."
                + bad
                + "</code>:</p><pre class=\"record\">v=DMARC1; p=quarantine</pre>")
        .contains("<li>unknown: 192.0.2.77 (mail.spoofer.test)</li>")
        .contains("<svg id=\"dmarc-chart-")
        .contains(
            "<b>NO REPORTS</b> no DMARC reports received in 30 days: publish rua=mailto:dmarc@"
                + receiptDomain)
        .doesNotContain("<script");
    String body = alerts.get(0).path("Message").asText();
    java.util.regex.Matcher link =
        java.util.regex.Pattern.compile("Report \\(link valid up to 12 hours\\): (\\S+)")
            .matcher(body);
    assertThat(link.find()).as(body).isTrue();
    assertThat(link.group(1)).contains(htmlKey).contains("X-Amz-Expires=43200");
    var got =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(URI.create(link.group(1))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).startsWith("<!DOCTYPE html>");
    assertThat(alerts).hasSize(first.alertsSent().size());

    // second run: the same findings are known, nothing alerts
    AuditReport second =
        auditor.audit(List.of(account), true, Deadline.none(Clock.systemUTC()), "second");
    assertThat(second.accounts().get(0).newFindings()).isEmpty();
    assertThat(second.accounts().get(0).previousReport()).isEqualTo(keys.get(0));
    assertThat(second.alertsSent()).isEmpty();
    assertThat(drain()).isEmpty();
    assertThat(keys()).hasSize(4); // two JSON reports, two HTML pages
    assertThat(second.accounts().get(0).scoreHistory()).hasSize(2);
  }

  private static List<String> keys() {
    return s3
        .listObjectsV2(b -> b.bucket(bucket).prefix("audits/" + account + "/"))
        .contents()
        .stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }

  private static List<JsonNode> drain() {
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      List<Message> msgs =
          sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages();
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

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }
}
