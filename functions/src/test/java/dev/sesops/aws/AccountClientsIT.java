package dev.sesops.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sesops.common.Json;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigParser;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.permissions.SesPermissions;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.SesV2Stubs;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-account credentials over the wire: AssumeRole with the external id, static keys, caching. */
class AccountClientsIT {
  private static final String CONFIG =
      """
      {"accounts": {
         "member": {"region": "eu-west-1", "role_arn": "arn:aws:iam::111122223333:role/ses-ops", "external_id": "ext-1234"},
         "legacy": {"region": "us-east-1", "aws_access_key_id": "AKIALEGACY0000000001", "aws_secret_access_key": "legacy-secret"}}}""";

  private WireMockServer wiremock;
  private AccountClients clients;
  private SesOpsConfig config;

  @BeforeEach
  void setUp() {
    wiremock = new WireMockServer(options().dynamicPort());
    wiremock.start();
    Emulator.pointSdkAt(URI.create(wiremock.baseUrl()));
    for (String service : Emulator.SERVICES) {
      Emulator.pointServiceAt(service, URI.create(wiremock.baseUrl()));
    }
    clients = new AccountClients("us-east-1");
    config = ConfigParser.parse(CONFIG);
    wiremock.stubFor(SesV2Stubs.getAccount("eu-west-1", "HEALTHY", true, true));
    wiremock.stubFor(SesV2Stubs.getAccount("us-east-1", "HEALTHY", true, true));
  }

  @AfterEach
  void tearDown() {
    clients.close();
    wiremock.stop();
    Emulator.clearSdkProperties();
  }

  private void assumeRoleAnswers(Instant expiration) {
    wiremock.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(containing("Action=AssumeRole"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <AssumedRoleUser>
                  <AssumedRoleId>AROA3XFRBF535PLBIFPI4:ses-ops</AssumedRoleId>
                  <Arn>arn:aws:sts::111122223333:assumed-role/ses-ops/ses-ops</Arn>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>ASIAASSUMED000000001</AccessKeyId>
                  <SecretAccessKey>assumed-secret</SecretAccessKey>
                  <SessionToken>assumed-token</SessionToken>
                  <Expiration>%s</Expiration>
                </Credentials>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
            </AssumeRoleResponse>"""
                            .formatted(expiration.truncatedTo(ChronoUnit.SECONDS)))));
  }

  @Test
  void roleAccount_assumesTheRoleWithExternalIdAndSessionName_andSignsWithTheAssumedKeys() {
    assumeRoleAnswers(Instant.now().plusSeconds(3600));
    AccountConfig member = config.account("member");

    clients.sesV2(member).getAccount(b -> {});
    clients.sesV2(member).getAccount(b -> {});

    wiremock.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(
                containing("RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fses-ops"))
            .withRequestBody(containing("RoleSessionName=ses-ops"))
            .withRequestBody(containing("ExternalId=ext-1234")));
    wiremock.verify(
        2,
        getRequestedFor(urlEqualTo(SesV2Stubs.ACCOUNT_PATH))
            .withHeader("Authorization", containing("Credential=ASIAASSUMED000000001/"))
            .withHeader("Authorization", containing("/eu-west-1/ses/"))
            .withHeader("X-Amz-Security-Token", containing("assumed-token")));
    assertThat(clients.sesV2(member)).isSameAs(clients.sesV2(member));
  }

  @Test
  void functionClients_assumeTheMemberRoleAsTheirOwnSession_withTheirPermissionsAsSessionPolicy()
      throws Exception {
    assumeRoleAnswers(Instant.now().plusSeconds(3600));
    try (AccountClients monitor = new AccountClients("us-east-1", Pacing.defaults(), "monitor")) {
      monitor.sesV2(config.account("member")).getAccount(b -> {});
    }

    List<LoggedRequest> assumed =
        wiremock.findAll(
            postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")));
    assertThat(assumed).hasSize(1);
    Map<String, String> form = new HashMap<>();
    for (String pair : assumed.get(0).getBodyAsString().split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    assertThat(form)
        .containsEntry("RoleSessionName", "ses-ops-monitor")
        .containsEntry("ExternalId", "ext-1234");
    JsonNode policy = Json.read(form.get("Policy"));
    List<String> actions = new ArrayList<>();
    policy.at("/Statement/0/Action").forEach(a -> actions.add(a.asText()));
    assertThat(actions)
        .containsExactlyInAnyOrderElementsOf(SesPermissions.memberSession("monitor"))
        .contains("ses:GetAccount", "ses:PutAccountSendingAttributes")
        .doesNotContain(
            "ses:DeleteSuppressedDestination",
            "ses:SendEmail",
            "ses:SetIdentityDkimEnabled",
            "ses:CreateImportJob");
    assertThat(policy.at("/Statement/0/Effect").asText()).isEqualTo("Allow");
  }

  private static Map<String, String> form(LoggedRequest request) {
    Map<String, String> form = new HashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return form;
  }

  @Test
  void aThreadsSession_isAssumedOncePerCallerAndRouteClass_withTheCallerAsSourceIdentity() {
    assumeRoleAnswers(Instant.now().plusSeconds(3600));
    AccountConfig member = config.account("member");
    MemberSession alice = new MemberSession("api-write", "assumed-role.Ops.alice");
    MemberSession bob = new MemberSession("api-write", "assumed-role.Ops.bob");
    try (AccountClients api = new AccountClients("us-east-1", Pacing.defaults(), "api-read")) {
      MemberSession.within(alice, () -> api.sesV2(member).getAccount(b -> {}));
      MemberSession.within(alice, () -> api.sesV2(member).getAccount(b -> {}));
      MemberSession.within(bob, () -> api.sesV2(member).getAccount(b -> {}));
      api.sesV2(member).getAccount(b -> {}); // outside a request: the API's read session
    }

    List<Map<String, String>> assumed =
        wiremock
            .findAll(
                postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")))
            .stream()
            .map(AccountClientsIT::form)
            .toList();
    assertThat(assumed)
        .extracting(f -> f.get("RoleSessionName") + " " + f.getOrDefault("SourceIdentity", "-"))
        .containsExactlyInAnyOrder(
            "ses-ops-api-write assumed-role.Ops.alice",
            "ses-ops-api-write assumed-role.Ops.bob",
            "ses-ops-api-read -");
    assertThat(assumed)
        .allSatisfy(
            f -> {
              assertThat(f).containsEntry("ExternalId", "ext-1234");
              assertThat(f.get("Policy"))
                  .isEqualTo(SesPermissions.sessionPolicy(f.get("RoleSessionName").substring(8)));
            });
  }

  @Test
  void roleAccount_sesV1AndV2Clients_shareOneProvider_andAssumeTheRoleOnce() {
    assumeRoleAnswers(Instant.now().plusSeconds(3600));
    wiremock.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(containing("Action=GetSendQuota"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        """
            <GetSendQuotaResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><GetSendQuotaResult>
            <SentLast24Hours>1.0</SentLast24Hours><Max24HourSend>200.0</Max24HourSend><MaxSendRate>1.0</MaxSendRate>
            </GetSendQuotaResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetSendQuotaResponse>""")));
    AccountConfig member = config.account("member");

    clients.sesV2(member).getAccount(b -> {});
    clients.ses(member).getSendQuota();

    wiremock.verify(
        1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")));
    assertThat(clients.credentials(member)).isSameAs(clients.credentials(config.account("member")));
  }

  @Test
  void roleCredentials_areRefreshedBeforeTheyExpire() {
    // expires within the two-minute stale time: every use must refresh before it signs
    assumeRoleAnswers(Instant.now().plusSeconds(60));
    AccountConfig member = config.account("member");

    clients.sesV2(member).getAccount(b -> {});
    clients.sesV2(member).getAccount(b -> {});

    wiremock.verify(
        2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")));
  }

  @Test
  void staticKeysAccount_signsWithItsOwnKeys_inItsOwnRegion() {
    clients.sesV2(config.account("legacy")).getAccount(b -> {});

    wiremock.verify(
        1,
        getRequestedFor(urlEqualTo(SesV2Stubs.ACCOUNT_PATH))
            .withHeader("Authorization", containing("Credential=AKIALEGACY0000000001/"))
            .withHeader("Authorization", containing("/us-east-1/ses/")));
    wiremock.verify(0, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void sesClientsOfOneAccount_shareOnePacer_andEveryAttemptIncludingRetries_isPaced() {
    AccountConfig legacy = config.account("legacy");
    // SES v1 answers GetSendQuota with 429 twice, then 200: the SDK retries, each attempt paced
    wiremock.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(containing("Action=GetSendQuota"))
            .inScenario("throttled")
            .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
            .willReturn(throttled())
            .willSetStateTo("once"));
    wiremock.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(containing("Action=GetSendQuota"))
            .inScenario("throttled")
            .whenScenarioStateIs("once")
            .willReturn(throttled())
            .willSetStateTo("twice"));
    wiremock.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(containing("Action=GetSendQuota"))
            .inScenario("throttled")
            .whenScenarioStateIs("twice")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        """
                <GetSendQuotaResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><GetSendQuotaResult>
                <SentLast24Hours>1.0</SentLast24Hours><Max24HourSend>200.0</Max24HourSend><MaxSendRate>1.0</MaxSendRate>
                </GetSendQuotaResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetSendQuotaResponse>""")));

    clients.sesV2(legacy).getAccount(b -> {});
    double max = clients.ses(legacy).getSendQuota().max24HourSend();

    assertThat(max).isEqualTo(200.0);
    assertThat(clients.pacer(legacy)).isSameAs(clients.pacer(config.account("legacy")));
    assertThat(clients.pacer(legacy).calls()).isEqualTo(1 + 3);
    assertThat(clients.pacer(legacy).calls("Ses.GetSendQuota")).isEqualTo(3);
    assertThat(clients.pacer(legacy).calls("SesV2.GetAccount")).isEqualTo(1);
    assertThat(clients.pacer(config.account("member")).calls()).isZero();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder throttled() {
    return aResponse()
        .withStatus(400)
        .withHeader("Content-Type", "text/xml")
        .withBody(
            """
        <ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Maximum sending rate exceeded.</Message></Error>
        <RequestId>r-0</RequestId></ErrorResponse>""");
  }
}
