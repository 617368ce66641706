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
import dev.sesops.testing.Emulator;
import dev.sesops.testing.Sdk;
import dev.sesops.testing.SesStubs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * An account with 1,000 identities: the real SDK clients against WireMock, which counts every SES
 * request. Identities are read in two ListIdentities pages and batches of 100 for each attribute call.
 */
class AuditScaleIT {
  private static WireMockServer wiremock;
  private static Settings settings;
  private static String account;

  @BeforeAll
  static void setUp() throws Exception {
    URI moto = Emulator.moto();
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    account = "scale" + id;
    String bucket = "ses-ops-audit-scale-" + id;
    try (S3Client s3 = Sdk.s3(moto); SnsClient sns = Sdk.sns(moto)) {
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
        .withRequestBody(notContaining("NextToken")).willReturn(SesStubs.response("ListIdentities",
            "<Identities>" + members(0, 500) + "</Identities><NextToken>page-2</NextToken>")));
    wiremock.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=ListIdentities"))
        .withRequestBody(containing("NextToken=page-2")).willReturn(SesStubs.response("ListIdentities",
            "<Identities>" + members(500, 1000) + "</Identities>")));
    wiremock.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=GetIdentityVerificationAttributes"))
        .willReturn(SesStubs.response("GetIdentityVerificationAttributes", "<VerificationAttributes/>")));
    wiremock.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=GetIdentityDkimAttributes"))
        .willReturn(SesStubs.response("GetIdentityDkimAttributes", "<DkimAttributes/>")));
    wiremock.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=GetIdentityMailFromDomainAttributes"))
        .willReturn(SesStubs.response("GetIdentityMailFromDomainAttributes", "<MailFromDomainAttributes/>")));
    wiremock.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=GetIdentityNotificationAttributes"))
        .willReturn(SesStubs.response("GetIdentityNotificationAttributes", "<NotificationAttributes/>")));
    wiremock.stubFor(get(urlPathEqualTo("/v2/email/account")).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"EnforcementStatus\":\"HEALTHY\",\"ProductionAccessEnabled\":true,\"SendingEnabled\":true,"
            + "\"SuppressionAttributes\":{\"SuppressedReasons\":[\"BOUNCE\",\"COMPLAINT\"]}}")));
    wiremock.stubFor(post(urlPathEqualTo("/v2/email/list-configuration-sets")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"ConfigurationSets\":[]}")));

    // the audit's own clients: SES v1 and v2 on WireMock (which counts the calls), S3 and SNS on moto
    Emulator.pointSdkAt(moto);
    URI wm = URI.create(wiremock.baseUrl());
    Emulator.pointServiceAt("Ses", wm);
    Emulator.pointServiceAt("SesV2", wm);
  }

  @AfterAll
  static void tearDown() {
    Emulator.clearSdkProperties();
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
}
