package dev.sesops.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.sesops.common.Deadline;
import dev.sesops.common.Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * An account with 1,000 identities: the real SDK clients against WireMock, which counts every SES
 * request. Identities are read in two ListIdentities pages and batches of 100 for each attribute call.
 */
class AuditScaleIT {
  private static final String Q = "xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\"";
  private static final String META = "<ResponseMetadata><RequestId>5e1f0000-0000-4000-8000-000000000001</RequestId></ResponseMetadata>";
  private static WireMockServer wiremock;
  private static Map<String, String> previousProps;
  private static Settings settings;
  private static String account;

  @BeforeAll
  static void setUp() throws Exception {
    Emulators.requireMoto();
    String id = Emulators.unique("");
    account = "scale" + id;
    String bucket = "ses-ops-audit-scale-" + id;
    StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(Emulators.MOTO)).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create()).build();
        SnsClient sns = SnsClient.builder().endpointOverride(URI.create(Emulators.MOTO)).region(Region.US_EAST_1)
            .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create()).build()) {
      s3.createBucket(b -> b.bucket(bucket));
      String topic = sns.createTopic(b -> b.name("ses-ops-scale-" + id)).topicArn();
      Path config = Files.createTempFile("ses-ops-audit-scale", ".json");
      Files.writeString(config, "{\"accounts\":{\"" + account + "\":{\"region\":\"us-east-1\"}}}");
      settings = Settings.fromEnv(Map.of("SES_OPS_CONFIG_FILE", config.toString(), "SES_OPS_REPORT_BUCKET", bucket,
          "SES_OPS_ALERT_TOPIC_ARN", topic, "SES_OPS_SES_CALLS_PER_SECOND", "200", "AWS_REGION", "us-east-1"));
    }

    wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    wiremock.start();
    wiremock.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=ListIdentities"))
        .withRequestBody(notContaining("NextToken")).willReturn(xml("ListIdentities",
            "<Identities>" + members(0, 500) + "</Identities><NextToken>page-2</NextToken>")));
    wiremock.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=ListIdentities"))
        .withRequestBody(containing("NextToken=page-2")).willReturn(xml("ListIdentities",
            "<Identities>" + members(500, 1000) + "</Identities>")));
    wiremock.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=GetIdentityVerificationAttributes"))
        .willReturn(xml("GetIdentityVerificationAttributes", "<VerificationAttributes/>")));
    wiremock.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=GetIdentityDkimAttributes"))
        .willReturn(xml("GetIdentityDkimAttributes", "<DkimAttributes/>")));
    wiremock.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=GetIdentityMailFromDomainAttributes"))
        .willReturn(xml("GetIdentityMailFromDomainAttributes", "<MailFromDomainAttributes/>")));
    wiremock.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=GetIdentityNotificationAttributes"))
        .willReturn(xml("GetIdentityNotificationAttributes", "<NotificationAttributes/>")));
    wiremock.stubFor(get(urlPathEqualTo("/v2/email/account")).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"EnforcementStatus\":\"HEALTHY\",\"ProductionAccessEnabled\":true,\"SendingEnabled\":true,"
            + "\"SuppressionAttributes\":{\"SuppressedReasons\":[\"BOUNCE\",\"COMPLAINT\"]}}")));
    wiremock.stubFor(post(urlPathEqualTo("/v2/email/list-configuration-sets")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"ConfigurationSets\":[]}")));

    previousProps = Emulators.sdkProperties(Map.of(
        "aws.endpointUrlSes", wiremock.baseUrl(),
        "aws.endpointUrlSesV2", wiremock.baseUrl(),
        "aws.endpointUrlS3", Emulators.MOTO,
        "aws.endpointUrlSns", Emulators.MOTO,
        "aws.accessKeyId", "testing",
        "aws.secretAccessKey", "testing",
        "aws.region", "us-east-1"));
  }

  @AfterAll
  static void tearDown() {
    if (previousProps != null) {
      Emulators.restore(previousProps);
    }
    if (wiremock != null) {
      wiremock.stop();
    }
  }

  @Test
  void audit_ofAThousandIdentities_makesAtMostFiftySesCalls() {
    AuditReport r = Auditor.create(settings, Clock.systemUTC())
        .audit(java.util.List.of(account), false, Deadline.none(Clock.systemUTC()), "scale");

    AccountAudit a = r.accounts().get(0);
    assertThat(a.identities()).containsEntry("email_addresses", 1000);
    assertThat(a.complete()).isTrue();
    int served = wiremock.getAllServeEvents().size();
    // GetAccount + ListConfigurationSets + 2 ListIdentities pages + 10 batches x 4 attribute calls
    assertThat(served).isEqualTo(44).isLessThanOrEqualTo(50);
    assertThat(a.sesCalls()).isEqualTo(served);
    int largestBatch = wiremock.getAllServeEvents().stream()
        .map(e -> e.getRequest().getBodyAsString())
        .filter(b -> b.contains("Action=GetIdentity"))
        .mapToInt(b -> b.split("Identities.member.").length - 1).max().orElse(0);
    assertThat(largestBatch).isEqualTo(100);
    assertThat(r.reportKeys()).hasSize(1);
  }

  private static String members(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append("<member>user").append(i).append("@scale.example.com</member>");
    }
    return sb.toString();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String action, String result) {
    return aResponse().withHeader("Content-Type", "text/xml").withBody(
        "<" + action + "Response " + Q + "><" + action + "Result>" + result + "</" + action + "Result>" + META + "</" + action + "Response>");
  }
}
