package dev.sesops.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sesops.common.Settings;
import dev.sesops.testing.CloudWatchStubs;
import dev.sesops.testing.Dnsmasq;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.Sdk;
import dev.sesops.testing.SesStubs;
import dev.sesops.testing.SesV2Stubs;
import dev.sesops.wiring.ApiFunction;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The real API against emulators: SES v1 on moto (through a WireMock proxy that serves the DKIM
 * calls moto lacks), SES v2 and CloudWatch (RPC v2 CBOR) on WireMock, STS, S3 and SNS on moto, DNS
 * from a real dnsmasq. The config's account assumes a role in a fresh moto account, so nothing
 * collides with other tests on the shared moto.
 */
final class ApiEmulator implements AutoCloseable {
  static final String ROLE = "ses-ops-api-it";

  final URI moto;
  final WireMockServer wiremock;
  final Dnsmasq dns;
  final String motoAccount;
  final Path configFile;
  final Settings settings;
  final Map<String, String> env;
  final SesClient seedSes;
  final ApiHandler handler;

  ApiEmulator() throws IOException {
    try {
      moto = Emulator.moto();
      wiremock = new WireMockServer(options().dynamicPort());
      wiremock.start();
      Emulator.pointSdkAt(moto);
      URI wm = URI.create(wiremock.baseUrl());
      Emulator.pointServiceAt("SesV2", wm);
      Emulator.pointServiceAt("CloudWatch", wm);
      Emulator.pointServiceAt("Ses", wm);
      stubs();

      motoAccount =
          String.valueOf(100_000_000_000L + (long) (new Random().nextDouble() * 899_999_999_999L));
      String suffix = UUID.randomUUID().toString().substring(0, 8);
      String bucket = "ses-ops-api-it-" + suffix;
      String topicArn;
      String table = "ses-ops-api-it-" + suffix;
      try (var s3 = Sdk.s3();
          var sns = Sdk.sns();
          var dynamo = Sdk.dynamoDb()) {
        s3.createBucket(r -> r.bucket(bucket));
        topicArn = sns.createTopic(r -> r.name("ses-ops-api-it-" + suffix)).topicArn();
        // the state table: the protection routes (resume, actions) read the action log there
        dynamo.createTable(
            r ->
                r.tableName(table)
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(
                        a -> a.attributeName("pk").attributeType("S"),
                        a -> a.attributeName("sk").attributeType("S"))
                    .keySchema(
                        k -> k.attributeName("pk").keyType("HASH"),
                        k -> k.attributeName("sk").keyType("RANGE")));
      }
      configFile = Files.createTempFile("ses-ops-api-it", ".json");
      Files.writeString(
          configFile,
          """
          {"accounts": {
             "production": {"region": "us-east-1", "description": "Production SES account",
                            "role_arn": "arn:aws:iam::%s:role/%s",
                            "verified_domains": ["example.com"], "verified_emails": ["noreply@example.com"]},
             "throttled": {"region": "eu-west-1", "role_arn": "arn:aws:iam::%s:role/%s"}},
           "suppression_cleanup": {"reasons": {"BOUNCE": {"older_than_days": 90}}, "dry_run": true},
           "test_recipients": ["qa@example.com"]}
          """
              .formatted(motoAccount, ROLE, motoAccount, ROLE));
      dns =
          Dnsmasq.start(
              "mx-host=simulator.amazonses.com,inbound-smtp.us-east-1.amazonaws.com,10",
              "local=/example.org/");
      env =
          Map.of(
              "SES_OPS_CONFIG_FILE",
              configFile.toString(),
              "SES_OPS_REPORT_BUCKET",
              bucket,
              "SES_OPS_STATE_TABLE",
              table,
              "SES_OPS_ALERT_TOPIC_ARN",
              topicArn,
              "SES_OPS_DNS_SERVERS",
              dns.hostAndPort(),
              "SES_OPS_SES_CALLS_PER_SECOND",
              "1000",
              "AWS_REGION",
              "us-east-1");
      settings = Settings.fromEnv(env);
      seedSes = sesInMotoAccount();
      // as deployed: member-account sessions name the caller (SourceIdentity)
      handler =
          new ApiHandler(ApiFunction.api(settings, Clock.systemUTC()).withCallerSourceIdentity());
    } catch (IOException | RuntimeException | Error e) {
      Emulator.clearSdkProperties(); // close() never runs for an emulator that did not start
      throw e;
    }
  }

  /** An SES client straight to moto, in the account the config's role lives in. */
  private SesClient sesInMotoAccount() {
    Credentials c;
    try (StsClient sts = Sdk.sts()) {
      c =
          sts.assumeRole(
                  r ->
                      r.roleArn("arn:aws:iam::" + motoAccount + ":role/" + ROLE)
                          .roleSessionName("seed"))
              .credentials();
    }
    return SesClient.builder()
        .endpointOverride(moto)
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsSessionCredentials.create(
                    c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
        .build();
  }

  private void stubs() {
    // SES v1: moto answers everything but the DKIM calls (absent in moto 5.1)
    wiremock.stubFor(
        post(urlEqualTo("/")).atPriority(10).willReturn(aResponse().proxiedFrom(moto.toString())));
    wiremock.stubFor(
        post(urlEqualTo("/"))
            .atPriority(1)
            .withRequestBody(containing("Action=GetIdentityDkimAttributes"))
            .withRequestBody(containing("Identities.member.1=example.com"))
            .inScenario("dkim")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(dkimAttributes("example.com", false, "Pending")));
    wiremock.stubFor(
        post(urlEqualTo("/"))
            .atPriority(1)
            .withRequestBody(containing("Action=SetIdentityDkimEnabled"))
            .withRequestBody(containing("DkimEnabled=true"))
            .inScenario("dkim")
            .willSetStateTo("enabled")
            .willReturn(
                xml(
                    """
            <SetIdentityDkimEnabledResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
              <SetIdentityDkimEnabledResult/>
              <ResponseMetadata><RequestId>6e9ec5b1-4a2d-4c8e-9a8e-2c8f0a1b2c3d</RequestId></ResponseMetadata>
            </SetIdentityDkimEnabledResponse>""")));
    wiremock.stubFor(
        post(urlEqualTo("/"))
            .atPriority(1)
            .withRequestBody(containing("Action=GetIdentityDkimAttributes"))
            .withRequestBody(containing("Identities.member.1=example.com"))
            .inScenario("dkim")
            .whenScenarioStateIs("enabled")
            .willReturn(dkimAttributes("example.com", true, "Success")));
    wiremock.stubFor(
        post(urlEqualTo("/"))
            .atPriority(1)
            .withRequestBody(containing("Action=GetIdentityDkimAttributes"))
            .withRequestBody(containing("Identities.member.1=xn--bcher-kva.example"))
            .willReturn(dkimAttributes("xn--bcher-kva.example", false, "Pending")));

    // SES v2 ListConfigurationSets (the API's and the audit's): SDK 2.59 sends it as POST
    // /v2/email/list-configuration-sets, a route moto does not know
    wiremock.stubFor(
        post(urlEqualTo("/v2/email/list-configuration-sets"))
            .atPriority(1)
            .willReturn(
                json(
                    """
        {"ConfigurationSets": ["ses-ops-it-transactional"]}""")));

    // SES v2 configuration sets, for the audit
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/configuration-sets"))
            .willReturn(
                json(
                    """
        {"ConfigurationSets": ["ses-ops-it-transactional"]}""")));
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/configuration-sets/ses-ops-it-transactional"))
            .willReturn(
                json(
                    """
        {"ConfigurationSetName": "ses-ops-it-transactional",
         "DeliveryOptions": {"TlsPolicy": "REQUIRE"},
         "ReputationOptions": {"ReputationMetricsEnabled": true},
         "SendingOptions": {"SendingEnabled": true},
         "SuppressionOptions": {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]}}""")));
    wiremock.stubFor(
        get(urlPathEqualTo(
                "/v2/email/configuration-sets/ses-ops-it-transactional/event-destinations"))
            .willReturn(json("{\"EventDestinations\": []}")));

    // SES v2 GetAccount: healthy in us-east-1, throttling in eu-west-1
    wiremock.stubFor(SesV2Stubs.getAccount("us-east-1", "HEALTHY", true, true));
    wiremock.stubFor(SesV2Stubs.noTenants());
    wiremock.stubFor(
        SesV2Stubs.getAccount("eu-west-1")
            .willReturn(SesV2Stubs.error(429, "TooManyRequestsException")));

    // CloudWatch reputation: a bounce rate, no complaint data yet (unknown)
    wiremock.stubFor(
        CloudWatchStubs.metricData(
            "us-east-1", new CloudWatchStubs.Point(0.012, Instant.now().minusSeconds(3600)), null));

    // SES v2 suppression list: two pages, details for two addresses, NotFound for any other
    String list = "/v2/email/suppression/addresses";
    wiremock.stubFor(
        get(urlPathEqualTo(list))
            .withQueryParam("NextToken", absent())
            .willReturn(
                json(
                    """
        {"NextToken": "page-2-token",
         "SuppressedDestinationSummaries": [
           {"EmailAddress": "bounce@simulator.amazonses.com", "LastUpdateTime": 1704067200, "Reason": "BOUNCE"},
           {"EmailAddress": "old-bounce@example.org", "LastUpdateTime": 1672531200, "Reason": "BOUNCE"}]}""")));
    wiremock.stubFor(
        get(urlPathEqualTo(list))
            .withQueryParam("NextToken", equalTo("page-2-token"))
            .willReturn(
                json(
                    """
        {"SuppressedDestinationSummaries": [
           {"EmailAddress": "complaint@simulator.amazonses.com", "LastUpdateTime": 1706745600, "Reason": "BOUNCE"}]}""")));
    wiremock.stubFor(
        get(urlPathMatching(list + "/.+"))
            .atPriority(10)
            .willReturn(SesV2Stubs.error(404, "NotFoundException")));
    wiremock.stubFor(
        get(urlPathMatching(list + "/bounce(%40|@)simulator\\.amazonses\\.com"))
            .atPriority(1)
            .willReturn(
                json(
                    """
        {"SuppressedDestination": {"EmailAddress": "bounce@simulator.amazonses.com", "Reason": "BOUNCE",
          "LastUpdateTime": 1704067200,
          "Attributes": {"MessageId": "0100018cc1d2e3f4-aaaa", "FeedbackId": "0100018cc1d2e3f4-bbbb"}}}""")));
    wiremock.stubFor(
        get(urlPathMatching(list + "/a(%2B|\\+)b(%40|@)example\\.com"))
            .atPriority(1)
            .willReturn(
                json(
                    """
        {"SuppressedDestination": {"EmailAddress": "a+b@example.com", "Reason": "COMPLAINT", "LastUpdateTime": 1704067200}}""")));
    wiremock.stubFor(
        delete(urlPathMatching(list + "/.+"))
            .atPriority(10)
            .willReturn(SesV2Stubs.error(404, "NotFoundException")));
    wiremock.stubFor(
        delete(urlPathMatching(list + "/bounce(%40|@)simulator\\.amazonses\\.com"))
            .atPriority(1)
            .willReturn(json("{}")));
    // anything else SES v2 (e.g. the audit's configuration sets): a documented error, not a hang
    wiremock.stubFor(
        any(urlPathMatching("/v2/.*"))
            .atPriority(20)
            .willReturn(SesV2Stubs.error(404, "NotFoundException")));
  }

  private static ResponseDefinitionBuilder dkimAttributes(
      String identity, boolean enabled, String status) {
    return SesStubs.dkimAttributes(
        SesStubs.dkimEntry(
            identity,
            enabled,
            status,
            List.of(
                "vvjuipp74whm76gqoni7qmwwn4w4qusjiainivf6sf",
                "3frqe7jn4obpuxjpwpolz6ipb3k5nvt2nhjpik2oy",
                "wrqplteh7oodxnad7hsl4mixg2uavzneazxv5sxi2")));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  @Override
  public void close() throws IOException {
    Emulator.clearSdkProperties(); // first: a failing close below must not leak the endpoints
    seedSes.close();
    dns.close();
    wiremock.stop();
    Files.deleteIfExists(configFile);
  }
}
